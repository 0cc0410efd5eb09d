// The quiz, given events, when a command, then events or a rejection: who starts, closes and
// answers a question; one question open at a time; one answer per person before the time is up;
// points from how fast a right answer came; the answer hidden until the question closes; the
// leaderboard; the clock closing a question whose time is up; answers never in the public archive.
#include "engine/quiz/quiz.hpp"

#include <gtest/gtest.h>

#include "engine/archive.hpp"
#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

constexpr std::int64_t quiz_second = 1000;

protocol::start_quiz_question capital() {
  return {"Capital of Australia?", {"Sydney", "Canberra", "Melbourne"}, 1, 20};
}

// Ann, Bob and Chloe, and the question above started (z1).
room quiz_room() {
  auto r = two_people();
  r.join("Chloe");
  commit(r, r.decide(moderator, capital()));
  return r;
}

std::int64_t started(const room& r) { return r.s.quiz.back().started_at; }

TEST(quiz, points_run_from_a_thousand_at_once_to_five_hundred_at_the_end) {
  EXPECT_EQ(protocol::quiz_points(0, 20), 1000u);
  EXPECT_EQ(protocol::quiz_points(10 * quiz_second, 20), 750u);
  EXPECT_EQ(protocol::quiz_points(19'999, 20), 500u);
  EXPECT_EQ(protocol::quiz_points(20 * quiz_second, 20), 500u);
  EXPECT_EQ(protocol::quiz_points(-5, 20), 1000u);
  EXPECT_EQ(protocol::quiz_points(1, 20), 999u) << "rounded down";
}

TEST(quiz, only_moderators_start_or_close_a_question_and_one_is_open_at_a_time) {
  auto r = two_people();
  for (const auto& who : {audience(1), stage}) {
    EXPECT_EQ(rejected(r.decide(who, capital())), error_code::forbidden) << to_string(who.role);
  }
  const auto start = r.decide(moderator, capital());
  const auto* made = single<ev::quiz_question_started>(start);
  ASSERT_NE(made, nullptr);
  EXPECT_EQ(made->quiz_question, 1u);
  EXPECT_EQ(made->correct, 1u);
  auto bad = capital();
  bad.correct = 3;
  EXPECT_EQ(rejected(r.decide(moderator, bad)), error_code::invalid_field);
  commit(r, r.decide(moderator, capital()));
  EXPECT_EQ(r.s.quiz[0].started_at, r.log.back().at);
  EXPECT_EQ(rejected(r.decide(moderator, capital())), error_code::quiz_question_open);
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::close_quiz_question{1})), error_code::forbidden);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::close_quiz_question{2})), error_code::unknown_quiz_question);
  commit(r, r.decide(moderator, protocol::close_quiz_question{1}));
  EXPECT_FALSE(r.s.quiz[0].open);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::close_quiz_question{1})), error_code::quiz_question_closed);
  EXPECT_TRUE(produced_one<ev::quiz_question_started>(r.decide(moderator, capital()))) << "the next one";
}

TEST(quiz, each_person_answers_once_before_the_time_is_up) {
  auto r = quiz_room();
  const auto t = started(r);
  const auto answer = [&](participant_id p, std::uint32_t choice, std::int64_t at) {
    return r.decide_at(audience(p), protocol::answer_quiz{1, choice}, at);
  };
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::answer_quiz{2, 0})), error_code::unknown_quiz_question);
  EXPECT_EQ(rejected(answer(1, 3, t + quiz_second)), error_code::invalid_choice);
  EXPECT_EQ(rejected(r.decide_at(moderator, protocol::answer_quiz{1, 1}, t)), error_code::forbidden);
  EXPECT_EQ(rejected(answer(1, 1, t + 20 * quiz_second)), error_code::quiz_question_closed) << "the time is up";
  const auto first = answer(1, 1, t + 4 * quiz_second);
  const auto* a = single<ev::quiz_answered>(first);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->ms, 4 * quiz_second);
  commit_at(r, answer(1, 1, t + 4 * quiz_second), t + 4 * quiz_second);
  EXPECT_TRUE(no_events(answer(1, 1, t + 5 * quiz_second))) << "the same choice again";
  EXPECT_EQ(rejected(answer(1, 0, t + 5 * quiz_second)), error_code::already_answered);
  commit_at(r, answer(2, 0, t + 6 * quiz_second), t + 6 * quiz_second);
  EXPECT_EQ(r.s.quiz[0].counts, (std::vector<std::uint64_t>{1, 1, 0}));
  commit(r, r.decide(moderator, protocol::close_quiz_question{1}));
  EXPECT_EQ(rejected(answer(3, 1, t + 7 * quiz_second)), error_code::quiz_question_closed) << "closed early";
}

