// Idempotency keys: a command retried with the key it was first sent with is acknowledged again and
// applied once, live and after a SIGKILL that lost the first ack; keys are scoped to their sender.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace tribune::testing {
namespace {

std::size_t question_count(ws_client& moderator) {
  const auto snapshot = moderator.wait_for([](const json& m) { return m["type"] == "snapshot"; });
  return snapshot["state"]["questions"].size();
}

TEST(idempotency, a_retried_command_is_acknowledged_again_and_applied_once) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto ann = join(server, d.id, "Ann");
  ws_client moderator(server.port());
  moderator.hello(d.id, d.moderator_token);
  ws_client phone(server.port());
  phone.hello(d.id, ann.token);

  const json ask = {{"type", "ask"}, {"text", "Who pays for the buses?"}, {"key", "ask-1"}};
  const auto first = phone.command(ask);
  ASSERT_EQ(first["type"], "ack") << first;
  EXPECT_FALSE(first["result"].contains("duplicate")) << first;
  const auto again = phone.command(ask);
  ASSERT_EQ(again["type"], "ack") << again;
  EXPECT_EQ(again["result"]["duplicate"], true) << again;
  EXPECT_EQ(again["seq"], first["seq"]);

  // The moderator saw exactly one question arrive.
  moderator.wait_for([](const json& m) { return m["type"] == "event" && m["event"] == "question_asked"; });
  const auto more = moderator.next(300ms);
  EXPECT_FALSE(more && (*more)["type"] == "event") << *more;

  // A different key is a different command.
  const auto other = phone.command({{"type", "ask"}, {"text", "Who pays for the buses?"}, {"key", "ask-2"}});
  ASSERT_EQ(other["type"], "ack") << other;
  EXPECT_FALSE(other["result"].contains("duplicate")) << other;
  EXPECT_GT(other["seq"].get<std::uint64_t>(), first["seq"].get<std::uint64_t>());
}

TEST(idempotency, keys_belong_to_their_sender) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto ann = join(server, d.id, "Ann");
  const auto bob = join(server, d.id, "Bob");
  ws_client a(server.port());
  a.hello(d.id, ann.token);
  ws_client b(server.port());
  b.hello(d.id, bob.token);
  const auto from_ann = a.command({{"type", "ask"}, {"text", "Ann asks"}, {"key", "same"}});
  const auto from_bob = b.command({{"type", "ask"}, {"text", "Bob asks"}, {"key", "same"}});
  ASSERT_EQ(from_ann["type"], "ack") << from_ann;
  ASSERT_EQ(from_bob["type"], "ack") << from_bob;
  EXPECT_FALSE(from_bob["result"].contains("duplicate")) << from_bob;
  ws_client moderator(server.port());
  moderator.hello(d.id, d.moderator_token);
  EXPECT_EQ(question_count(moderator), 2u);
}

TEST(idempotency, a_retry_after_a_crash_does_not_apply_twice) {
  temp_dir dir;
  const auto db = dir.path() / "tribune.db";
  server_process server(db);
  server.start();
  const auto d = create_debate(server);
  std::vector<participant> people;
  for (int i = 0; i < 5; ++i) people.push_back(join(server, d.id, "P" + std::to_string(i)));
  {
    std::vector<std::unique_ptr<ws_client>> phones;
    for (const auto& p : people) {
      phones.push_back(std::make_unique<ws_client>(server.port()));
      phones.back()->hello(d.id, p.token);
    }
    // Every phone sends its question; the server dies before any phone trusts its ack.
    for (std::size_t i = 0; i < phones.size(); ++i) {
      const auto ack = phones[i]->command(
          {{"type", "ask"}, {"text", "Question from P" + std::to_string(i)}, {"key", "q-" + std::to_string(i)}});
      ASSERT_EQ(ack["type"], "ack") << ack;
    }
    server.kill_hard();
  }

  server_process again(db);
  again.start();
  for (std::size_t i = 0; i < people.size(); ++i) {
    ws_client phone(again.port());
    phone.hello(d.id, people[i].token);
    const auto retry = phone.command(
        {{"type", "ask"}, {"text", "Question from P" + std::to_string(i)}, {"key", "q-" + std::to_string(i)}});
    ASSERT_EQ(retry["type"], "ack") << retry;
    EXPECT_EQ(retry["result"]["duplicate"], true) << retry;
  }
  ws_client moderator(again.port());
  moderator.hello(d.id, d.moderator_token);
  EXPECT_EQ(question_count(moderator), people.size());
}

}  // namespace
}  // namespace tribune::testing
