// PostgreSQL goes away during a show and comes back: while it is away, changes are refused with
// `unavailable` and nothing is recorded, the room stays readable (a screen joins it and is
// welcomed), and once the database is back the room takes changes again, without restarting
// Tribune. Every acknowledged change is kept and the screens see one gapless order. Runs only on
// PostgreSQL (integration.postgres): the outage is the test cluster stopped at once, as a crash
// would, and started again on its port (tests/support/postgres pause).
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <thread>

#include "harness.hpp"
#include "postgres_db.hpp"

namespace tribune::testing {
namespace {

bool is_error(const json& m, const std::string& code) {
  return m.value("type", "") == "error" && m.value("code", "") == code;
}

TEST(postgresql_outage, changes_are_refused_while_postgresql_is_away_and_taken_again_on_its_return) {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): read before any thread of the test starts
  const char* cluster = std::getenv("TRIBUNE_TEST_POSTGRES");
  ASSERT_TRUE(cluster != nullptr && test_postgres_url()) << "runs under the postgres fixture only";
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto ann = join(server, d.id, "Ann");
  ws_client moderator(server.port());
  ASSERT_EQ(moderator.hello(d.id, d.moderator_token).value("type", ""), "welcome") << server.log_text();
  ws_client stage(server.port());
  ASSERT_EQ(stage.hello(d.id, d.stage_token).value("type", ""), "welcome");

  std::uint64_t last_acked = 0;
  std::size_t acked = 0;
  bool muted = false;
  const auto mute = [&] {
    muted = !muted;
    const auto reply = moderator.command({{"type", "mute"}, {"participant", ann.id}, {"muted", muted}});
    if (reply.value("type", "") == "ack") {
      last_acked = reply.value("seq", 0);
      ++acked;
    } else {
      muted = !muted;  // not recorded: the same change is asked again next time
    }
    return reply;
  };
  ASSERT_EQ(mute().value("type", ""), "ack");

  const std::string script = std::string(TRIBUNE_TEST_SUPPORT) + "/postgres pause " + cluster + " 10";
  int paused = -1;
  std::thread outage([&] { paused = std::system(script.c_str()); });  // NOLINT(concurrency-mt-unsafe)

  // Away: the change asked now is refused, and nothing is recorded.
  ASSERT_TRUE(wait_until([] { return !postgres_reachable(); }, 20s)) << "the database never went away";
  const auto refused = mute();
  ASSERT_TRUE(is_error(refused, "unavailable")) << refused;
  EXPECT_EQ(refused.value("seq", 0), last_acked) << "the refusal tells what the room still holds";

  // Readable meanwhile: a new screen is welcomed at the room's seq.
  ws_client late(server.port());
  const auto welcome = late.hello(d.id, d.stage_token);
  ASSERT_EQ(welcome.value("type", ""), "welcome") << welcome;
  EXPECT_EQ(welcome.value("seq", 0), last_acked);

  // Back (the script returns once the database accepts connections again): the same server takes
  // changes again.
  outage.join();
  EXPECT_EQ(paused, 0);
  const auto before = acked;
  EXPECT_EQ(mute().value("type", ""), "ack") << server.log_text();
  EXPECT_GT(acked, before);
  ASSERT_EQ(mute().value("type", ""), "ack");

  // The stage saw every acknowledged change once, in one gapless order.
  ASSERT_TRUE(wait_until([&] {
    for (const auto& m : stage.received()) {
      if (m.value("type", "") == "event" && m.value("seq", std::uint64_t{0}) == last_acked) return true;
    }
    return false;
  }));
  std::uint64_t prev = 0;
  std::size_t mutes = 0;
  for (const auto& m : stage.received()) {
    if (m.value("type", "") != "event") continue;
    if (prev != 0) {
      EXPECT_EQ(m.value("prev", std::uint64_t{0}), prev) << m;
    }
    prev = m.value("seq", std::uint64_t{0});
    mutes += m.value("event", "") == "participant_muted" ? 1 : 0;
  }
  EXPECT_EQ(prev, last_acked);
  EXPECT_EQ(mutes, acked) << "each acknowledged change once, and nothing refused";

  // And the database holds them all: a server started again on it is at the same seq.
  server.kill_hard();
  server_process again(dir.path() / "tribune.db");
  again.start();
  ws_client after(again.port());
  EXPECT_EQ(after.hello(d.id, d.stage_token).value("seq", 0), last_acked);
}

}  // namespace
}  // namespace tribune::testing
