// Sent before the show: a visitor of the channel, on an accepted topic whose show has not opened,
// at most a few in any ten minutes; the organizer reads them all; the server takes them into the
// show's queue once, when the show opens.
#include "engine/channel/advance.hpp"

#include <algorithm>

#include "engine/channel/rates.hpp"

namespace tribune::engine::channel::advance {
namespace {

using protocol::error_code;
using events = std::vector<event_body>;

rejection reject(error_code code, std::string detail) { return rejection{code, std::move(detail)}; }

}  // namespace

pc::advance_view view_of(const state& s, const ev::advance_sent& a, std::int64_t at) {
  const auto* who = s.find_identity(a.by);
  return pc::advance_view{a.item,       who != nullptr ? who->name : std::string(), at, a.what.kind, a.what.text,
                          a.what.stance};
}

decision on(const state& s, const context& c, const pc::send_advance& x) {
  const auto* who = s.find_identity(c.by.identity);
  if (who == nullptr) return reject(error_code::forbidden, "sent before the show by a visitor of the channel");
  const auto* t = s.find_topic(x.topic);
  if (t == nullptr) return reject(error_code::unknown_topic, "no such topic");
  if (t->status == pc::topic_status::declined || t->status == pc::topic_status::merged) {
    return reject(error_code::topic_closed, "this topic was declined or merged");
  }
  if (t->status == pc::topic_status::proposed) {
    return reject(error_code::topic_not_accepted, "questions are sent once the topic is accepted");
  }
  if (t->show_opened || t->status == pc::topic_status::ended) {
    return reject(error_code::advance_closed, "the show has opened: ask in the room");
  }
  if (over_rate(who->recent_advance, pc::advance_per_window, pc::advance_window_ms, c.now)) {
    return reject(error_code::rate_limited,
                  "at most " + std::to_string(pc::advance_per_window) + " questions and arguments in ten minutes");
  }
  return events{ev::advance_sent{static_cast<std::uint32_t>(t->advance.size() + 1), c.by.identity, x}};
}

decision on(const state& s, const context& c, const take_advance& x) {
  if (!c.by.organizer) return reject(error_code::forbidden, "only the server takes them into the show");
  const auto* t = s.find_topic(x.topic);
  if (t == nullptr) return reject(error_code::unknown_topic, "no such topic");
  if (x.upto > t->advance.size() || x.upto < t->advance_taken) {
    return reject(error_code::invalid_field, "upto: not a count of items sent");
  }
  if (t->show_opened && x.upto == t->advance_taken) return events{};
  return events{ev::advance_taken{x.topic, x.upto}};
}

void apply(state& s, const event& e, const ev::advance_sent& x) {
  auto& t = s.topics[x.what.topic - 1];
  t.advance.push_back(x);
  t.advance_at.push_back(e.at);
  remember(s.identities[x.by - 1].recent_advance, pc::advance_per_window, e.at);
}

void apply(state& s, const event&, const ev::advance_taken& x) {
  auto& t = s.topics[x.topic - 1];
  t.advance_taken = x.upto;
  t.show_opened = true;
  if (t.status != pc::topic_status::ended) t.status = pc::topic_status::live;
}

void show(const state& s, const topic& t, const who& by, pc::topic_detail& d) {
  d.advance_count = t.advance.size();
  d.advance_open =
      !t.show_opened && (t.status == pc::topic_status::accepted || t.status == pc::topic_status::scheduled);
  for (std::size_t i = 0; i < t.advance.size(); ++i) {
    const auto& a = t.advance[i];
    if (by.organizer) d.advance.push_back(view_of(s, a, t.advance_at[i]));
    if (by.identity != 0 && a.by == by.identity) d.my_advance.push_back(view_of(s, a, t.advance_at[i]));
  }
}

std::vector<const ev::advance_sent*> not_taken(const topic& t) {
  std::vector<const ev::advance_sent*> out;
  out.reserve(t.advance.size() - std::min<std::size_t>(t.advance_taken, t.advance.size()));
  for (std::size_t i = t.advance_taken; i < t.advance.size(); ++i) out.push_back(&t.advance[i]);
  return out;
}

}  // namespace tribune::engine::channel::advance
