// The quiz over real sockets: the moderator starts a question, phones answer (each ack says what a
// right answer earns), the stage and phones never learn the answer before the question closes, the
// room's clock closes it when its time is up, every screen receives the answer and the leaderboard,
// a phone that comes back finds its own answers, the public archive never says who answered what,
// and the scores survive a crash.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "harness.hpp"

namespace tribune::testing {
namespace {

TEST(quiz, a_timed_question_closes_by_itself_with_the_answer_and_the_leaderboard_on_every_screen) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto ann = join(server, d.id, "Ann");
  const auto bob = join(server, d.id, "Bob");
  ws_client moderator(server.port()), a(server.port()), b(server.port()), stage(server.port());
  moderator.hello(d.id, d.moderator_token);
  ASSERT_EQ(a.hello(d.id, ann.token)["role"], "audience");
  ASSERT_EQ(b.hello(d.id, bob.token)["role"], "audience");
  ASSERT_EQ(stage.hello(d.id, d.stage_token)["role"], "stage");

  // Bad questions change nothing.
  const json question{{"type", "start_quiz_question"},
                      {"text", "Capitale de l'Australie ?"},
                      {"choices", {"Sydney", "Canberra", "Melbourne"}},
                      {"correct", 1},
                      {"seconds", 5}};
  for (const auto& [field, value] : {std::pair<std::string, json>{"correct", 3},
                                     {"seconds", 4},
                                     {"seconds", 121},
                                     {"choices", {"Seul"}},
                                     {"text", ""}}) {
    auto bad = question;
    bad[field] = value;
    EXPECT_EQ(moderator.command(bad)["type"], "error") << field << " " << value;
  }
  EXPECT_EQ(a.command(question)["code"], "forbidden");
  const auto started = moderator.command(question);
  ASSERT_EQ(started["type"], "ack") << started;
  const auto z1 = started["result"]["quiz_question"];
  EXPECT_EQ(z1, "z1");
  EXPECT_EQ(moderator.command(question)["code"], "quiz_question_open");
  EXPECT_EQ(received_event(moderator, "quiz_question_started")["data"]["quiz_question"]["correct"], 1);
  for (auto* ws : {&a, &b, &stage}) {
    const auto shown = received_event(*ws, "quiz_question_started")["data"]["quiz_question"];
    EXPECT_TRUE(shown["correct"].is_null()) << shown;
    EXPECT_EQ(shown["closes_at"].get<std::int64_t>() - shown["started_at"].get<std::int64_t>(), 5000);
  }

  // Ann answers right, Bob wrong; each ack says what a right answer earns; once each.
  const auto right = a.command({{"type", "answer_quiz"}, {"quiz_question", z1}, {"choice", 1}});
  ASSERT_EQ(right["type"], "ack") << right;
  const auto ann_points = right["result"]["points"].get<int>();
  EXPECT_GE(ann_points, 500);
  EXPECT_LE(ann_points, 1000);
  ASSERT_EQ(b.command({{"type", "answer_quiz"}, {"quiz_question", z1}, {"choice", 0}})["type"], "ack");
  EXPECT_EQ(b.command({{"type", "answer_quiz"}, {"quiz_question", z1}, {"choice", 2}})["code"], "already_answered");
  EXPECT_EQ(b.command({{"type", "answer_quiz"}, {"quiz_question", z1}, {"choice", 5}})["code"], "invalid_choice");
  EXPECT_EQ(b.command({{"type", "answer_quiz"}, {"quiz_question", "z9"}, {"choice", 0}})["code"],
            "unknown_quiz_question");
  (void)stage.wait_for(
      [](const json& m) { return m["type"] == "tallies" && m.value("quiz", json{}).value("z1", 0) == 2; });
  for (const auto& m : stage.received()) {
    EXPECT_FALSE(m.dump().find("\"correct\":1") != std::string::npos) << "the stage learnt the answer early: " << m;
  }

  // The clock closes it when its time is up: the answer and the leaderboard reach every screen.
  for (auto* ws : {&moderator, &a, &b, &stage}) {
    const auto closed = ws->wait_for([](const json& m) { return is_event(m, "quiz_question_closed"); },
                                     std::chrono::seconds(30))["data"];
    EXPECT_EQ(closed["quiz_question"]["correct"], 1);
    EXPECT_EQ(closed["quiz_question"]["counts"], json::parse("[1, 1, 0]"));
    EXPECT_EQ(closed["leaderboard"]["players"], 2);
    EXPECT_EQ(closed["leaderboard"]["top"][0]["name"], "Ann");
    EXPECT_EQ(closed["leaderboard"]["top"][0]["points"], ann_points);
    EXPECT_EQ(closed["leaderboard"]["top"][1]["points"], 0);
  }
  EXPECT_EQ(a.command({{"type", "answer_quiz"}, {"quiz_question", z1}, {"choice", 1}})["code"], "quiz_question_closed");

  // Ann comes back: her answer and its points are hers; the archive says nobody's answer.
  ws_client again(server.port());
  again.hello(d.id, ann.token);
  const auto snapshot = again.wait_for([](const json& m) { return m["type"] == "snapshot"; })["state"];
  EXPECT_EQ(snapshot["me"]["quiz"]["z1"], (json{{"choice", 1}, {"points", ann_points}}));
  EXPECT_EQ(snapshot["quiz"][0]["status"], "closed");
  const auto archive = http_request(server.port(), "GET", "/api/debates/" + d.id + "/archive");
  ASSERT_EQ(archive.status, 200);
  int sealed = 0;
  std::istringstream lines(archive.raw);
  for (std::string line; std::getline(lines, line);) {
    const auto entry = json::parse(line, nullptr, false);
    if (!entry.is_object() || entry.value("type", "") != "quiz_answered") continue;
    EXPECT_FALSE(entry.contains("body")) << entry;
    sealed += entry.contains("sealed") ? 1 : 0;
  }
  EXPECT_EQ(sealed, 2) << "both answers are in the chain, sealed";
  EXPECT_NE(archive.raw.find("Canberra"), std::string::npos) << "the question itself is public";

  // The scores are in the log: after a crash, the next question adds to them.
  server.kill_hard();
  server.start();
  ws_client after(server.port());
  after.hello(d.id, d.moderator_token);
  const auto board = after.wait_for([](const json& m) { return m["type"] == "snapshot"; })["state"]["quiz_leaderboard"];
  EXPECT_EQ(board["top"][0]["points"], ann_points);
  auto next = question;
  next["seconds"] = 60;
  ASSERT_EQ(after.command(next)["result"]["quiz_question"], "z2");
}

}  // namespace
}  // namespace tribune::testing
