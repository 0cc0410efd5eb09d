// The online backup of a SQLite database: a copy of one moment, taken in steps while another
// connection keeps committing, and refused cleanly when there is nothing to copy.
#include "storage/sqlite/backup.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <string>

#include "storage/event_log.hpp"

namespace tribune::storage::sqlite {
namespace {

namespace fs = std::filesystem;

class backup_dir {
 public:
  backup_dir() {
    static std::atomic<int> counter{0};
    path_ =
        fs::temp_directory_path() / ("tribune-backup-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~backup_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  backup_dir(const backup_dir&) = delete;
  backup_dir& operator=(const backup_dir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A raw connection for the test's own reads and writes.
struct raw_db {
  explicit raw_db(const fs::path& file) { EXPECT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK); }
  ~raw_db() { sqlite3_close(db); }
  raw_db(const raw_db&) = delete;
  raw_db& operator=(const raw_db&) = delete;
  int exec(const std::string& sql) const { return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); }
  std::string text(const std::string& sql) const {
    sqlite3_stmt* s = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
    return out;
  }
  sqlite3* db = nullptr;
};

// A WAL database of about 300 pages, as the server keeps it.
void fill(const raw_db& db) {
  ASSERT_EQ(db.exec("PRAGMA journal_mode=WAL; CREATE TABLE t(n INTEGER PRIMARY KEY, body BLOB);"), SQLITE_OK);
  ASSERT_EQ(db.exec("WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 300) "
                    "INSERT INTO t SELECT n, randomblob(3000) FROM k"),
            SQLITE_OK);
}

TEST(sqlite_backup, copies_one_moment_in_steps_while_another_connection_commits) {
  backup_dir dir;
  const auto source = dir.path() / "live.db";
  const auto copy = dir.path() / "copy.db";
  raw_db writer(source);
  fill(writer);

  int steps = 0;
  int refused_writes = 0;
  backup_options options;
  options.pages_per_step = 16;
  options.step = [&](const backup_progress& p) {
    EXPECT_LE(p.copied_pages, p.total_pages);
    // The server's writer commits between steps, unhindered; the copy keeps the moment it began.
    if (writer.exec("INSERT INTO t(body) VALUES (randomblob(3000))") != SQLITE_OK) ++refused_writes;
    ++steps;
  };
  const auto pages = backup_database(source, copy, options);

  EXPECT_GT(pages, 300);
  EXPECT_GT(steps, 10);
  EXPECT_EQ(refused_writes, 0);
  EXPECT_EQ(writer.text("SELECT count(*) FROM t"), std::to_string(300 + steps));
  raw_db restored(copy);
  EXPECT_EQ(restored.text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(restored.text("SELECT count(*) FROM t"), "300");
  EXPECT_EQ(restored.text("PRAGMA journal_mode"), "wal");
  EXPECT_FALSE(fs::exists(copy.string() + ".partial"));
}

TEST(sqlite_backup, replaces_an_older_copy) {
  backup_dir dir;
  const auto source = dir.path() / "live.db";
  const auto copy = dir.path() / "copy.db";
  raw_db writer(source);
  fill(writer);
  backup_database(source, copy);
  ASSERT_EQ(writer.exec("DELETE FROM t WHERE n > 100"), SQLITE_OK);
  backup_database(source, copy);
  raw_db restored(copy);
  EXPECT_EQ(restored.text("SELECT count(*) FROM t"), "100");
}

TEST(sqlite_backup, refuses_a_missing_database_and_the_database_itself) {
  backup_dir dir;
  const auto source = dir.path() / "live.db";
  EXPECT_THROW(backup_database(source, dir.path() / "copy.db"), storage_error);
  EXPECT_FALSE(fs::exists(source));
  EXPECT_FALSE(fs::exists(dir.path() / "copy.db"));
  raw_db writer(source);
  fill(writer);
  EXPECT_THROW(backup_database(source, source), storage_error);
  EXPECT_EQ(writer.text("SELECT count(*) FROM t"), "300");
}

TEST(sqlite_backup, a_copy_that_cannot_be_written_leaves_nothing_behind) {
  backup_dir dir;
  const auto source = dir.path() / "live.db";
  raw_db writer(source);
  fill(writer);
  EXPECT_THROW(backup_database(source, dir.path() / "no" / "such" / "copy.db"), storage_error);
  EXPECT_FALSE(fs::exists(dir.path() / "no"));
}

}  // namespace
}  // namespace tribune::storage::sqlite
