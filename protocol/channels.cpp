#include "protocol/channels.hpp"

#include <algorithm>
#include <cctype>

#include "protocol/body.hpp"
#include "protocol/fields.hpp"
#include "protocol/search.hpp"
#include "protocol/settings.hpp"
#include "protocol/text.hpp"

namespace tribune::protocol::channels {
namespace {

using json = nlohmann::json;

// A list of distinct category names, each a one-line text; absent: the default list.
std::vector<std::string> read_categories(const json& obj) {
  const auto it = obj.find("categories");
  if (it == obj.end() || it->is_null()) return default_categories();
  if (!it->is_array() || it->empty() || it->size() > max_categories) {
    throw field_error{invalid("categories", "a list of 1 to 20 names")};
  }
  std::vector<std::string> out;
  for (const auto& item : *it) {
    if (!item.is_string()) throw field_error{invalid("categories", "each category is a text")};
    auto name = checked_text("categories", item.get_ref<const std::string&>(), {max_category_chars});
    if (std::find(out.begin(), out.end(), name) != out.end()) {
      throw field_error{invalid("categories", "each category is named once")};
    }
    out.push_back(std::move(name));
  }
  return out;
}

std::vector<language> read_languages(const json& obj) {
  const auto it = obj.find("languages");
  if (it == obj.end() || it->is_null()) return {language::fr, language::en};
  if (!it->is_array() || it->empty() || it->size() > 2) {
    throw field_error{invalid("languages", R"(a list of "fr" and "en")")};
  }
  std::vector<language> out;
  for (const auto& item : *it) {
    const auto value = item.is_string() ? parse_word<language>(item.get_ref<const std::string&>()) : std::nullopt;
    if (!value || std::find(out.begin(), out.end(), *value) != out.end()) {
      throw field_error{invalid("languages", R"(a list of "fr" and "en", each once)")};
    }
    out.push_back(*value);
  }
  return out;
}

json tally_json(const tally& t) {
  json j = json::object();
  for (std::size_t i = 0; i < opinion_kinds; ++i) j[std::string(word(static_cast<opinion>(i)))] = t.counts[i];
  return j;
}

json summary_json(const topic_summary& t) {
  json j = {{"id", format_topic(t.id)},     {"title", t.title},
            {"category", t.category},       {"format", t.format},
            {"status", t.status},           {"proposed_by", t.proposed_by},
            {"proposed_at", t.proposed_at}, {"opinions", tally_json(t.opinions)}};
  if (t.starts_at != 0) j["schedule"] = {{"starts_at", t.starts_at}, {"time_zone", t.time_zone}, {"place", t.place}};
  if (!t.debate_code.empty()) j["debate_code"] = t.debate_code;
  if (!t.sponsor.empty()) j["sponsor"] = t.sponsor;
  if (!t.hidden.empty()) j["hidden"] = t.hidden;
  return j;
}

// An IANA time zone name: letters, digits and "/_+-", starting with a letter.
bool time_zone_name(std::string_view s) {
  if (s.empty() || s.size() > max_time_zone_chars || std::isalpha(static_cast<unsigned char>(s[0])) == 0) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '/' || c == '_' || c == '+' || c == '-';
  });
}

// The contact a submission leaves, with the consent it needs: `consent` must be true.
std::string read_contact(const fields& f, const char* why) {
  auto contact = f.text("contact", {max_contact_chars});
  if (!f.flag("consent", false)) throw field_error{invalid("consent", why)};
  return contact;
}

// A contact a visitor may leave with a proposal: none, or one with at least one consent.
contact_consents read_optional_contact(const fields& f) {
  contact_consents c{f.optional_text("contact", {max_contact_chars, true}), f.flag("consent", false),
                     f.flag("sponsor_consent", false)};
  if (c.contact.empty()) return {};
  if (!c.brand && !c.sponsor) {
    throw field_error{invalid("consent", "true, or sponsor_consent true: a contact is kept only with a consent")};
  }
  return c;
}

