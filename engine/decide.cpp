#include "engine/decide.hpp"

#include "engine/decide_structured.hpp"
#include "engine/decide_support.hpp"

namespace tribune::engine {
namespace {

using protocol::error_code;
using protocol::role;
using support::events;
using support::is_moderator;
using support::reject;

struct decider {
  const state& s;
  const actor& who;

  // The audience member issuing the command, if they may still act.
  std::variant<const participant*, rejection> active_participant() const {
    if (who.role != role::audience) return reject(error_code::forbidden, "only audience members may do this");
    const auto* p = s.find_participant(who.participant);
    if (p == nullptr) return reject(error_code::unauthorized, "unknown participant");
    if (p->banned) return reject(error_code::banned, "a moderator banned this participant");
    return p;
  }

  std::variant<const question*, rejection> moderated_question(question_id id) const {
    if (!is_moderator(who)) return support::not_moderator();
    const auto* q = s.find_question(id);
    if (q == nullptr) return reject(error_code::unknown_question, "no such question");
    return q;
  }

  std::variant<const participant*, rejection> moderated_participant(participant_id id) const {
    if (!is_moderator(who)) return support::not_moderator();
    const auto* p = s.find_participant(id);
    if (p == nullptr) return reject(error_code::unknown_participant, "no such participant");
    return p;
  }

  static bool open(const question& q) {
    return q.status == question_status::approved || q.status == question_status::answered;
  }

  decision operator()(const cmd::create_debate& c) const {
    if (s.exists) return reject(error_code::debate_exists, "this debate already exists");
    if (who.role != role::organizer) return reject(error_code::forbidden, "only the organizer creates debates");
    return events{ev::debate_created{c.debate, c.moderator, c.stage}};
  }

  decision operator()(const cmd::join& c) const {
    if (who.role != role::system) return reject(error_code::forbidden, "joining is done through the join link");
    const auto id = static_cast<participant_id>(s.participants.size() + 1);
    auto name = c.display_name.empty() ? "Guest " + std::to_string(id) : c.display_name;
    return events{ev::participant_joined{id, std::move(name), c.cred}};
  }

  decision operator()(const protocol::ask& c) const {
    const auto p = active_participant();
    if (const auto* r = std::get_if<rejection>(&p)) return *r;
    if (std::get<const participant*>(p)->muted) return reject(error_code::muted, "a moderator muted this participant");
    if (!structured::audience_may(s, protocol::audience_may::questions)) {
      return reject(error_code::not_in_this_segment, "questions are not open in this segment");
    }
    const auto id = static_cast<question_id>(s.questions.size() + 1);
    return events{ev::question_asked{id, who.participant, c.text, c.anonymous}};
  }

  decision operator()(const protocol::upvote& c) const {
    const auto p = active_participant();
    if (const auto* r = std::get_if<rejection>(&p)) return *r;
    const auto* q = s.find_question(c.question);
    if (q == nullptr) return reject(error_code::unknown_question, "no such question");
    if (!open(*q)) return reject(error_code::question_not_open, "only approved questions can be upvoted");
    // Voting twice the same way is a no-op, not a second vote: it appends nothing.
    if (q->voters.contains(who.participant) == c.on) return events{};
    return events{ev::upvote_changed{c.question, who.participant, c.on}};
  }

  decision operator()(const protocol::approve& c) const {
    const auto q = moderated_question(c.question);
    if (const auto* r = std::get_if<rejection>(&q)) return *r;
    if (std::get<const question*>(q)->status != question_status::pending) {
      return reject(error_code::question_not_pending, "only pending questions can be approved");
    }
    return events{ev::question_approved{c.question}};
  }

  decision operator()(const protocol::dismiss& c) const {
    const auto q = moderated_question(c.question);
    if (const auto* r = std::get_if<rejection>(&q)) return *r;
    if (std::get<const question*>(q)->status == question_status::dismissed) {
      return reject(error_code::already_dismissed, "this question is already dismissed");
    }
    return events{ev::question_dismissed{c.question, c.reason}};
  }

  decision operator()(const protocol::mark_answered& c) const {
    const auto q = moderated_question(c.question);
    if (const auto* r = std::get_if<rejection>(&q)) return *r;
    const auto status = std::get<const question*>(q)->status;
    if (status == question_status::answered) return events{};
    if (status != question_status::approved) {
      return reject(error_code::question_not_open, "only approved questions can be answered");
    }
    events out{ev::question_answered{c.question}};
    return out;
  }

  decision operator()(const protocol::pin& c) const {
    const auto q = moderated_question(c.question);
    if (const auto* r = std::get_if<rejection>(&q)) return *r;
    const auto* target = std::get<const question*>(q);
    if (!open(*target)) return reject(error_code::question_not_open, "only approved questions can be pinned");
    if (target->pinned == c.pinned) return events{};
    return events{ev::question_pinned{c.question, c.pinned}};
  }

  decision operator()(const protocol::put_on_air& c) const {
    if (!is_moderator(who)) return support::not_moderator();
    if (c.question) {
      const auto* q = s.find_question(*c.question);
      if (q == nullptr) return reject(error_code::unknown_question, "no such question");
      if (!open(*q)) return reject(error_code::question_not_open, "only approved questions can go on air");
    }
    if (s.on_air == c.question) return events{};
    return events{ev::on_air_changed{c.question}};
  }

  decision operator()(const protocol::mute& c) const {
    const auto p = moderated_participant(c.participant);
    if (const auto* r = std::get_if<rejection>(&p)) return *r;
    if (std::get<const participant*>(p)->muted == c.muted) return events{};
    return events{ev::participant_muted{c.participant, c.muted}};
  }

  decision operator()(const protocol::ban& c) const {
    const auto p = moderated_participant(c.participant);
    if (const auto* r = std::get_if<rejection>(&p)) return *r;
    if (std::get<const participant*>(p)->banned) return events{};
    return events{ev::participant_banned{c.participant, c.reason}};
  }

  decision operator()(const cmd::set_moderation_private& c) const {
    if (who.role != role::organizer) return reject(error_code::forbidden, "only the organizer may change this");
    if (s.moderation_private == c.is_private) return events{};
    return events{ev::moderation_visibility_changed{c.is_private}};
  }

  decision operator()(const cmd::rotate_links& c) const {
    if (who.role != role::organizer) return reject(error_code::forbidden, "only the organizer may change links");
    return events{ev::links_rotated{c.moderator, c.stage}};
  }

  // The structured debate: format, stage, arguments and polls.
  template <class C>
  decision operator()(const C& c) const {
    return structured::decide(s, who, c);
  }

  decision operator()(const cmd::record_reactions& c) const {
    if (who.role != role::system) return reject(error_code::forbidden, "reactions are counted by the room");
    for (const auto n : c.counts) {
      if (n != 0) return events{ev::reactions_recorded{c.counts}};
    }
    return events{};
  }
};

}  // namespace

decision decide(const state& s, const actor& who, const command& c) {
  const bool creating = std::holds_alternative<cmd::create_debate>(c);
  if (!s.exists && !creating) return reject(error_code::not_found, "no such debate");
  return std::visit(decider{s, who}, c);
}

}  // namespace tribune::engine
