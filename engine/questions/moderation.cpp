// Moderating people (mute, ban) and the public moderation log, whose details the organizer may
// hide from the public while keeping every entry visible: a removal is never silent.
#include <cassert>

#include "engine/decision.hpp"
#include "engine/questions/questions.hpp"
#include "engine/state.hpp"

namespace tribune::engine {
namespace {

using protocol::error_code;
using protocol::moderation_action;

std::variant<const participant*, rejection> moderated_participant(const state& s, const actor& who, participant_id id) {
  if (!is_moderator(who)) return not_moderator();
  const auto* p = s.find_participant(id);
  if (p == nullptr) return reject(error_code::unknown_participant, "no such participant");
  return p;
}

}  // namespace

decision decide(const state& s, const context& c, const protocol::mute& x) {
  const auto p = moderated_participant(s, c.who, x.participant);
  if (const auto* r = std::get_if<rejection>(&p)) return *r;
  if (std::get<const participant*>(p)->muted == x.muted) return events{};
  return events{ev::participant_muted{x.participant, x.muted}};
}

decision decide(const state& s, const context& c, const protocol::ban& x) {
  const auto p = moderated_participant(s, c.who, x.participant);
  if (const auto* r = std::get_if<rejection>(&p)) return *r;
  if (std::get<const participant*>(p)->banned) return events{};
  return events{ev::participant_banned{x.participant, x.reason}};
}

decision decide(const state& s, const context& c, const cmd::set_moderation_private& x) {
  if (c.who.role != protocol::role::organizer) {
    return reject(error_code::forbidden, "only the organizer may change this");
  }
  if (s.moderation_private == x.is_private) return events{};
  return events{ev::moderation_visibility_changed{x.is_private}};
}

void add_log(state& s, const event& e, moderation_action action, log_entry about) {
  about.seq = e.seq;
  about.at = e.at;
  about.action = action;
  about.by = e.by;
  s.log.push_back(std::move(about));
}

void apply(state& s, const event& e, const ev::participant_muted& x) {
  s.find_participant(x.participant)->muted = x.muted;
  add_log(s, e, x.muted ? moderation_action::muted : moderation_action::unmuted,
          log_entry{.participant = x.participant, .reason = {}});
}

void apply(state& s, const event& e, const ev::participant_banned& x) {
  s.find_participant(x.participant)->banned = true;
  add_log(s, e, moderation_action::banned, log_entry{.participant = x.participant, .reason = x.reason});
}

void apply(state& s, const event& e, const ev::moderation_visibility_changed& x) {
  s.moderation_private = x.is_private;
  add_log(s, e, x.is_private ? moderation_action::made_private : moderation_action::made_public, log_entry{});
}

protocol::wire::log_entry log_view(const state& s, const log_entry& entry, view v) {
  const bool hide = v == view::public_view && s.moderation_private;
  protocol::wire::log_entry out{entry.seq, entry.at, entry.action, {}, {}, {}, {}, {}, {}};
  if (const auto by = acted_by(s, entry.by, v); !by.empty()) out.by = std::string(by);
  if (entry.question != 0) {
    out.question = protocol::wire::logged_item{entry.question, {}};
    if (!hide) out.question->text = s.find_question(entry.question)->text;
  }
  if (entry.argument != 0) {
    out.argument = protocol::wire::logged_item{entry.argument, {}};
    if (!hide) out.argument->text = s.find_argument(entry.argument)->text;
  }
  if (entry.participant != 0) out.participant = participant_ref(s, entry.participant);
  if (!entry.reason.empty() && !hide) out.reason = entry.reason;
  if (entry.into != 0) {
    // The question a duplicate went to: its text only where the public may read it (approved).
    const auto* into = s.find_question(entry.into);
    out.into = protocol::wire::logged_item{entry.into, {}};
    if (!hide && (v == view::moderator_view || into->open())) out.into->text = into->text;
  }
  return out;
}

protocol::data::participant_muted view_of(const state& s, const ev::participant_muted& x, view v) {
  return {x.participant, x.muted, log_view(s, s.log.back(), v)};
}

protocol::data::participant_banned view_of(const state& s, const ev::participant_banned& x, view v) {
  return {x.participant, log_view(s, s.log.back(), v)};
}

protocol::data::moderation_changed view_of(const state& s, const ev::moderation_visibility_changed& x, view v) {
  return {x.is_private, log_view(s, s.log.back(), v)};
}

}  // namespace tribune::engine
