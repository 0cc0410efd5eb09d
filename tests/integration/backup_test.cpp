// `tribune backup FILE` copies the live database while the server keeps taking commands; the copy
// is whole and consistent: a server started on it serves the debate with every event it holds.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <set>
#include <thread>

#include "harness.hpp"

namespace tribune::testing {
namespace {

// The debate's events in `file`: how many there are and the highest seq (equal when gapless).
std::pair<std::int64_t, std::int64_t> event_span(const std::filesystem::path& file, const std::string& debate) {
  sqlite3* db = nullptr;
  std::pair<std::int64_t, std::int64_t> span{-1, -1};
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*), max(seq) FROM events WHERE debate_id = ?", -1, &s, nullptr);
    sqlite3_bind_text(s, 1, debate.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) == SQLITE_ROW) span = {sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1)};
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return span;
}

TEST(backup, a_copy_taken_while_clients_ask_questions_serves_the_debate_whole) {
  temp_dir dir;
  const auto db = dir.path() / "tribune.db";
  const auto copy = dir.path() / "copy.db";
  server_process server(db);
  server.start();
  const auto d = create_debate(server);

  // Each participant may ask five questions a minute: sixty of them keep the server busy.
  constexpr int people = 60;
  constexpr int per_person = 5;
  std::vector<std::unique_ptr<ws_client>> clients;
  for (int i = 0; i < people; ++i) {
    const auto p = join(server, d.id, "P" + std::to_string(i));
    clients.push_back(std::make_unique<ws_client>(server.port()));
    ASSERT_EQ(clients.back()->hello(d.id, p.token)["type"], "welcome");
  }
  std::atomic<int> acked = 0;
  std::atomic<bool> stop = false;
  std::thread asking([&] {
    for (int i = 0; i < people * per_person && !stop; ++i) {
      const auto text = "Question number " + std::to_string(i);
      const auto ack = clients[static_cast<std::size_t>(i % people)]->command({{"type", "ask"}, {"text", text}});
      if (ack["type"] != "ack") {
        ADD_FAILURE() << ack;
        return;
      }
      ++acked;
    }
  });
  ASSERT_TRUE(wait_until([&] { return acked >= 10; }, 10s));
  const int acked_before = acked;
  const auto result = run_tribune({"backup", copy.string(), "--db", db.string()});
  const int acked_after = acked;
  // The server kept acknowledging commands: the copy held no lock that stopped its writer. (On a
  // slow machine every question may have been asked while the backup process started.)
  const bool kept_writing = wait_until([&] { return acked > acked_after || acked == people * per_person; }, 10s);
  stop = true;
  asking.join();
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("backup: "), std::string::npos) << result.output;
  EXPECT_TRUE(kept_writing);
  EXPECT_FALSE(std::filesystem::exists(copy.string() + ".partial"));

  // The copy is one moment of the log: gapless, holding at least what was acknowledged before.
  const auto [count, last] = event_span(copy, d.id);
  EXPECT_EQ(count, last);
  server.terminate();

  server_process restored(copy);
  restored.start();
  ws_client moderator(restored.port());
  ASSERT_EQ(moderator.hello(d.id, d.moderator_token)["role"], "moderator");
  const auto snapshot = moderator.wait_for([](const json& m) { return m["type"] == "snapshot"; });
  std::set<std::string> texts;
  for (const auto& q : snapshot["state"]["questions"]) texts.insert(q["text"].get<std::string>());
  const auto held = static_cast<int>(texts.size());
  EXPECT_GE(held, acked_before);
  EXPECT_LE(held, people * per_person);
  // The questions were asked one after another: the copy holds the first `held` of them, no holes.
  for (int i = 0; i < held; ++i) EXPECT_TRUE(texts.contains("Question number " + std::to_string(i))) << i;
  EXPECT_EQ(snapshot["state"]["pending_count"], held);
  EXPECT_EQ(snapshot["seq"], last) << snapshot;
}

TEST(backup, a_postgresql_database_is_refused_with_the_tool_to_use) {
  temp_dir dir;
  const auto result =
      run_tribune({"backup", (dir.path() / "copy.db").string(), "--db", "postgresql://tribune@localhost/tribune"});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("pg_dump"), std::string::npos) << result.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "copy.db"));
}

TEST(backup, a_missing_database_is_an_error_and_writes_nothing) {
  temp_dir dir;
  const auto result = run_tribune({"backup", (dir.path() / "copy.db").string()},
                                  {{"TRIBUNE_DB", (dir.path() / "missing.db").string()}});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("missing.db"), std::string::npos) << result.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "copy.db"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "missing.db"));
}

}  // namespace
}  // namespace tribune::testing