json moderation_json(const std::vector<moderation_entry>& log) {
  json out = json::array();
  for (const auto& e : log) {
    json item = {{"at", e.at}, {"action", e.action}, {"topic", format_topic(e.topic)}, {"reason", e.reason}};
    if (e.comment != 0) item["comment"] = format_comment(e.comment);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

json application_json(const application_view& a) {
  json j = {{"applicant", format_visitor(a.applicant)},
            {"by", a.by},
            {"at", a.at},
            {"motivation", a.motivation},
            {"contact", a.contact},
            {"sponsor_consent", a.sponsor_consent}};
  if (a.opinion_given) j["opinion"] = *a.opinion_given;
  if (a.cast) {
    j["cast"] = {{"panelist", format_panelist(a.cast->panelist)}, {"role", a.cast->role}, {"side", a.cast->stance}};
  }
  return j;
}

json offer_json(const offer_view& o) {
  return {{"sponsor", format_visitor(o.sponsor)}, {"by", o.by},           {"at", o.at},
          {"organisation", o.organisation},       {"message", o.message}, {"contact", o.contact}};
}

json contact_json(const contact_consents& c) {
  return {{"contact", c.contact}, {"consent", c.brand}, {"sponsor_consent", c.sponsor}};
}

std::vector<std::string> default_categories() {
  return {"Informatique, numérique et social business",
          "RH et management",
          "Entrepreneuriat, innovation et recherche",
          "Marchés d'affaires et professionnels",
          "Décision tactique et stratégique",
          "Marketing et publicité",
          "Trouvailles et tendances",
          "Économie et société",
          "Politique"};
}

decoded<create_channel> decode_create_channel(std::string_view body) {
  return read_body<create_channel>(body, [](const json& obj) {
    const fields f(obj);
    create_channel c;
    c.name = f.text("name", {max_channel_name_chars});
    c.description = f.optional_text("description", {max_channel_description_chars, true, true});
    auto b = read_brand(obj);
    c.accent = std::move(b.accent);
    c.logo = std::move(b.logo);
    c.categories = read_categories(obj);
    c.languages = read_languages(obj);
    return c;
  });
}

decoded<propose_topic> decode_propose_topic(std::string_view body) {
  return read_body<propose_topic>(body, [](const fields& f) {
    return propose_topic{f.text("title", {max_topic_title_chars}),
                         f.text("pitch", {max_pitch_chars, false, true}),
                         f.text("category", {max_category_chars}),
                         f.word<show_format>("format", show_format::talk_show),
                         f.word<treatment>("treatment", treatment::methodology),
                         f.optional_text("location", {max_location_chars}),
                         read_optional_contact(f)};
  });
}

decoded<give_opinion> decode_give_opinion(std::string_view body, topic_id topic) {
  return read_body<give_opinion>(body, [topic](const fields& f) {
    return give_opinion{topic, f.word<opinion>("opinion"),
                        f.optional_text("feedback", {max_feedback_chars, true, true})};
  });
}

decoded<answer_topic> decode_answer_topic(std::string_view body, topic_id topic) {
  return read_body<answer_topic>(body, [topic](const fields& f) {
    answer_topic a{topic, f.word<answer_kind>("answer"), f.optional_text("text", {max_answer_chars, true, true}), 0};
    if (a.kind != answer_kind::accept && a.text.empty()) {
      throw field_error{error{error_code::empty_text, "text: a decline or a merge says why, in public"}};
    }
    if (a.kind == answer_kind::merge) {
      a.into = f.id<topic_id>("into", parse_topic);
    } else if (f.given("into")) {
      throw field_error{invalid("into", "only a merge names another topic")};
    }
    return a;
  });
}

decoded<post_comment> decode_post_comment(std::string_view body, topic_id topic) {
  return read_body<post_comment>(body, [topic](const fields& f) {
    return post_comment{topic, f.text("text", {max_comment_chars, false, true}),
                        f.optional_id<comment_id>("reply_to", parse_comment).value_or(0)};
  });
}

decoded<hide_comment> decode_hide_comment(std::string_view body, topic_id topic, comment_id comment) {
  return read_body<hide_comment>(body, [topic, comment](const fields& f) {
    return hide_comment{topic, comment, f.text("reason", {max_hide_reason_chars})};
  });
}

decoded<hide_topic> decode_hide_topic(std::string_view body, topic_id topic) {
  return read_body<hide_topic>(body, [topic](const fields& f) {
    return hide_topic{topic, f.text("reason", {max_hide_reason_chars})};
  });
}

decoded<apply_to_speak> decode_apply_to_speak(std::string_view body, topic_id topic) {
  return read_body<apply_to_speak>(body, [topic](const fields& f) {
    auto motivation = f.text("motivation", {max_motivation_chars, false, true});
    auto contact = read_contact(f, "true: an application is sent with the consent to be contacted about it");
    return apply_to_speak{topic, std::move(motivation), std::move(contact), f.flag("sponsor_consent", false)};
  });
}

decoded<offer_sponsorship> decode_offer_sponsorship(std::string_view body, topic_id topic) {
  return read_body<offer_sponsorship>(body, [topic](const fields& f) {
    auto organisation = f.text("organisation", {max_organisation_chars});
    auto message = f.optional_text("message", {max_offer_message_chars, true, true});
    return offer_sponsorship{topic, std::move(organisation), std::move(message),
                             read_contact(f, "true: an offer is sent with the consent to be contacted about it")};
  });
}

decoded<schedule_topic> decode_schedule_topic(std::string_view body, topic_id topic) {
  return read_body<schedule_topic>(body, [topic](const json& obj) {
    const fields f(obj);
    const auto at = obj.find("starts_at");
    if (at == obj.end() || !at->is_number_integer() || at->get<std::int64_t>() < min_starts_at_ms ||
        at->get<std::int64_t>() > max_starts_at_ms) {
      throw field_error{invalid("starts_at", "milliseconds since the epoch, between 2020 and 2100")};
    }
    auto zone = f.string("time_zone", max_time_zone_chars);
    if (!time_zone_name(zone)) throw field_error{invalid("time_zone", R"(an IANA time zone such as "Europe/Paris")")};
    return schedule_topic{topic, at->get<std::int64_t>(), std::move(zone),
                          f.optional_text("place", {max_location_chars})};
  });
}

decoded<open_debate> decode_open_debate(std::string_view body, topic_id topic) {
  return read_body<open_debate>(body, [topic](const fields& f) {
    open_debate o{topic, std::nullopt};
    if (f.given("format")) o.format = f.word<show_format>("format");
    return o;
  });
}

decoded<cast_applicant> decode_cast_applicant(std::string_view body, topic_id topic) {
  return read_body<cast_applicant>(body, [topic](const fields& f) {
    return cast_applicant{topic, f.id<visitor_id>("applicant", parse_visitor),
                          f.word<panel_role>("role", panel_role::panelist), f.word<side>("side", side::none)};
  });
}

decoded<accept_sponsor> decode_accept_sponsor(std::string_view body, topic_id topic) {
  return read_body<accept_sponsor>(body, [topic](const json& obj) {
    const auto it = obj.find("sponsor");
    if (it != obj.end() && it->is_null()) return accept_sponsor{topic, 0};
    return accept_sponsor{topic, fields(obj).id<visitor_id>("sponsor", parse_visitor)};
  });
}

std::string encode_channel(const channel_view& v) {
  json topics = json::array();
  for (const auto& t : v.topics) topics.push_back(summary_json(t));
  json j = {{"id", v.id},
            {"name", v.name},
            {"description", v.description},
            {"categories", v.categories},
            {"languages", v.languages},
            {"awaiting_answer", v.awaiting_answer},
            {"moderation", moderation_json(v.moderation)},
            {"total", v.total},
            {"offset", v.offset},
            {"topics", std::move(topics)}};
  if (!v.accent.empty()) j["accent"] = v.accent;
  if (!v.logo.empty()) j["logo"] = v.logo;
  if (v.oldest_awaiting_since != 0) j["oldest_awaiting_since"] = v.oldest_awaiting_since;
  return j.dump();
}

decoded<channel_query> decode_channel_query(const std::vector<std::pair<std::string, std::string>>& params) {
  channel_query out;
  const auto number = [](const std::string& key, const std::string& text, std::size_t low, std::size_t high) {
    std::size_t value = 0;
    const bool digits = !text.empty() && text.size() <= 6 &&
                        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) value = std::stoul(text);
    if (!digits || value < low || value > high) {
      throw field_error{invalid(key, "a whole number from " + std::to_string(low) + " to " + std::to_string(high))};
    }
    return value;
  };
  try {
    for (const auto& [key, value] : params) {
      if (key == "q") {
        out.words = search_words(checked_text("q", value, {max_query_chars, true}));
      } else if (key == "category") {
        out.category = checked_text("category", value, {max_category_chars, true});
      } else if (key == "status") {
        out.status = parse_word<topic_status>(value);
        if (!out.status) throw field_error{invalid("status", "one of the topics' statuses")};
      } else if (key == "offset") {
        out.offset = number(key, value, 0, 100000);
      } else if (key == "limit") {
        out.limit = number(key, value, 1, max_topics_page);
      } else {
        throw field_error{invalid(key, "not a parameter: q, category, status, offset or limit")};
      }
    }
  } catch (const field_error& e) {
    return e.err;
  }
  return out;
}

std::string encode_identity(std::string_view name, std::string_view token) {
  return json{{"name", name}, {"token", token}}.dump();
}

std::string encode_topic(const topic_detail& t) {
  json j = summary_json(t.summary);
  j["pitch"] = t.pitch;
  j["treatment"] = t.treated;
  if (!t.location.empty()) j["location"] = t.location;
  if (t.answered_at != 0) {
    j["answer"] = t.answer;
    j["answered_at"] = t.answered_at;
  }
  if (t.merged_into != 0) j["merged_into"] = format_topic(t.merged_into);
  if (!t.flag.empty()) j["flag"] = t.flag;
  if (t.mine) {
    j["mine"] = {{"opinion", *t.mine}, {"feedback", t.my_feedback}};
  }
  json comments = json::array();
  for (const auto& c : t.comments) {
    json item = {{"id", format_comment(c.id)}, {"by", c.by}, {"at", c.at}, {"text", c.text}};
    if (c.reply_to != 0) item["reply_to"] = format_comment(c.reply_to);
    if (c.hidden) item["hidden"] = c.hidden_reason;
    if (!c.flag.empty()) item["flag"] = c.flag;
    comments.push_back(std::move(item));
  }
  j["comments"] = std::move(comments);
  j["applicants"] = t.applicants;
  if (t.my_application) j["my_application"] = application_json(*t.my_application);
  if (t.my_offer) j["my_offer"] = offer_json(*t.my_offer);
  if (t.proposer_contact) {
    j["proposer_contact"] = contact_json(*t.proposer_contact);
  }
  if (!t.applications.empty()) {
    json list = json::array();
    for (const auto& a : t.applications) list.push_back(application_json(a));
    j["applications"] = std::move(list);
  }
  if (!t.offers.empty()) {
    json list = json::array();
    for (const auto& o : t.offers) list.push_back(offer_json(o));
    j["sponsor_offers"] = std::move(list);
  }
  if (!t.feedback.empty()) {
    json list = json::array();
    for (const auto& [name, text] : t.feedback) list.push_back({{"name", name}, {"text", text}});
    j["feedback"] = std::move(list);
  }
  if (t.preparation) j["preparation"] = preparation_json(*t.preparation);
  json related = json::array();
  for (const auto& r : t.related) related.push_back(summary_json(r));
  j["related"] = std::move(related);
  j["advance_count"] = t.advance_count;
  j["advance_open"] = t.advance_open;
  const auto list = [](const std::vector<advance_view>& items) {
    json out = json::array();
    for (const auto& a : items) out.push_back(advance_json(a));
    return out;
  };
  if (!t.my_advance.empty()) j["my_advance"] = list(t.my_advance);
  if (!t.advance.empty()) j["advance"] = list(t.advance);
  return j.dump();
}

}  // namespace tribune::protocol::channels