TEST(quiz, the_answer_is_hidden_from_all_but_the_moderators_until_the_question_closes) {
  auto r = two_people();
  const auto started_event = r.fold_as(moderator, r.decide(moderator, capital())).front();
  const auto pub = data_of(r, started_event, view::public_view)["quiz_question"];
  EXPECT_EQ(pub["id"], "z1");
  EXPECT_EQ(pub["status"], "open");
  EXPECT_TRUE(pub["correct"].is_null());
  EXPECT_TRUE(pub["counts"].is_null());
  EXPECT_EQ(pub["closes_at"], started(r) + 20 * quiz_second);
  EXPECT_EQ(data_of(r, started_event, view::moderator_view)["quiz_question"]["correct"], 1);
  commit_at(r, r.decide_at(audience(1), protocol::answer_quiz{1, 2}, started(r) + quiz_second),
            started(r) + quiz_second);
  EXPECT_TRUE(snapshot_state(r, view::public_view, 2)["quiz"][0]["correct"].is_null());
  EXPECT_EQ(snapshot_state(r, view::public_view, 2)["quiz"][0]["answers"], 1);
  const auto mine = snapshot_state(r, view::public_view, 1)["me"]["quiz"]["z1"];
  EXPECT_EQ(mine["choice"], 2);
  EXPECT_EQ(mine["points"], 975);
  const auto closed = r.fold_as(moderator, r.decide(moderator, protocol::close_quiz_question{1})).front();
  const auto shown = data_of(r, closed, view::public_view);
  EXPECT_EQ(shown["quiz_question"]["correct"], 1);
  EXPECT_EQ(shown["quiz_question"]["counts"], json::parse("[0, 0, 1]"));
  EXPECT_EQ(shown["quiz_question"]["status"], "closed");
}

TEST(quiz, the_leaderboard_adds_up_closed_questions_faster_first_on_a_tie) {
  auto r = quiz_room();
  auto t = started(r);
  const auto answer = [&](participant_id p, std::uint32_t choice, std::int64_t at) {
    commit_at(r, r.decide_at(audience(p), protocol::answer_quiz{r.s.quiz.back().id, choice}, at), at);
  };
  answer(1, 1, t + 10 * quiz_second);  // right, 750
  answer(2, 1, t + 2 * quiz_second);   // right, 950
  answer(3, 0, t + 1 * quiz_second);   // wrong, 0
  EXPECT_TRUE(leaderboard_of(r.s).top.empty()) << "nothing is scored while the question is open";
  commit(r, r.decide(moderator, protocol::close_quiz_question{1}));
  auto board = leaderboard_of(r.s);
  EXPECT_EQ(board.players, 3u);
  ASSERT_EQ(board.top.size(), 3u);
  EXPECT_EQ(board.top[0].name, "Bob");
  EXPECT_EQ(board.top[0].points, 950u);
  EXPECT_EQ(board.top[1].name, "Ann");
  EXPECT_EQ(board.top[2].name, "Chloe");
  EXPECT_EQ(board.top[2].points, 0u);
  EXPECT_EQ(board.top[2].rank, 3u);

  commit(r, r.decide(moderator, protocol::start_quiz_question{"2 + 2?", {"4", "5"}, 0, 10}));
  t = started(r);
  answer(1, 0, t + 1 * quiz_second);  // 950: Ann 1700 in 11 s
  answer(2, 1, t + 1 * quiz_second);  // wrong: Bob 950
  commit(r, r.decide(moderator, protocol::close_quiz_question{2}));
  board = leaderboard_of(r.s);
  EXPECT_EQ(board.top[0].name, "Ann");
  EXPECT_EQ(board.top[0].points, 1700u);

  // A tie goes to whoever answered right faster overall.
  room tie = two_people();
  commit(tie, tie.decide(moderator, capital()));
  const auto t2 = started(tie);
  commit_at(tie, tie.decide_at(audience(2), protocol::answer_quiz{1, 1}, t2 + 10), t2 + 10);
  commit_at(tie, tie.decide_at(audience(1), protocol::answer_quiz{1, 1}, t2 + 20), t2 + 20);
  commit(tie, tie.decide(moderator, protocol::close_quiz_question{1}));
  board = leaderboard_of(tie.s);
  EXPECT_EQ(board.top[0].points, board.top[1].points);
  EXPECT_EQ(board.top[0].name, "Bob");
}

TEST(quiz, the_clock_closes_a_question_whose_time_is_up_in_any_mode) {
  auto r = quiz_room();
  const auto t = started(r);
  ASSERT_EQ(next_due(r.s), t + 20 * quiz_second);
  EXPECT_TRUE(no_events(r.decide_at(system_actor, cmd::clock_tick{}, t + 19 * quiz_second)));
  const auto tick = r.decide_at(system_actor, cmd::clock_tick{}, t + 20 * quiz_second);
  const auto* closed = single<ev::quiz_question_closed>(tick);
  ASSERT_NE(closed, nullptr);
  EXPECT_EQ(closed->quiz_question, 1u);
  commit_at(r, r.decide_at(system_actor, cmd::clock_tick{}, t + 20 * quiz_second), t + 20 * quiz_second);
  EXPECT_FALSE(next_due(r.s)) << "nothing left to wake for";
}

TEST(quiz, answers_reach_screens_as_tallies_and_never_the_public_archive) {
  auto r = quiz_room();
  const auto t = started(r);
  const auto answered = r.fold_at(ev::quiz_answered{1, 1, 1, 500}, t + 500);
  EXPECT_TRUE(coalesced(answered.body));
  EXPECT_FALSE(public_in_archive(r.s, answered.body));
  tally_marks marks;
  mark(marks, answered.body);
  const auto tallies = json::parse(encode_tallies(r.s, view::public_view, marks));
  EXPECT_EQ(tallies["quiz"]["z1"], 1);
  EXPECT_FALSE(tallies.contains("predictions"));
  EXPECT_TRUE(public_in_archive(r.s, r.log[r.log.size() - 2].body)) << "the question itself is archived";
}

}  // namespace
}  // namespace tribune::engine::testing
