// Nothing acknowledged is ever lost: the process is killed with SIGKILL and restarted on the same
// database file.
#include <gtest/gtest.h>

#include <set>

#include "harness.hpp"

namespace tribune::testing {
namespace {

TEST(durability, a_server_killed_right_after_acknowledging_questions_restarts_with_all_of_them) {
  temp_dir dir;
  const auto db = dir.path() / "tribune.db";
  server_process server(db);
  server.start();
  const auto d = create_debate(server);

  constexpr int n = 30;
  std::vector<std::string> asked;
  {
    // Several audience members ask; the kill comes right after the last ack.
    std::vector<participant> people;
    std::vector<std::unique_ptr<ws_client>> clients;
    for (int i = 0; i < 6; ++i) {
      people.push_back(join(server, d.id, "P" + std::to_string(i)));
      clients.push_back(std::make_unique<ws_client>(server.port()));
      clients.back()->hello(d.id, people.back().token);
    }
    for (int i = 0; i < n; ++i) {
      const auto text = "Question number " + std::to_string(i);
      const auto ack = clients[static_cast<std::size_t>(i % 6)]->command({{"type", "ask"}, {"text", text}});
      ASSERT_EQ(ack["type"], "ack") << ack;
      asked.push_back(text);
    }
    server.kill_hard();
  }

  server_process again(db);
  again.start();
  ws_client moderator(again.port());
  const auto welcome = moderator.hello(d.id, d.moderator_token);
  ASSERT_EQ(welcome["role"], "moderator") << welcome;
  const auto snapshot = moderator.wait_for([](const json& m) { return m["type"] == "snapshot"; });
  std::set<std::string> texts;
  for (const auto& q : snapshot["state"]["questions"]) texts.insert(q["text"].get<std::string>());
  for (const auto& t : asked) EXPECT_TRUE(texts.contains(t)) << t;
  EXPECT_EQ(snapshot["state"]["pending_count"], n);
}

TEST(durability, sigterm_drains_and_exits_cleanly) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto ann = join(server, d.id, "Ann");
  ws_client ws(server.port());
  ws.hello(d.id, ann.token);
  EXPECT_EQ(server.terminate(), 0);
  EXPECT_EQ(ws.wait_closed(), 1001);
}

}  // namespace
}  // namespace tribune::testing
