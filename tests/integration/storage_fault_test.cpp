// When the disk fails under a live room, nothing acknowledged is lost and nothing unacknowledged is
// shown: the room answers `unavailable` to every change while the disk stays full, and stays
// readable; the server started again on the same file holds exactly what was acknowledged. (A
// database that comes back is tested in outage_test.cpp, on PostgreSQL.) The fault is real: the
// server runs with a cap on the size of the files it writes (RLIMIT_FSIZE), so SQLite's writes
// fail as on a full disk.
// Rooms are also unloaded when nobody uses them, and loaded again on demand — from their
// snapshot and the events after it — with nothing lost either way.
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "harness.hpp"

namespace tribune::testing {
namespace {

bool is_error(const json& m, const std::string& code) {
  return m.value("type", "") == "error" && m.value("code", "") == code;
}

TEST(storage_fault, a_full_disk_makes_the_room_read_only_and_loses_nothing_acknowledged) {
  temp_dir dir;
  const auto db = dir.path() / "tribune.db";
  server_process server(db);
  server.limit_file_size(192 * 1024);  // the new database and its WAL take about 90 KB
  server.start();
  const auto d = create_debate(server);
  const auto ann = join(server, d.id, "Ann");
  ws_client moderator(server.port());
  ASSERT_EQ(moderator.hello(d.id, d.moderator_token).value("type", ""), "welcome") << server.log_text();

  // Each mute or unmute is one event, one commit, a few pages of WAL: the cap is reached soon.
  std::uint64_t last_acked = 0;
  std::size_t acked = 0;
  json refused;
  for (int i = 0; i < 1000 && refused.is_null(); ++i) {
    // Paced under the moderator's rate limit (20 commands a second).
    std::this_thread::sleep_for(55ms);
    const auto reply = moderator.command({{"type", "mute"}, {"participant", ann.id}, {"muted", i % 2 == 0}});
    if (reply.value("type", "") == "ack") {
      last_acked = reply.value("seq", 0);
      ++acked;
    } else if (is_error(reply, "unavailable")) {
      refused = reply;
    } else {
      FAIL() << reply;
    }
  }
  ASSERT_FALSE(refused.is_null()) << "the file-size cap was never reached";
  ASSERT_GT(acked, 0u);
  EXPECT_EQ(refused.value("seq", 0), last_acked) << "the refusal tells what the room still holds";

  // While the disk is full: changes are refused, reads still answered.
  EXPECT_TRUE(is_error(moderator.command({{"type", "mute"}, {"participant", ann.id}, {"muted", true}}), "unavailable"));
  const auto joined = http_request(server.port(), "POST", "/api/debates/" + d.id + "/participants", json::object());
  EXPECT_EQ(joined.status, 503) << joined.raw;
  ws_client reader(server.port());
  const auto welcome = reader.hello(d.id, d.stage_token);
  ASSERT_EQ(welcome.value("type", ""), "welcome") << welcome;
  EXPECT_EQ(welcome.value("seq", 0), last_acked);
  EXPECT_EQ(http_request(server.port(), "GET", "/api/debates/" + d.id).status, 200);
  // The server's log reaches the harness through a pipe: wait for the line rather than read once.
  const auto logged_failure = [&] { return server.log_text().find("append_failed") != std::string::npos; };
  EXPECT_TRUE(wait_until(logged_failure, 10s)) << server.log_text();

  // Started again without the cap, the server holds every acknowledged event and nothing else.
  server.kill_hard();
  server_process again(db);
  again.start();
  ws_client after(again.port());
  const auto resumed = after.hello(d.id, d.moderator_token);
  ASSERT_EQ(resumed.value("type", ""), "welcome") << resumed;
  EXPECT_EQ(resumed.value("seq", 0), last_acked);
  const auto state = after.wait_for([](const json& m) { return m.value("type", "") == "snapshot"; });
  std::size_t logged = 0;
  for (const auto& entry : state["state"]["log"]) logged += entry["participant"]["id"] == ann.id ? 1 : 0;
  EXPECT_EQ(logged, acked) << "one log line per acknowledged mute or unmute";
  // And it takes changes again.
  EXPECT_EQ(after.command({{"type", "mute"}, {"participant", ann.id}, {"muted", true}}).value("type", ""), "ack");
}

TEST(room_unloading, an_idle_room_is_unloaded_and_comes_back_from_its_snapshot_exactly) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db", {"--room-idle", "1"});
  server.start();
  const auto d = create_debate(server);
  const auto ann = join(server, d.id, "Ann");
  std::uint64_t seq = 0;
  {
    ws_client a(server.port()), moderator(server.port());
    a.hello(d.id, ann.token);
    moderator.hello(d.id, d.moderator_token);
    const auto q = a.command({{"type", "ask"}, {"text", "Still there?"}, {"key", "ask-1"}});
    ASSERT_EQ(q.value("type", ""), "ack");
    ASSERT_EQ(moderator.command({{"type", "approve"}, {"question", q["result"]["question"]}}).value("type", ""), "ack");
    const auto up = a.command({{"type", "upvote"}, {"question", q["result"]["question"]}, {"on", true}});
    seq = up.value("seq", 0);
  }
  // Nobody left: the room is retired (the peak of its audience recorded, one event, and a snapshot
  // saved) and unloaded.
  const auto unloaded = [&] { return server.log_text().find("room_unloaded") != std::string::npos; };
  ASSERT_TRUE(wait_until(unloaded, 10s)) << server.log_text();

  ws_client back(server.port());
  const auto welcome = back.hello(d.id, ann.token);
  ASSERT_EQ(welcome.value("type", ""), "welcome") << welcome;
  EXPECT_EQ(welcome.value("seq", 0), seq + 1);
  const auto state = back.wait_for([](const json& m) { return m.value("type", "") == "snapshot"; })["state"];
  ASSERT_EQ(state["questions"].size(), 1u);
  EXPECT_EQ(state["questions"][0]["votes"], 1);
  EXPECT_EQ(state["me"]["votes"].size(), 1u);
  // The server's log reaches the harness through a pipe: wait for the line rather than read once.
  const auto from_snapshot = [&] { return server.log_text().find(R"("from_snapshot":true)") != std::string::npos; };
  EXPECT_TRUE(wait_until(from_snapshot, 10s)) << "loaded from its snapshot\n" << server.log_text();
  // The idempotency key of a command from before the unload still holds.
  const auto retried = back.command({{"type", "ask"}, {"text", "Still there?"}, {"key", "ask-1"}});
  EXPECT_EQ(retried["result"]["duplicate"], true) << retried;
  // And the room goes on from where it was.
  const auto next = back.command({{"type", "ask"}, {"text", "And after?"}});
  ASSERT_EQ(next.value("type", ""), "ack") << next;
  EXPECT_EQ(next.value("seq", 0), seq + 2);
  const auto report = http_request(server.port(), "GET", "/api/debates/" + d.id + "/report");
  EXPECT_EQ(report.body["counts"]["peak_audience"], 1) << report.raw;
}

}  // namespace
}  // namespace tribune::testing
