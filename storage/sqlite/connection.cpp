#include "storage/sqlite/connection.hpp"

#include <sqlite3.h>

#include <array>

namespace tribune::storage::sqlite {
namespace {

constexpr int busy_timeout_ms = 5000;

// Schema migrations, applied in order; PRAGMA user_version counts how many have run.
constexpr std::array<std::string_view, 8> migrations = {
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
    // The newest snapshot of each debate (a cache of its state), and an index over keyed events so
    // that a debate loaded from a snapshot still finds its recent idempotency keys quickly.
    R"sql(
CREATE TABLE snapshots (
  debate_id TEXT PRIMARY KEY REFERENCES debates(id),
  seq       INTEGER NOT NULL CHECK (seq > 0),
  body      TEXT NOT NULL
);
CREATE INDEX events_with_keys ON events(debate_id, seq) WHERE command_key IS NOT NULL;
)sql",
    // Each debate's presentation settings, set by its organizer.
    R"sql(
CREATE TABLE debate_settings (
  debate_id TEXT PRIMARY KEY REFERENCES debates(id),
  body      TEXT NOT NULL
);
)sql",
    // Channels (ADR 0009): a channel's events are a stream of the same log as a debate's. Every
    // stream is registered in `streams`, which events and snapshots now reference; the two tables
    // are rebuilt (SQLite cannot change a foreign key in place), in this migration's transaction.
    R"sql(
CREATE TABLE streams (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('debate', 'channel')),
  created_at INTEGER NOT NULL
);
INSERT INTO streams(id, kind, created_at) SELECT id, 'debate', created_at FROM debates;
CREATE TABLE channels (
  id         TEXT PRIMARY KEY REFERENCES streams(id),
  title      TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE events_v5 (
  debate_id   TEXT NOT NULL REFERENCES streams(id),
  seq         INTEGER NOT NULL CHECK (seq > 0),
  at          INTEGER NOT NULL,
  type        TEXT NOT NULL,
  body        TEXT NOT NULL,
  command_key TEXT,
  PRIMARY KEY (debate_id, seq)
) WITHOUT ROWID;
INSERT INTO events_v5(debate_id, seq, at, type, body, command_key)
  SELECT debate_id, seq, at, type, body, command_key FROM events;
DROP TABLE events;
ALTER TABLE events_v5 RENAME TO events;
CREATE INDEX events_with_keys ON events(debate_id, seq) WHERE command_key IS NOT NULL;
CREATE TABLE snapshots_v5 (
  debate_id TEXT PRIMARY KEY REFERENCES streams(id),
  seq       INTEGER NOT NULL CHECK (seq > 0),
  body      TEXT NOT NULL
);
INSERT INTO snapshots_v5(debate_id, seq, body) SELECT debate_id, seq, body FROM snapshots;
DROP TABLE snapshots;
ALTER TABLE snapshots_v5 RENAME TO snapshots;
)sql",
    // Contacts (ADR 0010): kept beside the log, written in the same transaction as the event that
    // names them by `ref`, so that erasing one on request deletes a row and leaves the log whole.
    R"sql(
CREATE TABLE contacts (
  stream_id TEXT NOT NULL REFERENCES streams(id),
  ref       INTEGER NOT NULL CHECK (ref > 0),
  text      TEXT NOT NULL,
  PRIMARY KEY (stream_id, ref)
) WITHOUT ROWID;
)sql",
    // 7: the channels' webhooks and their outbox (storage/webhook_store.hpp). A delivery row is
    // written before it is sent and updated after every attempt.
    R"sql(
CREATE TABLE webhooks (
  id         TEXT PRIMARY KEY,
  channel    TEXT NOT NULL REFERENCES channels(id),
  url        TEXT NOT NULL,
  secret     TEXT NOT NULL,
  events     TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX webhooks_by_channel ON webhooks(channel);
CREATE TABLE webhook_deliveries (
  id         TEXT PRIMARY KEY,
  webhook    TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  type       TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  next_at    INTEGER NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  last_code  INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  done_at    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX deliveries_due ON webhook_deliveries(status, next_at);
CREATE INDEX deliveries_by_webhook ON webhook_deliveries(webhook, created_at);
)sql",
    // 8: snapshots stopped holding the names participants gave (they are kept beside the log, like
    // contacts, so that an erasure leaves none behind). Older snapshots hold them: a snapshot is
    // only a cache, and every debate folds its log once more.
    R"sql(
DELETE FROM snapshots;
)sql",
};

}  // namespace

void fail(sqlite3* db, std::string_view what) {
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
  try {
    // WAL lets readers run beside the writer; FULL syncs the WAL on every commit, so an
    // acknowledged event survives power loss, not only a process crash (see docs/adr/0003).
    // secure_delete overwrites an erased contact's bytes where that costs no extra I/O.
    exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=FAST;");
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  return db;
}

void migrate(sqlite3* db) {
  // Read and finalized before any migration runs: a statement still open would lock the tables
  // a migration drops.
  auto current = [db] {
    statement version(db, "PRAGMA user_version");
    version.step();
    return static_cast<std::size_t>(version.int64(0));
  }();
  if (current > migrations.size()) {
    throw storage_error("database schema version " + std::to_string(current) + " is newer than this tribune");
  }
  if (current == migrations.size()) return;
  // Every pending migration in one transaction: a database is upgraded whole or not at all.
  exec(db, "BEGIN IMMEDIATE");
  try {
    for (; current < migrations.size(); ++current) exec(db, std::string(migrations[current]).c_str());
    exec(db, ("PRAGMA user_version = " + std::to_string(current)).c_str());
    exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

statement::statement(sqlite3* db, const char* sql, bool persistent) : db_(db) {
  const unsigned flags = persistent ? SQLITE_PREPARE_PERSISTENT : 0;
  if (sqlite3_prepare_v3(db, sql, -1, flags, &stmt_, nullptr) != SQLITE_OK) fail(db, "prepare");
}

statement::~statement() { sqlite3_finalize(stmt_); }

statement& statement::bind(int i, std::string_view text) {
  check(sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
  return *this;
}

statement& statement::bind(int i, std::int64_t value) {
  check(sqlite3_bind_int64(stmt_, i, value));
  return *this;
}

bool statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, "step");
}

void statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }

bool statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::string statement::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p != nullptr ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}

void statement::check(int rc) const {
  if (rc != SQLITE_OK) fail(db_, "bind");
}

statement_cache::lease statement_cache::use(const char* sql) {
  for (auto& [text, s] : cached_) {
    if (text == sql) return lease(*s);
  }
  auto& added = cached_.emplace_back(sql, std::make_unique<statement>(db_, sql, /*persistent=*/true));
  return lease(*added.second);
}

void statement_cache::run(const char* sql) {
  const auto s = use(sql);
  s->step();
}

}  // namespace tribune::storage::sqlite
