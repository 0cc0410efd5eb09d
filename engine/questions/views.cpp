// What each view shows of questions: the public never sees pending text or the author of an
// anonymous question; moderators see everything but credentials.
#include <algorithm>

#include "engine/questions/questions.hpp"
#include "engine/state.hpp"

namespace tribune::engine {
namespace {

using protocol::question_status;

// Pinned first, then by votes, then oldest first: the order a moderator reads the queue in.
std::vector<const question*> ordered(const state& s) {
  std::vector<const question*> out;
  out.reserve(s.questions.size());
  for (const auto& q : s.questions) out.push_back(&q);
  std::stable_sort(out.begin(), out.end(), [](const question* a, const question* b) {
    if (a->pinned != b->pinned) return a->pinned;
    return a->voters.size() > b->voters.size();
  });
  return out;
}

}  // namespace

protocol::wire::question question_view(const state& s, const question& q, view v) {
  protocol::wire::question out{q.id, q.text, {}, q.status, q.voters.size(), q.pinned, q.asked_at, {}, {}, {}, {}};
  if (q.segment != 0) out.segment = q.segment;
  if (!q.before.by.empty()) {
    out.before = protocol::wire::before_show{q.before.by, q.before.argument, q.before.stance};
  }
  const bool room_author = q.author != 0;
  if (v == view::moderator_view) {
    if (room_author) out.author = participant_ref(s, q.author);
    out.anonymous = q.anonymous;
    if (q.status == question_status::dismissed) out.reason = q.dismiss_reason;
    if (!q.flag.empty()) out.flag = q.flag;
  } else if (!q.anonymous && room_author) {
    out.author = participant_ref(s, q.author);
  }
  return out;
}

protocol::data::question_asked view_of(const state& s, const ev::question_asked& x, view v) {
  if (v == view::public_view) return {protocol::data::pending_question_ref{x.question}};
  return {question_view(s, *s.find_question(x.question), v)};
}

protocol::data::question_changed view_of(const state& s, const ev::question_approved& x, view v) {
  return {question_view(s, *s.find_question(x.question), v)};
}

protocol::data::question_dismissed view_of(const state& s, const ev::question_dismissed& x, view v) {
  protocol::data::question_dismissed out{x.question, {}, log_view(s, s.log.back(), v)};
  if (v == view::moderator_view) out.reason = x.reason;
  return out;
}

protocol::data::question_merged view_of(const state& s, const ev::question_merged& x, view v) {
  return {x.question, x.into, s.find_question(x.into)->voters.size(), log_view(s, s.log.back(), v)};
}

protocol::data::question_ref view_of(const state&, const ev::question_answered& x, view) { return {x.question}; }

protocol::data::question_pinned view_of(const state&, const ev::question_pinned& x, view) {
  return {x.question, x.pinned};
}

protocol::data::on_air_changed view_of(const state&, const ev::on_air_changed& x, view) { return {x.question}; }

protocol::data::upvote_changed view_of(const state& s, const ev::upvote_changed& x, view v) {
  protocol::data::upvote_changed out{x.question, s.find_question(x.question)->voters.size(), {}, {}};
  if (v == view::moderator_view) {
    out.participant = x.participant;
    out.on = x.on;
  }
  return out;
}

void add_questions(protocol::snapshot& out, const state& s, view v, std::optional<participant_id> me) {
  for (const auto* q : ordered(s)) {
    if (v == view::moderator_view || q->open()) out.questions.push_back(question_view(s, *q, v));
    if (me && out.mine && q->author == *me) out.mine->questions.push_back(question_view(s, *q, v));
    if (me && out.mine && q->voters.contains(*me)) out.mine->votes.push_back(q->id);
  }
  out.moderation_private = s.moderation_private;
  out.pending_count = s.pending_count;
  out.on_air = s.on_air;
  for (const auto& entry : s.log) out.log.push_back(log_view(s, entry, v));
}

}  // namespace tribune::engine
