#include "storage/migrate.hpp"

#include <sqlite3.h>

#include <array>

#include "storage/postgres/connection.hpp"
#include "storage/sqlite/connection.hpp"

namespace tribune::storage {
namespace {

using postgres::num;
using postgres::param;

// A table copied as it is: its columns, the same in both databases, and the SQLite expressions
// that read them (integers as text, so that every value is a parameter).
struct table {
  const char* name;
  const char* columns;
  std::size_t width;
};

// In the order their foreign keys need. `streams` is copied on its own (its last_seq is new).
constexpr std::array<table, 9> tables = {{
    {"debates", "id, code, title, created_at", 4},
    {"channels", "id, title, created_at", 3},
    {"events", "debate_id, seq, at, type, body, command_key", 6},
    {"settings", "key, value", 2},
    {"snapshots", "debate_id, seq, body", 3},
    {"debate_settings", "debate_id, body", 2},
    {"contacts", "stream_id, ref, text", 3},
    {"webhooks", "id, channel, url, secret, events, created_at", 6},
    {"webhook_deliveries",
     "id, webhook, type, body, created_at, attempts, next_at, status, last_code, last_error, done_at", 11},
}};

std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 1; i <= n; ++i) out += (i > 1 ? ", $" : "$") + std::to_string(i);
  return out;
}

// Every row of `sql` on SQLite, each column as text (NULL as nullopt), handed to `row`.
template <class F>
void each_row(sqlite3* db, const std::string& sql, std::size_t width, F row) {
  sqlite::statement q(db, sql.c_str());
  std::vector<param> values(width);
  while (q.step()) {
    for (std::size_t i = 0; i < width; ++i) {
      values[i] = q.is_null(static_cast<int>(i)) ? param() : param(q.text(static_cast<int>(i)));
    }
    row(values);
  }
}

std::int64_t count(postgres::connection& c, const std::string& sql) { return c.query(sql.c_str()).int64(0, 0); }

std::int64_t count(sqlite3* db, const std::string& sql) {
  sqlite::statement q(db, sql.c_str());
  q.step();
  return q.int64(0);
}

[[noreturn]] void mismatch(const std::string& what) {
  throw storage_error("the copy differs from the source: " + what + "; nothing was committed");
}

// The stream's events on both sides, compared field by field, in chunks.
std::uint64_t compare_events(sqlite3* db, postgres::connection& c, const std::string& stream) {
  constexpr std::int64_t chunk = 2000;
  std::int64_t after = 0;
  std::uint64_t compared = 0;
  for (;;) {
    sqlite::statement q(db,
                        "SELECT seq, at, type, body, coalesce(command_key, '') FROM events WHERE debate_id = ? "
                        "AND seq > ? ORDER BY seq LIMIT ?");
    q.bind(1, stream).bind(2, after).bind(3, chunk);
    const auto copy = c.query(
        "SELECT seq, at, type, body, coalesce(command_key, '') FROM events WHERE debate_id = $1 AND seq > $2 "
        "ORDER BY seq LIMIT $3",
        {stream, num(after), num(chunk)});
    int i = 0;
    for (; q.step(); ++i) {
      if (i >= copy.rows() || copy.int64(i, 0) != q.int64(0) || copy.int64(i, 1) != q.int64(1) ||
          copy.text(i, 2) != q.text(2) || copy.text(i, 3) != q.text(3) || copy.text(i, 4) != q.text(4)) {
        mismatch("stream " + stream + " at seq " + std::to_string(q.int64(0)));
      }
      after = q.int64(0);
    }
    if (i != copy.rows()) mismatch("stream " + stream + " has more events than its source");
    compared += static_cast<std::uint64_t>(i);
    if (i < chunk) return compared;
  }
}

// Every row of the source into the target, streams first (with the last seq they gain here).
void copy_rows(sqlite3* db, postgres::connection& c, migration_report& report) {
  each_row(db,
           "SELECT s.id, s.kind, s.created_at, (SELECT coalesce(max(seq), 0) FROM events e WHERE e.debate_id = "
           "s.id) FROM streams s ORDER BY s.created_at, s.id",
           4, [&](const std::vector<param>& v) {
             c.prepared("copy_stream", "INSERT INTO streams(id, kind, created_at, last_seq) VALUES ($1, $2, $3, $4)",
                        v);
             ++report.streams;
           });
  for (const auto& t : tables) {
    const std::string insert =
        std::string("INSERT INTO ") + t.name + "(" + t.columns + ") VALUES (" + placeholders(t.width) + ")";
    const std::string name = std::string("copy_") + t.name;
    each_row(db, std::string("SELECT ") + t.columns + " FROM " + t.name, t.width,
             [&](const std::vector<param>& v) { c.prepared(name.c_str(), insert.c_str(), v); });
  }
}

// The checks, before anything is committed: row counts, each stream's events, each last seq.
void check_copy(sqlite3* db, postgres::connection& c, migration_report& report,
                const std::function<void(const std::string&)>& progress) {
  for (const auto& t : tables) {
    const std::string sql = std::string("SELECT count(*) FROM ") + t.name;
    if (count(db, sql) != count(c, sql)) mismatch(std::string("the number of rows of ") + t.name);
  }
  sqlite::statement streams(db, "SELECT id FROM streams ORDER BY id");
  while (streams.step()) {
    const auto id = streams.text(0);
    report.events += compare_events(db, c, id);
    if (progress) progress(id);
  }
  if (count(c,
            "SELECT count(*) FROM streams s WHERE last_seq <> (SELECT coalesce(max(seq), 0) FROM events e "
            "WHERE e.debate_id = s.id)") != 0) {
    mismatch("a stream's last seq");
  }
  report.contacts = static_cast<std::uint64_t>(count(c, "SELECT count(*) FROM contacts"));
  report.snapshots = static_cast<std::uint64_t>(count(c, "SELECT count(*) FROM snapshots"));
  report.webhooks = static_cast<std::uint64_t>(count(c, "SELECT count(*) FROM webhooks"));
  report.deliveries = static_cast<std::uint64_t>(count(c, "SELECT count(*) FROM webhook_deliveries"));
}

}  // namespace

migration_report migrate_sqlite_to_postgres(const std::filesystem::path& from, const std::string& to,
                                            const std::function<void(const std::string&)>& progress) {
  if (!std::filesystem::exists(from)) throw storage_error("no database at " + from.string());
  sqlite3* db = sqlite::open_connection(from);
  const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> owned(db, &sqlite3_close);
  sqlite::migrate(db);  // brought to the current schema first, as `tribune serve` would
  // One read transaction: the copy is the database at one moment even if a server still writes.
  sqlite::exec(db, "BEGIN");

  postgres::connection c(to);
  postgres::migrate(c);
  if (count(c, "SELECT count(*) FROM streams") != 0) {
    throw storage_error("the target database already holds streams: migrate into an empty database");
  }
  migration_report report;
  c.exec("BEGIN");
  try {
    copy_rows(db, c, report);
    check_copy(db, c, report, progress);
    c.exec("COMMIT");
  } catch (...) {
    if (!c.broken()) c.exec("ROLLBACK");
    throw;
  }
  sqlite::exec(db, "COMMIT");
  return report;
}

}  // namespace tribune::storage
