// Questions: asking, upvoting and the moderator's queue.
#include "engine/questions/questions.hpp"

#include <cassert>

#include "engine/decision.hpp"
#include "engine/state.hpp"
#include "protocol/limits.hpp"

namespace tribune::engine {
namespace {

using protocol::error_code;
using protocol::question_status;

constexpr std::int64_t rate_window_ms = std::int64_t{60} * 1000;

std::variant<const question*, rejection> moderated_question(const state& s, const actor& who, question_id id) {
  if (!is_moderator(who)) return not_moderator();
  const auto* q = s.find_question(id);
  if (q == nullptr) return reject(error_code::unknown_question, "no such question");
  return q;
}

// At most questions_per_minute questions in any sliding minute, per participant.
bool asked_too_often(const state& s, participant_id who, std::int64_t now) {
  const auto it = s.recent_asks.find(who);
  if (it == s.recent_asks.end()) return false;
  std::size_t recent = 0;
  for (const auto at : it->second) recent += at > now - rate_window_ms ? 1 : 0;
  return recent >= protocol::questions_per_minute;
}

}  // namespace

decision decide(const state& s, const context& c, const protocol::ask& x) {
  if (auto r = refuse_audience(s, c.who)) return *r;
  if (s.find_participant(c.who.participant)->muted) {
    return reject(error_code::muted, "a moderator muted this participant");
  }
  if (!audience_may(s, protocol::audience_may::questions)) {
    return reject(error_code::not_in_this_segment, "questions are not open in this segment");
  }
  if (asked_too_often(s, c.who.participant, c.now)) {
    return reject(error_code::rate_limited,
                  "at most " + std::to_string(protocol::questions_per_minute) + " questions a minute");
  }
  const auto id = static_cast<question_id>(s.questions.size() + 1);
  return events{ev::question_asked{id, c.who.participant, x.text, x.anonymous, {}, flag_for(s, x.text)}};
}

decision decide(const state& s, const context& c, const cmd::import_advance& x) {
  if (c.who.role != protocol::role::organizer) {
    return reject(error_code::forbidden, "questions sent before the show are brought in by the server");
  }
  events out;
  out.reserve(x.items.size());
  auto id = static_cast<question_id>(s.questions.size() + 1);
  for (const auto& item : x.items) {
    if (item.before.by.empty()) return reject(error_code::invalid_field, "each item names who sent it");
    out.emplace_back(ev::question_asked{id++, 0, item.text, false, item.before, flag_for(s, item.text)});
  }
  return out;
}

decision decide(const state& s, const context& c, const protocol::upvote& x) {
  if (auto r = refuse_audience(s, c.who)) return *r;
  const auto* q = s.find_question(x.question);
  if (q == nullptr) return reject(error_code::unknown_question, "no such question");
  if (!q->open()) return reject(error_code::question_not_open, "only approved questions can be upvoted");
  // Voting twice the same way is a no-op, not a second vote: it appends nothing.
  if (q->voters.contains(c.who.participant) == x.on) return events{};
  return events{ev::upvote_changed{x.question, c.who.participant, x.on}};
}

decision decide(const state& s, const context& c, const protocol::approve& x) {
  const auto q = moderated_question(s, c.who, x.question);
  if (const auto* r = std::get_if<rejection>(&q)) return *r;
  if (std::get<const question*>(q)->status != question_status::pending) {
    return reject(error_code::question_not_pending, "only pending questions can be approved");
  }
  return events{ev::question_approved{x.question}};
}

decision decide(const state& s, const context& c, const protocol::dismiss& x) {
  const auto q = moderated_question(s, c.who, x.question);
  if (const auto* r = std::get_if<rejection>(&q)) return *r;
  if (std::get<const question*>(q)->status == question_status::dismissed) {
    return reject(error_code::already_dismissed, "this question is already dismissed");
  }
  return events{ev::question_dismissed{x.question, x.reason}};
}

decision decide(const state& s, const context& c, const protocol::moderate_questions& x) {
  if (!is_moderator(c.who)) return not_moderator();
  events out;
  for (const auto id : x.questions) {
    const auto* q = s.find_question(id);
    if (q == nullptr) return reject(error_code::unknown_question, "no such question: " + protocol::format_question(id));
    if (x.action == protocol::bulk_action::approve && q->status == question_status::pending) {
      out.emplace_back(ev::question_approved{id});
    } else if (x.action == protocol::bulk_action::dismiss && q->status != question_status::dismissed) {
      out.emplace_back(ev::question_dismissed{id, x.reason});
    }
  }
  return out;
}

decision decide(const state& s, const context& c, const protocol::merge_questions& x) {
  if (!is_moderator(c.who)) return not_moderator();
  const auto* into = s.find_question(x.into);
  if (into == nullptr) {
    return reject(error_code::unknown_question, "no such question: " + protocol::format_question(x.into));
  }
  if (into->status == question_status::dismissed) {
    return reject(error_code::already_dismissed, "a dismissed question takes no duplicates");
  }
  events out;
  for (const auto id : x.questions) {
    const auto* q = s.find_question(id);
    if (q == nullptr) return reject(error_code::unknown_question, "no such question: " + protocol::format_question(id));
    if (id == x.into) return reject(error_code::invalid_field, "a question cannot be merged into itself");
    if (q->status != question_status::dismissed) out.emplace_back(ev::question_merged{id, x.into});
  }
  return out;
}

decision decide(const state& s, const context& c, const protocol::mark_answered& x) {
  const auto q = moderated_question(s, c.who, x.question);
  if (const auto* r = std::get_if<rejection>(&q)) return *r;
  const auto status = std::get<const question*>(q)->status;
  if (status == question_status::answered) return events{};
  if (status != question_status::approved) {
    return reject(error_code::question_not_open, "only approved questions can be answered");
  }
  return events{ev::question_answered{x.question}};
}

decision decide(const state& s, const context& c, const protocol::pin& x) {
  const auto q = moderated_question(s, c.who, x.question);
  if (const auto* r = std::get_if<rejection>(&q)) return *r;
  const auto* target = std::get<const question*>(q);
  if (!target->open()) return reject(error_code::question_not_open, "only approved questions can be pinned");
  if (target->pinned == x.pinned) return events{};
  return events{ev::question_pinned{x.question, x.pinned}};
}

decision decide(const state& s, const context& c, const protocol::put_on_air& x) {
  if (!is_moderator(c.who)) return not_moderator();
  if (x.question) {
    const auto* q = s.find_question(*x.question);
    if (q == nullptr) return reject(error_code::unknown_question, "no such question");
    if (!q->open()) return reject(error_code::question_not_open, "only approved questions can go on air");
  }
  if (s.on_air == x.question) return events{};
  return events{ev::on_air_changed{x.question}};
}

void apply(state& s, const event& e, const ev::question_asked& x) {
  assert(x.question == s.questions.size() + 1);
  question q;
  q.id = x.question;
  q.author = x.author;
  q.text = x.text;
  q.anonymous = x.anonymous;
  q.before = x.before;
  q.flag = x.flag;
  q.asked_at = e.at;
  if (s.show.running()) q.segment = s.show.segment;
  s.questions.push_back(std::move(q));
  ++s.pending_count;
  if (x.author == 0) return;  // sent before the show: no participant's rate
  auto& recent = s.recent_asks[x.author];
  recent.push_back(e.at);
  while (recent.size() > protocol::questions_per_minute) recent.pop_front();
}

void apply(state& s, const event&, const ev::question_approved& x) {
  auto* q = s.find_question(x.question);
  if (q->status == question_status::pending) --s.pending_count;
  q->status = question_status::approved;
}

void apply(state& s, const event& e, const ev::question_dismissed& x) {
  auto* q = s.find_question(x.question);
  if (q->status == question_status::pending) --s.pending_count;
  q->status = question_status::dismissed;
  q->pinned = false;
  q->dismiss_reason = x.reason;
  if (s.on_air == x.question) s.on_air.reset();
  add_log(s, e, protocol::moderation_action::dismissed, log_entry{.question = x.question, .reason = x.reason});
}

void apply(state& s, const event& e, const ev::question_merged& x) {
  auto* q = s.find_question(x.question);
  if (q->status == question_status::pending) --s.pending_count;
  q->status = question_status::dismissed;
  q->pinned = false;
  if (s.on_air == x.question) s.on_air.reset();
  auto& voters = s.find_question(x.into)->voters;
  voters.insert(q->voters.begin(), q->voters.end());
  add_log(s, e, protocol::moderation_action::merged, log_entry{.question = x.question, .reason = {}, .into = x.into});
}

void apply(state& s, const event&, const ev::question_answered& x) {
  s.find_question(x.question)->status = question_status::answered;
}

void apply(state& s, const event&, const ev::question_pinned& x) { s.find_question(x.question)->pinned = x.pinned; }

void apply(state& s, const event&, const ev::on_air_changed& x) { s.on_air = x.question; }

void apply(state& s, const event&, const ev::upvote_changed& x) {
  auto& voters = s.find_question(x.question)->voters;
  if (x.on) {
    voters.insert(x.participant);
  } else {
    voters.erase(x.participant);
  }
}

protocol::ack_result result_of(const state&, const protocol::ask&, const std::vector<event>& produced) {
  for (const auto& e : produced) {
    if (const auto* asked = std::get_if<ev::question_asked>(&e.body)) {
      return protocol::result::question_asked{asked->question};
    }
  }
  return protocol::result::none{};
}

// How many questions the command changed (the others were in that state already).
protocol::ack_result result_of(const state&, const protocol::moderate_questions&, const std::vector<event>& produced) {
  return protocol::result::changed{produced.size()};
}

// How many duplicates the command merged (the others were dismissed already).
protocol::ack_result result_of(const state&, const protocol::merge_questions&, const std::vector<event>& produced) {
  return protocol::result::changed{produced.size()};
}

// The votes the question has now, whether or not this upvote changed anything.
protocol::ack_result result_of(const state& after, const protocol::upvote& x, const std::vector<event>&) {
  const auto* q = after.find_question(x.question);
  return protocol::result::votes{q != nullptr ? q->voters.size() : 0};
}

}  // namespace tribune::engine
