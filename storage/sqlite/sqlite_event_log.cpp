#include "storage/sqlite/sqlite_event_log.hpp"

#include <sqlite3.h>

#include <array>
#include <string_view>

namespace tribune::storage {
namespace {

// Bounds one group commit: large enough to absorb a burst, small enough to keep a transaction short.
constexpr std::size_t max_jobs_per_commit = 1024;
constexpr int busy_timeout_ms = 5000;

// Schema migrations, applied in order; PRAGMA user_version counts how many have run.
constexpr std::array<std::string_view, 2> migrations = {
    R"sql(
CREATE TABLE debates (
  id         TEXT PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  title      TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE events (
  debate_id TEXT NOT NULL REFERENCES debates(id),
  seq       INTEGER NOT NULL CHECK (seq > 0),
  at        INTEGER NOT NULL,
  type      TEXT NOT NULL,
  body      TEXT NOT NULL,
  PRIMARY KEY (debate_id, seq)
) WITHOUT ROWID;
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql",
    // The idempotency key of the command that produced the event (on its last event), so that a
    // retried command is recognised after a restart too.
    R"sql(
ALTER TABLE events ADD COLUMN command_key TEXT;
)sql",
};

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw storage_error(std::string(what) + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}

void exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    throw storage_error(std::string("sqlite: ") + text);
  }
}

class statement {
 public:
  statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail(db, "prepare");
  }
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;
  ~statement() { sqlite3_finalize(stmt_); }

  statement& bind(int i, std::string_view text) {
    check(sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    return *this;
  }
  statement& bind(int i, std::int64_t value) {
    check(sqlite3_bind_int64(stmt_, i, value));
    return *this;
  }
  // True while a row is available.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, "step");
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p != nullptr ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) fail(db_, "bind");
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

