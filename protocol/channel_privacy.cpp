// A channel visitor's own data, as they read it (channel_privacy.hpp).
#include "protocol/channel_privacy.hpp"

namespace tribune::protocol::channels {

using nlohmann::json;

namespace {

template <class Item, class Fill>
json list_of(const std::vector<Item>& items, Fill fill) {
  json out = json::array();
  for (const auto& x : items) out.push_back(fill(x));
  return out;
}

}  // namespace

std::string encode_my_data(const my_channel_data& d) {
  json j = {{"visitor", format_visitor(d.visitor)}, {"name", d.name}};
  j["proposals"] = list_of(d.proposals, [](const my_proposal& p) {
    return json{{"topic", format_topic(p.topic)},
                {"title", p.title},
                {"contact", p.contact ? contact_json(*p.contact) : json(nullptr)}};
  });
  j["opinions"] = list_of(d.opinions, [](const my_opinion& o) {
    return json{{"topic", format_topic(o.topic)}, {"title", o.title}, {"opinion", o.value}, {"feedback", o.feedback}};
  });
  j["comments"] = list_of(d.comments, [](const my_comment& c) {
    return json{{"topic", format_topic(c.topic)},
                {"comment", format_comment(c.comment)},
                {"text", c.text},
                {"hidden", c.hidden}};
  });
  j["applications"] = list_of(d.applications, [](const my_application& a) {
    auto item = application_json(a.application);
    item["topic"] = format_topic(a.topic);
    item["title"] = a.title;
    return item;
  });
  j["sponsor_offers"] = list_of(d.offers, [](const my_offer& o) {
    auto item = offer_json(o.offer);
    item["topic"] = format_topic(o.topic);
    item["title"] = o.title;
    return item;
  });
  j["advance"] = list_of(d.advance, [](const my_advance& a) {
    auto item = advance_json(a.item);
    item["topic"] = format_topic(a.topic);
    return item;
  });
  return j.dump();
}

}  // namespace tribune::protocol::channels
