#include "storage/sqlite/backup.hpp"

#include <sqlite3.h>

#include <memory>
#include <string>
#include <system_error>

#include "storage/event_log.hpp"
#include "storage/sqlite/connection.hpp"

namespace tribune::storage::sqlite {
namespace {

constexpr int backup_busy_timeout_ms = 5000;
constexpr int backup_busy_pause_ms = 20;
constexpr int backup_busy_retries = 500;  // 10 s of a destination that stays locked

struct backup_closer {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using backup_handle = std::unique_ptr<sqlite3, backup_closer>;

backup_handle open_for_backup(const std::filesystem::path& file, int flags, const char* role) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw storage_error(std::string("cannot open the ") + role + " " + file.string() + ": " + message);
  }
  sqlite3_busy_timeout(db, backup_busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  return backup_handle(db);
}

// Steps the backup to its end. The source holds a read transaction (see backup_database), so the
// snapshot cannot change under the copy and SQLite never restarts it.
std::int64_t copy_backup_pages(sqlite3* source, sqlite3* target, const backup_options& options) {
  sqlite3_backup* b = sqlite3_backup_init(target, "main", source, "main");
  if (b == nullptr) fail(target, "backup");
  int rc = SQLITE_OK;
  int retries = 0;
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    rc = sqlite3_backup_step(b, options.pages_per_step);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      if (++retries > backup_busy_retries) break;
      sqlite3_sleep(backup_busy_pause_ms);
      continue;
    }
    retries = 0;
    const int total = sqlite3_backup_pagecount(b);
    if (options.step) options.step({total - sqlite3_backup_remaining(b), total});
  }
  const std::int64_t pages = sqlite3_backup_pagecount(b);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) throw storage_error(std::string("backup failed: ") + sqlite3_errstr(rc));
  return pages;
}

void quick_check_copy(sqlite3* target) {
  statement check(target, "PRAGMA quick_check");
  if (!check.step() || check.text(0) != "ok") throw storage_error("the copy fails its integrity check");
}

}  // namespace

std::int64_t backup_database(const std::filesystem::path& source, const std::filesystem::path& destination,
                             const backup_options& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(source, ec)) throw storage_error("no database at " + source.string());
  if (std::filesystem::equivalent(source, destination, ec)) {
    throw storage_error("the backup would overwrite the database itself: " + destination.string());
  }
  auto partial = destination;
  partial += ".partial";
  std::filesystem::remove(partial, ec);
  std::int64_t pages = 0;
  try {
    const auto from = open_for_backup(source, SQLITE_OPEN_READONLY, "database");
    // One read transaction over the whole copy: in WAL mode it pins a snapshot without blocking
    // the server's writer, which keeps committing to the WAL meanwhile (the WAL only cannot be
    // checkpointed past the snapshot until the copy ends). Copying in steps then costs no
    // restart, however busy the server, and bounds the memory each step takes.
    exec(from.get(), "BEGIN");
    statement(from.get(), "SELECT count(*) FROM sqlite_master").step();
    {
      const auto to = open_for_backup(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "copy");
      pages = copy_backup_pages(from.get(), to.get(), options);
      quick_check_copy(to.get());
    }
    exec(from.get(), "COMMIT");
  } catch (...) {
    std::filesystem::remove(partial, ec);
    throw;
  }
  std::filesystem::rename(partial, destination, ec);
  if (ec) throw storage_error("cannot rename the copy to " + destination.string() + ": " + ec.message());
  return pages;
}

}  // namespace tribune::storage::sqlite
