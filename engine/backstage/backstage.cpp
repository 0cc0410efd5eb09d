// Backstage cues and the moderators' messages: who may send them, and what each shows (backstage.hpp).
#include "engine/backstage/backstage.hpp"

#include <algorithm>

#include "engine/decision.hpp"
#include "engine/state.hpp"

namespace tribune::engine {
namespace {

using protocol::error_code;

protocol::wire::cue cue_view(const cue& c) {
  return protocol::wire::cue{c.id, c.panelist, c.kind, c.text, c.at, c.acknowledged_at};
}

}  // namespace

decision decide(const state& s, const context& c, const protocol::send_cue& x) {
  if (!is_moderator(c.who)) return reject(error_code::forbidden, "only moderators send cues");
  if (s.find_panelist(x.panelist) == nullptr) return reject(error_code::unknown_panelist, "no such panelist");
  const auto id = static_cast<cue_id>(s.cues.size() + 1);
  return events{ev::cue_sent{id, x.panelist, x.cue, x.text}};
}

decision decide(const state& s, const context& c, const protocol::acknowledge_cue& x) {
  if (c.who.role != protocol::role::panelist) {
    return reject(error_code::forbidden, "only a panelist acknowledges a cue");
  }
  // A cue sent to someone else is not theirs to see, let alone acknowledge: the same answer as none.
  const auto* found = x.cue >= 1 && x.cue <= s.cues.size() ? &s.cues[x.cue - 1] : nullptr;
  if (found == nullptr || found->panelist != c.who.panelist) {
    return reject(error_code::unknown_cue, "no such cue sent to you");
  }
  if (found->acknowledged_at) return events{};
  return events{ev::cue_acknowledged{x.cue}};
}

decision decide(const state& s, const context& c, const protocol::post_staff_message& x) {
  if (!is_moderator(c.who)) return not_moderator();
  return events{ev::staff_message_posted{static_cast<staff_message_id>(s.staff_messages.size() + 1), x.text}};
}

void apply(state& s, const event& e, const ev::cue_sent& x) {
  s.cues.push_back(cue{x.cue, x.panelist, x.kind, x.text, e.at, std::nullopt});
}

void apply(state& s, const event& e, const ev::cue_acknowledged& x) { s.cues[x.cue - 1].acknowledged_at = e.at; }

void apply(state& s, const event& e, const ev::staff_message_posted& x) {
  s.staff_messages.push_back(staff_message{x.message, x.text, e.at, e.by});
}

protocol::data::cue_changed view_of(const state& s, const ev::cue_sent& x, view) {
  return {cue_view(s.cues[x.cue - 1])};
}

protocol::data::cue_changed view_of(const state& s, const ev::cue_acknowledged& x, view) {
  return {cue_view(s.cues[x.cue - 1])};
}

protocol::data::staff_message_posted view_of(const state& s, const ev::staff_message_posted& x, view) {
  const auto& m = s.staff_messages[x.message - 1];
  return {protocol::wire::staff_message{m.id, m.text, m.at, std::string(moderator_name(s, m.by))}};
}

protocol::wire::backstage backstage_view(const state& s) {
  protocol::wire::backstage out;
  const auto keep = protocol::backstage_kept_in_view;
  const auto from_cue = s.cues.size() > keep ? s.cues.size() - keep : 0;
  for (auto i = from_cue; i < s.cues.size(); ++i) out.cues.push_back(cue_view(s.cues[i]));
  const auto from_message = s.staff_messages.size() > keep ? s.staff_messages.size() - keep : 0;
  for (auto i = from_message; i < s.staff_messages.size(); ++i) {
    const auto& m = s.staff_messages[i];
    out.messages.push_back(protocol::wire::staff_message{m.id, m.text, m.at, std::string(moderator_name(s, m.by))});
  }
  return out;
}

std::vector<protocol::wire::cue> open_cues(const state& s, panelist_id panelist) {
  std::vector<protocol::wire::cue> out;
  for (const auto& c : s.cues) {
    if (c.panelist == panelist && !c.acknowledged_at) out.push_back(cue_view(c));
  }
  // The latest few: a panelist who never looked does not get a backlog.
  const auto keep = static_cast<std::ptrdiff_t>(protocol::backstage_kept_in_view);
  if (std::ssize(out) > keep) out.erase(out.begin(), out.end() - keep);
  return out;
}

}  // namespace tribune::engine