sqlite3* open_connection(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(file.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw storage_error("cannot open database " + file.string() + ": " + message);
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  // WAL lets readers run beside the writer; FULL syncs the WAL on every commit, so an
  // acknowledged event survives power loss, not only a process crash (see docs/adr/0003).
  exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
  return db;
}

void migrate(sqlite3* db) {
  statement version(db, "PRAGMA user_version");
  version.step();
  auto current = static_cast<std::size_t>(version.int64(0));
  if (current > migrations.size()) {
    throw storage_error("database schema version " + std::to_string(current) + " is newer than this tribune");
  }
  for (; current < migrations.size(); ++current) {
    exec(db, "BEGIN IMMEDIATE");
    try {
      exec(db, std::string(migrations[current]).c_str());
      exec(db, ("PRAGMA user_version = " + std::to_string(current + 1)).c_str());
      exec(db, "COMMIT");
    } catch (...) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
}

}  // namespace

sqlite_event_log::sqlite_event_log(const std::filesystem::path& file) {
  write_db_ = open_connection(file);
  try {
    migrate(write_db_);
    read_db_ = open_connection(file);
  } catch (...) {
    sqlite3_close(write_db_);
    throw;
  }
  writer_ = std::thread([this] { writer_loop(); });
}

sqlite_event_log::~sqlite_event_log() {
  {
    const std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  writer_.join();
  sqlite3_close(read_db_);
  sqlite3_close(write_db_);
}

void sqlite_event_log::append(std::string debate_id, seq_t expected_seq, std::vector<record> records,
                              std::optional<debate_row> create, append_handler done) {
  {
    const std::lock_guard lock(queue_mutex_);
    if (!stopping_) {
      queue_.push_back(append_job{std::move(debate_id), expected_seq, std::move(records), std::move(create), done});
      queue_cv_.notify_one();
      return;
    }
  }
  done(append_result{append_result::kind::failed, expected_seq, "storage is shutting down"});
}

void sqlite_event_log::writer_loop() {
  for (;;) {
    std::deque<append_job> batch;
    {
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued is written
      while (!queue_.empty() && batch.size() < max_jobs_per_commit) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    commit_batch(batch);
  }
}

void sqlite_event_log::commit_batch(std::deque<append_job>& batch) {
  std::vector<append_result> results;
  results.reserve(batch.size());
  try {
    exec(write_db_, "BEGIN IMMEDIATE");
    for (const auto& job : batch) {
      exec(write_db_, "SAVEPOINT job");
      append_result result;
      try {
        result = apply(job);
      } catch (const storage_error& e) {
        // A failure of this job alone (a constraint, say) is undone at its savepoint; if SQLite
        // has already ended the transaction, the whole batch fails below.
        if (sqlite3_get_autocommit(write_db_) != 0) throw;
        result = append_result{append_result::kind::failed, job.expected_seq, e.what()};
      }
      exec(write_db_, result.outcome == append_result::kind::appended ? "RELEASE job" : "ROLLBACK TO job; RELEASE job");
      results.push_back(std::move(result));
    }
    exec(write_db_, "COMMIT");
    const std::lock_guard lock(queue_mutex_);
    ++commits_;
  } catch (const storage_error& e) {
    sqlite3_exec(write_db_, "ROLLBACK", nullptr, nullptr, nullptr);
    results.assign(batch.size(), append_result{append_result::kind::failed, 0, e.what()});
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (results[i].outcome == append_result::kind::failed && results[i].current_seq == 0) {
      results[i].current_seq = batch[i].expected_seq;
    }
    batch[i].done(std::move(results[i]));
  }
}

append_result sqlite_event_log::apply(const append_job& job) {
  if (job.create) {
    statement insert(write_db_, "INSERT OR IGNORE INTO debates(id, code, title, created_at) VALUES (?,?,?,?)");
    insert.bind(1, job.create->id).bind(2, job.create->code).bind(3, job.create->title).bind(4, job.create->created_at);
    insert.step();
    if (sqlite3_changes(write_db_) == 0) {
      return append_result{append_result::kind::conflict, 0, "debate id or code already taken"};
    }
  }
  statement last(write_db_, "SELECT coalesce(max(seq), 0) FROM events WHERE debate_id = ?");
  last.bind(1, job.debate_id);
  last.step();
  const auto current = static_cast<seq_t>(last.int64(0));
  if (current != job.expected_seq) return append_result{append_result::kind::conflict, current, "stale expected_seq"};

  statement insert(write_db_,
                   "INSERT INTO events(debate_id, seq, at, type, body, command_key) VALUES (?,?,?,?,?,?)");
  seq_t seq = job.expected_seq;
  for (const auto& r : job.records) {
    if (r.seq != seq + 1) return append_result{append_result::kind::conflict, current, "records not contiguous"};
    seq = r.seq;
    insert.bind(1, job.debate_id)
        .bind(2, static_cast<std::int64_t>(r.seq))
        .bind(3, r.at)
        .bind(4, r.type)
        .bind(5, r.body);
    if (!r.key.empty()) insert.bind(6, r.key);  // otherwise NULL
    insert.step();
    insert.reset();
  }
  return append_result{append_result::kind::appended, seq, {}};
}

std::vector<record> sqlite_event_log::read(const std::string& debate_id, seq_t after_seq, std::size_t limit) {
  const std::lock_guard lock(read_mutex_);
  statement q(read_db_,
              "SELECT seq, at, type, body, command_key FROM events WHERE debate_id = ? AND seq > ? ORDER BY seq LIMIT ?");
  q.bind(1, debate_id).bind(2, static_cast<std::int64_t>(after_seq)).bind(3, static_cast<std::int64_t>(limit));
  std::vector<record> out;
  while (q.step()) {
    out.push_back(record{static_cast<seq_t>(q.int64(0)), q.int64(1), q.text(2), q.text(3), q.text(4)});
  }
  return out;
}

std::optional<debate_row> sqlite_event_log::query_debate(const char* sql, const std::string& arg) {
  const std::lock_guard lock(read_mutex_);
  statement q(read_db_, sql);
  q.bind(1, arg);
  if (!q.step()) return std::nullopt;
  return debate_row{q.text(0), q.text(1), q.text(2), q.int64(3)};
}

std::optional<debate_row> sqlite_event_log::find_debate(const std::string& id) {
  return query_debate("SELECT id, code, title, created_at FROM debates WHERE id = ?", id);
}

std::optional<debate_row> sqlite_event_log::find_debate_by_code(const std::string& code) {
  return query_debate("SELECT id, code, title, created_at FROM debates WHERE code = ?", code);
}

std::vector<debate_row> sqlite_event_log::list_debates() {
  const std::lock_guard lock(read_mutex_);
  statement q(read_db_, "SELECT id, code, title, created_at FROM debates ORDER BY created_at DESC, id");
  std::vector<debate_row> out;
  while (q.step()) out.push_back(debate_row{q.text(0), q.text(1), q.text(2), q.int64(3)});
  return out;
}

std::optional<std::string> sqlite_event_log::get_setting(const std::string& key) {
  const std::lock_guard lock(read_mutex_);
  statement q(read_db_, "SELECT value FROM settings WHERE key = ?");
  q.bind(1, key);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

void sqlite_event_log::put_setting(const std::string& key, const std::string& value) {
  // Settings change rarely (startup); the read connection writes them under busy_timeout.
  const std::lock_guard lock(read_mutex_);
  statement q(read_db_,
              "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  q.bind(1, key).bind(2, value);
  q.step();
}

std::uint64_t sqlite_event_log::commits() const {
  const std::lock_guard lock(queue_mutex_);
  return commits_;
}

}  // namespace tribune::storage
