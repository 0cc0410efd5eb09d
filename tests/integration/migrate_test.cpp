// `tribune migrate` moves a one-node SQLite database into PostgreSQL: a server started on the copy
// serves the same debate at the same seq, with the same links, and takes the next change at the
// next seq; a second move into the same database is refused and changes nothing. Runs only on
// PostgreSQL (integration.postgres).
#include <gtest/gtest.h>

#include <string>

#include "harness.hpp"
#include "postgres_db.hpp"

namespace tribune::testing {
namespace {

TEST(postgresql_migrate, a_one_node_database_moves_whole_and_serves_the_same_debate) {
  ASSERT_TRUE(test_postgres_url()) << "runs under the postgres fixture only";
  temp_dir dir;
  const auto file = dir.path() / "tribune.db";
  const auto target = dir.path() / "target";  // the harness's key for the PostgreSQL schema below

  // One node on SQLite, with a debate that has a few events.
  server_process one(file);
  one.keep_sqlite();
  one.start();
  const auto d = create_debate(one);
  const auto ann = join(one, d.id, "Ann");
  std::uint64_t last = 0;
  {
    ws_client moderator(one.port());
    ASSERT_EQ(moderator.hello(d.id, d.moderator_token).value("type", ""), "welcome");
    for (const bool muted : {true, false, true}) {
      const auto ack = moderator.command({{"type", "mute"}, {"participant", ann.id}, {"muted", muted}});
      ASSERT_EQ(ack.value("type", ""), "ack") << ack;
      last = ack.value("seq", 0);
    }
  }
  ASSERT_EQ(one.terminate(), 0);

  const auto url = postgres_schema_url(target.string());
  const auto bad = run_tribune({"migrate", "--from", file.string(), "--to", url});
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("sqlite:FILE"), std::string::npos) << bad.output;

  const auto moved = run_tribune({"migrate", "--from", "sqlite:" + file.string(), "--to", url}, {}, 60s);
  ASSERT_EQ(moved.exit_code, 0) << moved.output;
  EXPECT_NE(moved.output.find("events (each compared)"), std::string::npos) << moved.output;
  const auto events =
      postgres_rows(target.string(), "SELECT count(*), max(seq) FROM events WHERE debate_id = $1", {d.id});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0][1], std::to_string(last));

  const auto twice = run_tribune({"migrate", "--from", "sqlite:" + file.string(), "--to", url}, {}, 60s);
  EXPECT_EQ(twice.exit_code, 1) << twice.output;
  EXPECT_NE(twice.output.find("already holds"), std::string::npos) << twice.output;
  const auto after =
      postgres_rows(target.string(), "SELECT count(*), max(seq) FROM events WHERE debate_id = $1", {d.id});
  EXPECT_EQ(after, events) << "nothing written twice";

  // The same debate from PostgreSQL: same seq, same links, and the next change follows on.
  server_process two(target);
  two.start();
  ws_client moderator(two.port());
  const auto welcome = moderator.hello(d.id, d.moderator_token);
  ASSERT_EQ(welcome.value("type", ""), "welcome") << welcome;
  EXPECT_EQ(welcome.value("seq", 0), last);
  const auto next = moderator.command({{"type", "mute"}, {"participant", ann.id}, {"muted", false}});
  EXPECT_EQ(next.value("type", ""), "ack") << next;
  EXPECT_EQ(next.value("seq", 0), last + 1);
  const auto listed = http_request(two.port(), "GET", "/api/debates", std::nullopt, two.admin_token());
  ASSERT_EQ(listed.status, 200) << listed.raw;
  EXPECT_NE(listed.raw.find(d.id), std::string::npos) << listed.raw;
}

}  // namespace
}  // namespace tribune::testing
