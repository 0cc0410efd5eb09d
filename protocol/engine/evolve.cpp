#include <cassert>

#include "protocol/engine/state.hpp"

namespace tribune::engine {

std::string_view to_string(question_status s) noexcept {
  switch (s) {
    case question_status::pending: return "pending";
    case question_status::approved: return "approved";
    case question_status::answered: return "answered";
    case question_status::dismissed: return "dismissed";
  }
  return "unknown";
}

std::string_view to_string(moderation_action a) noexcept {
  switch (a) {
    case moderation_action::dismissed: return "dismissed";
    case moderation_action::muted: return "muted";
    case moderation_action::unmuted: return "unmuted";
    case moderation_action::banned: return "banned";
    case moderation_action::made_private: return "moderation_private";
    case moderation_action::made_public: return "moderation_public";
  }
  return "unknown";
}

const participant* state::find_participant(participant_id id) const noexcept {
  return id >= 1 && id <= participants.size() ? &participants[id - 1] : nullptr;
}
const question* state::find_question(question_id id) const noexcept {
  return id >= 1 && id <= questions.size() ? &questions[id - 1] : nullptr;
}
participant* state::find_participant(participant_id id) noexcept {
  return id >= 1 && id <= participants.size() ? &participants[id - 1] : nullptr;
}
question* state::find_question(question_id id) noexcept {
  return id >= 1 && id <= questions.size() ? &questions[id - 1] : nullptr;
}

namespace {

struct applier {
  state& s;
  const event& e;

  void add_log(moderation_action action, question_id q, participant_id p, std::string reason) const {
    s.log.push_back(log_entry{e.seq, e.at, action, q, p, std::move(reason)});
  }

  void operator()(const ev::debate_created& x) const {
    s.exists = true;
    s.debate = x.debate;
    s.moderator = x.moderator;
    s.stage = x.stage;
  }
  void operator()(const ev::participant_joined& x) const {
    assert(x.participant == s.participants.size() + 1);
    s.participants.push_back(participant{x.participant, x.display_name, false, false, x.cred});
    s.participant_by_selector.emplace(x.cred.selector, x.participant);
  }
  void operator()(const ev::question_asked& x) const {
    assert(x.question == s.questions.size() + 1);
    question q;
    q.id = x.question;
    q.author = x.author;
    q.text = x.text;
    q.anonymous = x.anonymous;
    q.asked_at = e.at;
    s.questions.push_back(std::move(q));
    ++s.pending_count;
  }
  void operator()(const ev::question_approved& x) const {
    auto* q = s.find_question(x.question);
    if (q->status == question_status::pending) --s.pending_count;
    q->status = question_status::approved;
  }
  void operator()(const ev::question_dismissed& x) const {
    auto* q = s.find_question(x.question);
    if (q->status == question_status::pending) --s.pending_count;
    q->status = question_status::dismissed;
    q->pinned = false;
    q->dismiss_reason = x.reason;
    if (s.on_air == x.question) s.on_air.reset();
    add_log(moderation_action::dismissed, x.question, 0, x.reason);
  }
  void operator()(const ev::question_answered& x) const {
    s.find_question(x.question)->status = question_status::answered;
  }
  void operator()(const ev::question_pinned& x) const { s.find_question(x.question)->pinned = x.pinned; }
  void operator()(const ev::on_air_changed& x) const { s.on_air = x.question; }
  void operator()(const ev::upvote_changed& x) const {
    auto& voters = s.find_question(x.question)->voters;
    if (x.on) {
      voters.insert(x.participant);
    } else {
      voters.erase(x.participant);
    }
  }
  void operator()(const ev::participant_muted& x) const {
    s.find_participant(x.participant)->muted = x.muted;
    add_log(x.muted ? moderation_action::muted : moderation_action::unmuted, 0, x.participant, {});
  }
  void operator()(const ev::participant_banned& x) const {
    s.find_participant(x.participant)->banned = true;
    add_log(moderation_action::banned, 0, x.participant, x.reason);
  }
  void operator()(const ev::moderation_visibility_changed& x) const {
    s.moderation_private = x.is_private;
    add_log(x.is_private ? moderation_action::made_private : moderation_action::made_public, 0, 0, {});
  }
  void operator()(const ev::links_rotated& x) const {
    s.moderator = x.moderator;
    s.stage = x.stage;
  }
  void operator()(const ev::reactions_recorded& x) const {
    for (std::size_t i = 0; i < x.counts.size(); ++i) s.reactions[i] += x.counts[i];
  }
};

}  // namespace

void evolve(state& s, const event& e) {
  assert(e.seq == s.seq + 1);
  std::visit(applier{s, e}, e.body);
  s.seq = e.seq;
}

}  // namespace tribune::engine
