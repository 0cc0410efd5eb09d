#pragma once
// The quiz: a moderator puts a question with its correct answer and a time limit; each audience
// member answers once before the time is up; the question closes when its time is up (the room's
// clock sends the tick, see next_quiz_due()) or earlier by a moderator. A right answer's points
// come from how fast it came (protocol::quiz_points), from the times in the log, so a replay scores
// the same. Answers reach screens through coalesced tallies; the answer stays hidden from all but
// the moderators until the question closes; who answered what is never in the public archive.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types.hpp"
#include "protocol/messages.hpp"
#include "protocol/quiz.hpp"

namespace tribune::engine {

namespace ev {
struct quiz_question_started {
  static constexpr std::string_view name = "quiz_question_started";
  quiz_question_id quiz_question = 0;
  std::string text;
  std::vector<std::string> choices;
  std::uint32_t correct = 0;
  std::uint32_t seconds = 0;
};
// Reaches screens through `tallies`, not one message per answer. `ms`: how long after the
// question started it came.
struct quiz_answered {
  static constexpr std::string_view name = "quiz_answered";
  static constexpr bool coalesced = true;
  quiz_question_id quiz_question = 0;
  participant_id participant = 0;
  std::uint32_t choice = 0;
  std::int64_t ms = 0;
};
struct quiz_question_closed {
  static constexpr std::string_view name = "quiz_question_closed";
  quiz_question_id quiz_question = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(quiz_question_started, quiz_question, text, choices, correct, seconds)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(quiz_answered, quiz_question, participant, choice, ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(quiz_question_closed, quiz_question)
}  // namespace ev

struct quiz_answer {
  std::uint32_t choice = 0;
  std::int64_t ms = 0;
};

struct quiz_question {
  quiz_question_id id = 0;
  std::string text;
  std::vector<std::string> choices;
  std::uint32_t correct = 0;
  std::uint32_t seconds = 0;
  std::int64_t started_at = 0;
  bool open = true;
  std::map<participant_id, quiz_answer> answers;
  std::vector<std::uint64_t> counts;  // per choice
};

// A player's total over the closed questions; `ms`, the time their right answers took, breaks ties.
struct quiz_score {
  std::uint64_t points = 0;
  std::int64_t ms = 0;
};

struct quiz_state {
  std::vector<quiz_question> quiz;                   // quiz[id - 1]
  std::map<participant_id, quiz_score> quiz_scores;  // everyone who answered a closed question
};

namespace quiz {
using commands = type_list<protocol::start_quiz_question, protocol::close_quiz_question, protocol::answer_quiz>;
using events = type_list<ev::quiz_question_started, ev::quiz_answered, ev::quiz_question_closed>;
}  // namespace quiz

// Moderators only, one question open at a time.
decision decide(const state& s, const context& c, const protocol::start_quiz_question& x);
decision decide(const state& s, const context& c, const protocol::close_quiz_question& x);
// An audience member, once per question before its time is up: the same choice again changes nothing.
decision decide(const state& s, const context& c, const protocol::answer_quiz& x);

void apply(state& s, const event& e, const ev::quiz_question_started& x);
void apply(state& s, const event& e, const ev::quiz_answered& x);
void apply(state& s, const event& e, const ev::quiz_question_closed& x);

protocol::data::quiz_question_started view_of(const state& s, const ev::quiz_question_started& x, view v);
protocol::data::quiz_question_closed view_of(const state& s, const ev::quiz_question_closed& x, view v);

protocol::ack_result result_of(const state& after, const protocol::start_quiz_question& x,
                               const std::vector<event>& produced);
protocol::ack_result result_of(const state& after, const protocol::answer_quiz& x, const std::vector<event>& produced);

// When the open question's time is up, if one is open; quiz_tick() closes it from then on.
std::optional<std::int64_t> next_quiz_due(const state& s);
std::optional<ev::quiz_question_closed> quiz_tick(const state& s, std::int64_t now);

protocol::wire::leaderboard leaderboard_of(const state& s);
void add_quiz(protocol::snapshot& out, const state& s, view v, std::optional<participant_id> me);

}  // namespace tribune::engine
