#include "storage/postgres/connection.hpp"

#include <libpq-fe.h>

#include <array>
#include <charconv>

namespace tribune::storage::postgres {
namespace {

// Schema migrations, applied in order; tribune_schema holds how many have run. The first is the
// whole schema of the SQLite database at its 8th version, with one addition: each stream keeps
// its last seq, so an append checks and moves it in one UPDATE that also locks the stream's row,
// and two nodes appending to one debate take turns (docs/adr/0014).
constexpr std::array<std::string_view, 1> migrations = {
    R"sql(
CREATE TABLE streams (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('debate', 'channel')),
  created_at BIGINT NOT NULL,
  last_seq   BIGINT NOT NULL DEFAULT 0 CHECK (last_seq >= 0)
);
CREATE TABLE debates (
  id         TEXT PRIMARY KEY REFERENCES streams(id),
  code       TEXT NOT NULL UNIQUE,
  title      TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE channels (
  id         TEXT PRIMARY KEY REFERENCES streams(id),
  title      TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE events (
  debate_id   TEXT NOT NULL REFERENCES streams(id),
  seq         BIGINT NOT NULL CHECK (seq > 0),
  at          BIGINT NOT NULL,
  type        TEXT NOT NULL,
  body        TEXT NOT NULL,
  command_key TEXT,
  PRIMARY KEY (debate_id, seq)
);
CREATE INDEX events_with_keys ON events(debate_id, seq) WHERE command_key IS NOT NULL;
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE snapshots (
  debate_id TEXT PRIMARY KEY REFERENCES streams(id),
  seq       BIGINT NOT NULL CHECK (seq > 0),
  body      TEXT NOT NULL
);
CREATE TABLE debate_settings (
  debate_id TEXT PRIMARY KEY REFERENCES debates(id),
  body      TEXT NOT NULL
);
CREATE TABLE contacts (
  stream_id TEXT NOT NULL REFERENCES streams(id),
  ref       BIGINT NOT NULL CHECK (ref > 0),
  text      TEXT NOT NULL,
  PRIMARY KEY (stream_id, ref)
);
CREATE TABLE webhooks (
  id         TEXT PRIMARY KEY,
  channel    TEXT NOT NULL REFERENCES channels(id),
  url        TEXT NOT NULL,
  secret     TEXT NOT NULL,
  events     TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX webhooks_by_channel ON webhooks(channel);
CREATE TABLE webhook_deliveries (
  id         TEXT PRIMARY KEY,
  webhook    TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  type       TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  attempts   BIGINT NOT NULL DEFAULT 0,
  next_at    BIGINT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  last_code  BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  done_at    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX deliveries_due ON webhook_deliveries(status, next_at);
CREATE INDEX deliveries_by_webhook ON webhook_deliveries(webhook, created_at);
)sql",
};

// Any 64-bit key: it names Tribune's migration lock among the database's advisory locks.
constexpr const char* migration_lock = "SELECT pg_advisory_xact_lock(7147930512)";

std::string message_of(pg_conn* c, pg_result* r) {
  const char* m = r != nullptr ? PQresultErrorMessage(r) : nullptr;
  if (m == nullptr || *m == '\0') m = PQerrorMessage(c);
  std::string s = m != nullptr ? m : "unknown error";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

result::~result() { PQclear(r_); }

int result::rows() const { return PQntuples(r_); }

std::int64_t result::affected() const {
  const char* n = PQcmdTuples(r_);
  std::int64_t v = 0;
  std::from_chars(n, n + std::char_traits<char>::length(n), v);
  return v;
}

bool result::null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }

std::string result::text(int row, int col) const {
  return {PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col))};
}

std::int64_t result::int64(int row, int col) const {
  const char* v = PQgetvalue(r_, row, col);
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(v, v + PQgetlength(r_, row, col), out);
  if (ec != std::errc()) throw error("postgresql: not an integer in column " + std::to_string(col), "");
  return out;
}

connection::connection(std::string url) : url_(std::move(url)) { open(); }

connection::~connection() { PQfinish(conn_); }

void connection::open() {
  // connect_timeout comes first, so that one in the URL overrides it.
  const std::array<const char*, 4> keys = {"connect_timeout", "dbname", "client_encoding", nullptr};
  const std::array<const char*, 4> values = {"5", url_.c_str(), "UTF8", nullptr};
  PQfinish(conn_);
  prepared_.clear();
  conn_ = PQconnectdbParams(keys.data(), values.data(), 1);
  if (conn_ == nullptr) throw error("postgresql: out of memory", "");
  if (PQstatus(conn_) != CONNECTION_OK) throw error("cannot connect to postgresql: " + message_of(conn_, nullptr), "");
  // Notices ("already exists, skipping") are not errors; libpq would print them to stderr.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

bool connection::broken() const { return conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK; }

void connection::ensure() {
  if (broken()) open();
}

int connection::socket() const { return conn_ != nullptr ? PQsocket(conn_) : -1; }

int connection::backend() const { return conn_ != nullptr ? PQbackendPID(conn_) : 0; }

std::vector<notification> connection::notifications() {
  if (PQconsumeInput(conn_) == 0) throw error("postgresql: " + message_of(conn_, nullptr), "");
  std::vector<notification> out;
  while (PGnotify* n = PQnotifies(conn_)) {
    out.push_back(notification{n->be_pid, n->extra});
    PQfreemem(n);
  }
  return out;
}

void connection::fail(pg_result* r, std::string_view what) {
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = std::string(what) + ": " + message_of(conn_, r);
  std::string sqlstate = state != nullptr ? state : "";
  PQclear(r);
  throw error(message, std::move(sqlstate));
}

result connection::check(pg_result* r, std::string_view what) {
  const auto status = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r, what);
  return result(r);
}

void connection::exec(const char* sql) { check(PQexec(conn_, sql), "postgresql"); }

namespace {

struct param_arrays {
  std::vector<const char*> values;
  template <class Range>
  explicit param_arrays(const Range& params) {
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  }
  int size() const { return static_cast<int>(values.size()); }
};

}  // namespace

result connection::query(const char* sql, std::initializer_list<param> params) {
  return query(sql, std::vector<param>(params));
}

result connection::query(const char* sql, const std::vector<param>& params) {
  const param_arrays p(params);
  return check(PQexecParams(conn_, sql, p.size(), nullptr, p.values.data(), nullptr, nullptr, 0), "postgresql");
}

result connection::prepared(const char* name, const char* sql, std::initializer_list<param> params) {
  return prepared(name, sql, std::vector<param>(params));
}

result connection::prepared(const char* name, const char* sql, const std::vector<param>& params) {
  if (!prepared_.contains(name)) {
    check(PQprepare(conn_, name, sql, static_cast<int>(params.size()), nullptr), "postgresql prepare");
    prepared_.insert(name);
  }
  const param_arrays p(params);
  return check(PQexecPrepared(conn_, name, p.size(), p.values.data(), nullptr, nullptr, 0), "postgresql");
}

void migrate(connection& c) {
  c.exec("BEGIN");
  try {
    c.exec(migration_lock);
    c.exec("CREATE TABLE IF NOT EXISTS tribune_schema (version INTEGER NOT NULL)");
    auto version = c.query("SELECT version FROM tribune_schema");
    std::size_t current = 0;
    if (version.rows() == 0) {
      c.exec("INSERT INTO tribune_schema(version) VALUES (0)");
    } else {
      current = static_cast<std::size_t>(version.int64(0, 0));
    }
    if (current > migrations.size()) {
      throw error("database schema version " + std::to_string(current) + " is newer than this tribune", "");
    }
    for (; current < migrations.size(); ++current) c.exec(std::string(migrations[current]).c_str());
    c.query("UPDATE tribune_schema SET version = $1", {num(static_cast<std::int64_t>(current))});
    c.exec("COMMIT");
  } catch (...) {
    try {
      c.exec("ROLLBACK");
    } catch (const storage_error&) {
      // The connection is gone: the server rolls the transaction back itself.
    }
    throw;
  }
}

}  // namespace tribune::storage::postgres
