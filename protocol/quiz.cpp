#include "protocol/quiz.hpp"

#include <algorithm>

#include "protocol/fields.hpp"

namespace tribune::protocol {

std::uint32_t quiz_points(std::int64_t ms, std::uint32_t seconds) noexcept {
  const std::int64_t limit = std::int64_t{seconds} * 1000;
  if (limit <= 0) return 500;
  const std::int64_t left = std::clamp<std::int64_t>(limit - ms, 0, limit);
  return static_cast<std::uint32_t>(500 + (500 * left) / limit);
}

start_quiz_question start_quiz_question::read(const fields& f) {
  start_quiz_question q;
  q.text = f.text("text", {max_quiz_text_chars});
  const auto* v = f.find("choices");
  if (v == nullptr || !v->is_array() || v->size() < min_quiz_choices || v->size() > max_quiz_choices) {
    throw field_error{invalid("choices", "a list of 2 to 6 choices")};
  }
  for (const auto& c : *v) {
    if (!c.is_string()) throw field_error{invalid("choice", "must be a string")};
    q.choices.push_back(checked_text("choice", c.get_ref<const std::string&>(), {max_quiz_choice_chars}));
  }
  q.correct = f.number("correct", 0, static_cast<std::uint32_t>(q.choices.size() - 1));
  q.seconds = f.number("seconds", min_quiz_seconds, max_quiz_seconds);
  return q;
}

namespace {
quiz_question_id quiz_question_of(const fields& f) {
  return f.id<quiz_question_id>("quiz_question", parse_quiz_question);
}
}  // namespace

close_quiz_question close_quiz_question::read(const fields& f) { return {quiz_question_of(f)}; }
answer_quiz answer_quiz::read(const fields& f) {
  return {quiz_question_of(f), f.number("choice", 0, static_cast<std::uint32_t>(max_quiz_choices - 1))};
}

namespace wire {
void to_json(nlohmann::json& j, const quiz_question& v) {
  j = nlohmann::json{{"id", format_quiz_question(v.id)},
                     {"text", v.text},
                     {"choices", v.choices},
                     {"seconds", v.seconds},
                     {"started_at", v.started_at},
                     {"closes_at", v.started_at + std::int64_t{v.seconds} * 1000},
                     {"status", v.open ? "open" : "closed"},
                     {"answers", v.answers},
                     {"counts", nullptr},
                     {"correct", nullptr}};
  if (v.counts) j["counts"] = *v.counts;
  if (v.correct) j["correct"] = *v.correct;
}

void to_json(nlohmann::json& j, const leaderboard& v) {
  auto top = nlohmann::json::array();
  for (const auto& p : v.top) {
    top.push_back(
        {{"rank", p.rank}, {"participant", format_participant(p.participant)}, {"name", p.name}, {"points", p.points}});
  }
  j = nlohmann::json{{"players", v.players}, {"top", std::move(top)}};
}
}  // namespace wire

namespace data {
void to_json(nlohmann::json& j, const quiz_question_started& v) {
  j = nlohmann::json{{"quiz_question", v.quiz_question}};
}
void to_json(nlohmann::json& j, const quiz_question_closed& v) {
  j = nlohmann::json{{"quiz_question", v.quiz_question}, {"leaderboard", v.leaderboard}};
}
}  // namespace data

nlohmann::json my_quiz_json(const std::map<quiz_question_id, my_quiz_answer>& answers) {
  auto out = nlohmann::json::object();
  for (const auto& [id, a] : answers) out[format_quiz_question(id)] = {{"choice", a.choice}, {"points", a.points}};
  return out;
}

nlohmann::json quiz_answer_counts_json(const quiz_answer_counts& counts) {
  auto out = nlohmann::json::object();
  for (const auto& [id, n] : counts) out[format_quiz_question(id)] = n;
  return out;
}

}  // namespace tribune::protocol
