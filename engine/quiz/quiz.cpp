// The quiz: who starts, closes and answers a question, how answers score, and what each view shows.
#include "engine/quiz/quiz.hpp"

#include <algorithm>

#include "engine/decision.hpp"
#include "engine/state.hpp"

namespace tribune::engine {
namespace {

using protocol::error_code;

const quiz_question* question_at(const state& s, quiz_question_id id) {
  return id >= 1 && id <= s.quiz.size() ? &s.quiz[id - 1] : nullptr;
}

std::int64_t closes_at(const quiz_question& q) { return q.started_at + std::int64_t{q.seconds} * 1000; }

const quiz_question* open_question(const state& s) {
  return !s.quiz.empty() && s.quiz.back().open ? &s.quiz.back() : nullptr;
}

protocol::wire::quiz_question question_view(const quiz_question& q, view v) {
  protocol::wire::quiz_question out{q.id, q.text, q.choices, q.seconds, q.started_at, q.open, q.answers.size()};
  if (!q.open || v == view::moderator_view) {
    out.counts = q.counts;
    out.correct = q.correct;
  }
  return out;
}

}  // namespace

decision decide(const state& s, const context& c, const protocol::start_quiz_question& x) {
  if (!is_moderator(c.who)) return not_moderator();
  if (open_question(s) != nullptr) {
    return reject(error_code::quiz_question_open, "close the open quiz question first");
  }
  if (x.choices.size() < protocol::min_quiz_choices || x.choices.size() > protocol::max_quiz_choices ||
      x.correct >= x.choices.size() || x.seconds < protocol::min_quiz_seconds ||
      x.seconds > protocol::max_quiz_seconds) {
    return reject(error_code::invalid_field, "a quiz question needs 2 to 6 choices, a correct one, 5 to 120 seconds");
  }
  return events{ev::quiz_question_started{static_cast<quiz_question_id>(s.quiz.size() + 1), x.text, x.choices,
                                          x.correct, x.seconds}};
}

decision decide(const state& s, const context& c, const protocol::close_quiz_question& x) {
  if (!is_moderator(c.who)) return not_moderator();
  const auto* q = question_at(s, x.quiz_question);
  if (q == nullptr) return reject(error_code::unknown_quiz_question, "no such quiz question");
  if (!q->open) return reject(error_code::quiz_question_closed, "this quiz question is closed already");
  return events{ev::quiz_question_closed{q->id}};
}

decision decide(const state& s, const context& c, const protocol::answer_quiz& x) {
  if (auto r = refuse_audience(s, c.who)) return *r;
  const auto* q = question_at(s, x.quiz_question);
  if (q == nullptr) return reject(error_code::unknown_quiz_question, "no such quiz question");
  if (!q->open || c.now >= closes_at(*q)) {
    return reject(error_code::quiz_question_closed, "the time for this question is up");
  }
  if (x.choice >= q->choices.size()) return reject(error_code::invalid_choice, "this question has no such choice");
  if (const auto mine = q->answers.find(c.who.participant); mine != q->answers.end()) {
    if (mine->second.choice == x.choice) return events{};
    return reject(error_code::already_answered, "a quiz question is answered once");
  }
  return events{
      ev::quiz_answered{q->id, c.who.participant, x.choice, std::max<std::int64_t>(0, c.now - q->started_at)}};
}

void apply(state& s, const event& e, const ev::quiz_question_started& x) {
  quiz_question q;
  q.id = x.quiz_question;
  q.text = x.text;
  q.choices = x.choices;
  q.correct = x.correct;
  q.seconds = x.seconds;
  q.started_at = e.at;
  q.counts.assign(x.choices.size(), 0);
  s.quiz.push_back(std::move(q));
}

void apply(state& s, const event&, const ev::quiz_answered& x) {
  auto& q = s.quiz[x.quiz_question - 1];
  q.answers[x.participant] = {x.choice, x.ms};
  ++q.counts[x.choice];
}

// Closing scores the question: every player is on the board, a right answer adds its points.
void apply(state& s, const event&, const ev::quiz_question_closed& x) {
  auto& q = s.quiz[x.quiz_question - 1];
  q.open = false;
  for (const auto& [who, a] : q.answers) {
    auto& score = s.quiz_scores[who];
    if (a.choice != q.correct) continue;
    score.points += protocol::quiz_points(a.ms, q.seconds);
    score.ms += a.ms;
  }
}

protocol::wire::leaderboard leaderboard_of(const state& s) {
  using entry = std::pair<participant_id, const quiz_score*>;
  std::vector<entry> all;
  all.reserve(s.quiz_scores.size());
  for (const auto& [who, score] : s.quiz_scores) all.emplace_back(who, &score);
  const auto ahead = [](const entry& a, const entry& b) {
    if (a.second->points != b.second->points) return a.second->points > b.second->points;
    if (a.second->ms != b.second->ms) return a.second->ms < b.second->ms;
    return a.first < b.first;
  };
  const auto shown = std::min(all.size(), protocol::quiz_leaderboard_size);
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(shown), all.end(), ahead);
  protocol::wire::leaderboard out{all.size(), {}};
  for (std::size_t i = 0; i < shown; ++i) {
    const auto* p = s.find_participant(all[i].first);
    out.top.push_back({static_cast<std::uint32_t>(i + 1), all[i].first, p != nullptr ? p->name : std::string{},
                       all[i].second->points});
  }
  return out;
}

protocol::data::quiz_question_started view_of(const state& s, const ev::quiz_question_started& x, view v) {
  return {question_view(s.quiz[x.quiz_question - 1], v)};
}
protocol::data::quiz_question_closed view_of(const state& s, const ev::quiz_question_closed& x, view v) {
  return {question_view(s.quiz[x.quiz_question - 1], v), leaderboard_of(s)};
}

protocol::ack_result result_of(const state&, const protocol::start_quiz_question&, const std::vector<event>& produced) {
  for (const auto& e : produced) {
    if (const auto* made = std::get_if<ev::quiz_question_started>(&e.body)) {
      return protocol::result::quiz_question_started{made->quiz_question};
    }
  }
  return protocol::result::none{};
}

protocol::ack_result result_of(const state& after, const protocol::answer_quiz&, const std::vector<event>& produced) {
  for (const auto& e : produced) {
    if (const auto* a = std::get_if<ev::quiz_answered>(&e.body)) {
      return protocol::result::quiz_answered{a->quiz_question, a->choice,
                                             protocol::quiz_points(a->ms, after.quiz[a->quiz_question - 1].seconds)};
    }
  }
  return protocol::result::none{};
}

std::optional<std::int64_t> next_quiz_due(const state& s) {
  if (const auto* q = open_question(s)) return closes_at(*q);
  return std::nullopt;
}

std::optional<ev::quiz_question_closed> quiz_tick(const state& s, std::int64_t now) {
  if (const auto* q = open_question(s); q != nullptr && now >= closes_at(*q)) return ev::quiz_question_closed{q->id};
  return std::nullopt;
}

void add_quiz(protocol::snapshot& out, const state& s, view v, std::optional<participant_id> me) {
  for (const auto& q : s.quiz) {
    out.quiz.push_back(question_view(q, v));
    if (!me || !out.mine) continue;
    if (const auto it = q.answers.find(*me); it != q.answers.end()) {
      out.mine->quiz[q.id] = {it->second.choice, protocol::quiz_points(it->second.ms, q.seconds)};
    }
  }
  out.quiz_leaderboard = leaderboard_of(s);
}

}  // namespace tribune::engine
