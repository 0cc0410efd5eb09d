#pragma once
// A quiz: a moderator puts a question to the room with its correct answer and a time limit; each
// audience member answers once before the time is up; the question closes by itself when the time is
// up (or earlier, by the moderator), and only then does anyone but the moderators learn the answer.
// A right answer earns 500 to 1,000 points, more the faster it came; the leaderboard adds up every
// closed question. The commands, their bounds, the scoring rule, and what is written of them.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/ids.hpp"

namespace tribune::protocol {

class fields;

constexpr std::size_t max_quiz_text_chars = 200;
constexpr std::size_t max_quiz_choice_chars = 80;
constexpr std::size_t min_quiz_choices = 2;
constexpr std::size_t max_quiz_choices = 6;
constexpr std::uint32_t min_quiz_seconds = 5;
constexpr std::uint32_t max_quiz_seconds = 120;
constexpr std::size_t quiz_leaderboard_size = 10;

// The points a right answer earns, `ms` after the question opened, with `seconds` to answer:
// 500 + 500 × (time left / time limit), rounded down; 500 at the very end, 1,000 at once.
std::uint32_t quiz_points(std::int64_t ms, std::uint32_t seconds) noexcept;

// A moderator puts a question: answers are taken at once, for `seconds`.
struct start_quiz_question {
  static constexpr std::string_view type = "start_quiz_question";
  std::string text;
  std::vector<std::string> choices;
  std::uint32_t correct = 0;
  std::uint32_t seconds = 0;
  static start_quiz_question read(const fields& f);
};
// No more answers, before the time is up.
struct close_quiz_question {
  static constexpr std::string_view type = "close_quiz_question";
  quiz_question_id quiz_question = 0;
  static close_quiz_question read(const fields& f);
};
// An audience member's answer, once per question, while it is open.
struct answer_quiz {
  static constexpr std::string_view type = "answer_quiz";
  quiz_question_id quiz_question = 0;
  std::uint32_t choice = 0;
  static answer_quiz read(const fields& f);
};

namespace wire {
struct quiz_question {
  quiz_question_id id = 0;
  std::string text;
  std::vector<std::string> choices;
  std::uint32_t seconds = 0;
  std::int64_t started_at = 0;
  bool open = true;
  std::uint64_t answers = 0;
  std::optional<std::vector<std::uint64_t>> counts{};  // once closed, or to moderators
  std::optional<std::uint32_t> correct{};              // once closed, or to moderators
};
void to_json(nlohmann::json& j, const quiz_question& v);

struct quiz_player {
  std::uint32_t rank = 0;
  participant_id participant = 0;
  std::string name;
  std::uint64_t points = 0;
};
struct leaderboard {
  std::uint64_t players = 0;
  std::vector<quiz_player> top;
};
void to_json(nlohmann::json& j, const leaderboard& v);
}  // namespace wire

namespace data {
struct quiz_question_started {
  wire::quiz_question quiz_question;
};
struct quiz_question_closed {
  wire::quiz_question quiz_question;
  wire::leaderboard leaderboard;
};
void to_json(nlohmann::json& j, const quiz_question_started& v);
void to_json(nlohmann::json& j, const quiz_question_closed& v);
}  // namespace data

// An audience member's answer as their own view shows it: the choice, and the points it earns if
// it is the right one.
struct my_quiz_answer {
  std::uint32_t choice = 0;
  std::uint32_t points = 0;
};
nlohmann::json my_quiz_json(const std::map<quiz_question_id, my_quiz_answer>& answers);

// The answer counts of the questions that changed, in `tallies` (answers are coalesced).
using quiz_answer_counts = std::map<quiz_question_id, std::uint64_t>;
nlohmann::json quiz_answer_counts_json(const quiz_answer_counts& counts);

}  // namespace tribune::protocol
