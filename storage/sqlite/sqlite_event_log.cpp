#include "storage/sqlite/sqlite_event_log.hpp"

#include <sqlite3.h>

#include <array>

#include "storage/sqlite/connection.hpp"

namespace tribune::storage {
namespace {

using sqlite::exec;
using sqlite::statement;

std::vector<record> collect_records(statement& q) {
  std::vector<record> out;
  while (q.step()) {
    out.push_back(record{static_cast<seq_t>(q.int64(0)), q.int64(1), q.text(2), q.text(3), q.text(4), {}, {}});
  }
  return out;
}

}  // namespace

sqlite_event_log::sqlite_event_log(const std::filesystem::path& file, std::size_t readers)
    : writes_(max_jobs_per_commit,
              [this](std::deque<write_job>& batch, batch_outcome& out) { commit_batch(batch, out); }) {
  write_db_ = sqlite::open_connection(file);
  try {
    sqlite::migrate(write_db_);
    for (std::size_t i = 0; i < std::max<std::size_t>(1, readers); ++i) {
      readers_.push_back(sqlite::open_connection(file));
    }
  } catch (...) {
    for (auto* db : readers_) sqlite3_close(db);
    sqlite3_close(write_db_);
    throw;
  }
  pool_ = std::make_unique<reader_pool<sqlite3>>(readers_);
  statements_ = std::make_unique<sqlite::statement_cache>(write_db_);
  writes_.start();
}

sqlite_event_log::~sqlite_event_log() {
  writes_.stop();  // finishes what is queued
  statements_.reset();
  for (auto* db : readers_) sqlite3_close(db);
  sqlite3_close(write_db_);
}

template <class F>
auto sqlite_event_log::with_reader(F&& fn) {
  return pool_->with(std::forward<F>(fn));
}

void sqlite_event_log::append(std::string stream_id, seq_t expected_seq, std::vector<record> records,
                              std::optional<new_stream> create, append_handler done) {
  writes_.push(append_job{std::move(stream_id), expected_seq, std::move(records), std::move(create), std::move(done)});
}

void sqlite_event_log::delete_stream(std::string stream_id, delete_handler done) {
  writes_.push(delete_job{std::move(stream_id), std::move(done)});
}

void sqlite_event_log::save_snapshot(std::string debate_id, snapshot s, saved_handler saved) {
  writes_.push(snapshot_job{std::move(debate_id), std::move(s), std::move(saved)});
}

void sqlite_event_log::commit_batch(std::deque<write_job>& batch, batch_outcome& out) {
  auto& statements = *statements_;
  try {
    statements.run("BEGIN IMMEDIATE");
    // A job's failure that made SQLite end the transaction itself fails the whole batch.
    apply_each(
        batch, out, [&](const char* sql) { statements.run(sql); },
        [this] { return sqlite3_get_autocommit(write_db_) != 0; }, [this](const auto& job) { return apply(job); });
    statements.run("COMMIT");
  } catch (const storage_error& e) {
    sqlite3_exec(write_db_, "ROLLBACK", nullptr, nullptr, nullptr);
    out.fail_all(e.what());
  }
}

append_result sqlite_event_log::apply(const append_job& job) {
  auto& statements = *statements_;
  if (job.create && !register_stream(*job.create)) {
    return append_result{append_result::kind::conflict, 0, "stream id or join code already taken"};
  }
  const auto last = statements.use("SELECT coalesce(max(seq), 0) FROM events WHERE debate_id = ?");
  last->bind(1, job.stream_id);
  last->step();
  const auto current = static_cast<seq_t>(last->int64(0));
  if (current != job.expected_seq) return append_result{append_result::kind::conflict, current, "stale expected_seq"};

  const auto insert =
      statements.use("INSERT INTO events(debate_id, seq, at, type, body, command_key) VALUES (?,?,?,?,?,?)");
  std::optional<statement> contact;
  std::optional<statement> erase;
  seq_t seq = job.expected_seq;
  for (const auto& r : job.records) {
    if (r.seq != seq + 1) return append_result{append_result::kind::conflict, current, "records not contiguous"};
    seq = r.seq;
    insert->bind(1, job.stream_id)
        .bind(2, static_cast<std::int64_t>(r.seq))
        .bind(3, r.at)
        .bind(4, r.type)
        .bind(5, r.body);
    if (!r.key.empty()) insert->bind(6, r.key);  // otherwise NULL
    insert->step();
    insert->reset();
    for (const auto& c : r.contacts) {
      if (!contact) contact.emplace(write_db_, "INSERT INTO contacts(stream_id, ref, text) VALUES (?,?,?)");
      contact->bind(1, job.stream_id).bind(2, static_cast<std::int64_t>(c.ref)).bind(3, c.text);
      contact->step();
      contact->reset();
    }
    for (const auto ref : r.erased) {
      if (!erase) erase.emplace(write_db_, "DELETE FROM contacts WHERE stream_id = ? AND ref = ?");
      erase->bind(1, job.stream_id).bind(2, static_cast<std::int64_t>(ref));
      erase->step();
      erase->reset();
    }
  }
  return append_result{append_result::kind::appended, seq, {}};
}

bool sqlite_event_log::register_stream(const new_stream& created) {
  const bool is_debate = std::holds_alternative<debate_row>(created);
  const auto& id = is_debate ? std::get<debate_row>(created).id : std::get<channel_row>(created).id;
  const auto at = is_debate ? std::get<debate_row>(created).created_at : std::get<channel_row>(created).created_at;
  statement stream(write_db_, "INSERT OR IGNORE INTO streams(id, kind, created_at) VALUES (?,?,?)");
  stream.bind(1, id).bind(2, is_debate ? "debate" : "channel").bind(3, at);
  stream.step();
  if (sqlite3_changes(write_db_) == 0) return false;
  if (const auto* d = std::get_if<debate_row>(&created)) {
    statement insert(write_db_, "INSERT OR IGNORE INTO debates(id, code, title, created_at) VALUES (?,?,?,?)");
    insert.bind(1, d->id).bind(2, d->code).bind(3, d->title).bind(4, d->created_at);
    insert.step();
  } else {
    const auto& c = std::get<channel_row>(created);
    statement insert(write_db_, "INSERT OR IGNORE INTO channels(id, title, created_at) VALUES (?,?,?)");
    insert.bind(1, c.id).bind(2, c.title).bind(3, c.created_at);
    insert.step();
  }
  return sqlite3_changes(write_db_) != 0;
}

void sqlite_event_log::apply(const snapshot_job& job) {
  // Never replaces a newer snapshot with an older one.
  statement upsert(write_db_,
                   "INSERT INTO snapshots(debate_id, seq, body) VALUES (?,?,?) ON CONFLICT(debate_id) DO UPDATE SET "
                   "seq = excluded.seq, body = excluded.body WHERE excluded.seq > snapshots.seq");
  upsert.bind(1, job.debate_id).bind(2, static_cast<std::int64_t>(job.snap.seq)).bind(3, job.snap.body);
  upsert.step();
}

delete_result sqlite_event_log::apply(const delete_job& job) {
  // Children first: every table that names the stream references `streams`. A channel's webhook
  // deliveries go with their webhooks (ON DELETE CASCADE).
  static constexpr std::array<const char*, 7> children = {
      "DELETE FROM events WHERE debate_id = ?",   "DELETE FROM snapshots WHERE debate_id = ?",
      "DELETE FROM contacts WHERE stream_id = ?", "DELETE FROM debate_settings WHERE debate_id = ?",
      "DELETE FROM webhooks WHERE channel = ?",   "DELETE FROM debates WHERE id = ?",
      "DELETE FROM channels WHERE id = ?",
  };
  for (const char* sql : children) {
    statement q(write_db_, sql);
    q.bind(1, job.stream_id);
    q.step();
  }
  statement stream(write_db_, "DELETE FROM streams WHERE id = ?");
  stream.bind(1, job.stream_id);
  stream.step();
  if (sqlite3_changes(write_db_) == 0) return delete_result{delete_result::kind::absent, {}};
  return delete_result{delete_result::kind::deleted, {}};
}

std::vector<record> sqlite_event_log::read(const std::string& debate_id, seq_t after_seq, std::size_t limit) {
  return with_reader([&](sqlite3* db) {
    statement q(db,
                "SELECT seq, at, type, body, command_key FROM events WHERE debate_id = ? AND seq > ? ORDER BY seq "
                "LIMIT ?");
    q.bind(1, debate_id).bind(2, static_cast<std::int64_t>(after_seq)).bind(3, static_cast<std::int64_t>(limit));
    return collect_records(q);
  });
}

seq_t sqlite_event_log::last_seq(const std::string& stream_id) {
  return with_reader([&](sqlite3* db) {
    statement q(db, "SELECT COALESCE(MAX(seq), 0) FROM events WHERE debate_id = ?");
    q.bind(1, stream_id);
    return q.step() ? static_cast<seq_t>(q.int64(0)) : seq_t{0};
  });
}

std::optional<snapshot> sqlite_event_log::load_snapshot(const std::string& debate_id) {
  return with_reader([&](sqlite3* db) -> std::optional<snapshot> {
    statement q(db, "SELECT seq, body FROM snapshots WHERE debate_id = ?");
    q.bind(1, debate_id);
    if (!q.step()) return std::nullopt;
    return snapshot{static_cast<seq_t>(q.int64(0)), q.text(1)};
  });
}

std::vector<command_key> sqlite_event_log::recent_keys(const std::string& debate_id, seq_t up_to, std::size_t limit) {
  return with_reader([&](sqlite3* db) {
    statement q(db,
                "SELECT command_key, seq FROM events WHERE debate_id = ? AND seq <= ? AND command_key IS NOT NULL "
                "ORDER BY seq DESC LIMIT ?");
    q.bind(1, debate_id).bind(2, static_cast<std::int64_t>(up_to)).bind(3, static_cast<std::int64_t>(limit));
    std::vector<command_key> out;
    while (q.step()) out.push_back(command_key{q.text(0), static_cast<seq_t>(q.int64(1))});
    return out;
  });
}

std::optional<debate_row> sqlite_event_log::query_debate(const char* sql, const std::string& arg) {
  return with_reader([&](sqlite3* db) -> std::optional<debate_row> {
    statement q(db, sql);
    q.bind(1, arg);
    if (!q.step()) return std::nullopt;
    return debate_row{q.text(0), q.text(1), q.text(2), q.int64(3)};
  });
}

std::optional<debate_row> sqlite_event_log::find_debate(const std::string& id) {
  return query_debate("SELECT id, code, title, created_at FROM debates WHERE id = ?", id);
}

std::optional<debate_row> sqlite_event_log::find_debate_by_code(const std::string& code) {
  return query_debate("SELECT id, code, title, created_at FROM debates WHERE code = ?", code);
}

std::vector<debate_row> sqlite_event_log::list_debates() {
  return with_reader([](sqlite3* db) {
    statement q(db, "SELECT id, code, title, created_at FROM debates ORDER BY created_at DESC, id");
    std::vector<debate_row> out;
    while (q.step()) out.push_back(debate_row{q.text(0), q.text(1), q.text(2), q.int64(3)});
    return out;
  });
}

std::optional<channel_row> sqlite_event_log::find_channel(const std::string& id) {
  return with_reader([&](sqlite3* db) -> std::optional<channel_row> {
    statement q(db, "SELECT id, title, created_at FROM channels WHERE id = ?");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return channel_row{q.text(0), q.text(1), q.int64(2)};
  });
}

std::vector<contact_row> sqlite_event_log::read_contacts(const std::string& stream_id, std::uint32_t after_ref) {
  return with_reader([&](sqlite3* db) {
    statement q(db, "SELECT ref, text FROM contacts WHERE stream_id = ? AND ref > ? ORDER BY ref");
    q.bind(1, stream_id);
    q.bind(2, static_cast<std::int64_t>(after_ref));
    std::vector<contact_row> out;
    while (q.step()) out.push_back(contact_row{static_cast<std::uint32_t>(q.int64(0)), q.text(1)});
    return out;
  });
}

std::optional<std::string> sqlite_event_log::get_setting(const std::string& key) {
  return with_reader([&](sqlite3* db) -> std::optional<std::string> {
    statement q(db, "SELECT value FROM settings WHERE key = ?");
    q.bind(1, key);
    if (!q.step()) return std::nullopt;
    return q.text(0);
  });
}

void sqlite_event_log::put_setting(const std::string& key, const std::string& value) {
  // Settings change rarely (at start): a read connection writes them under busy_timeout.
  with_reader([&](sqlite3* db) {
    statement q(db,
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    q.bind(1, key).bind(2, value);
    q.step();
    return 0;
  });
}

std::optional<std::string> sqlite_event_log::get_debate_settings(const std::string& debate_id) {
  return with_reader([&](sqlite3* db) -> std::optional<std::string> {
    statement q(db, "SELECT body FROM debate_settings WHERE debate_id = ?");
    q.bind(1, debate_id);
    if (!q.step()) return std::nullopt;
    return q.text(0);
  });
}

void sqlite_event_log::put_debate_settings(const std::string& debate_id, const std::string& body) {
  // Rare and small (an organizer's form): written on a read connection under busy_timeout, like
  // the server settings. The foreign key refuses a debate that is not registered.
  with_reader([&](sqlite3* db) {
    statement q(db,
                "INSERT INTO debate_settings(debate_id, body) VALUES (?, ?) "
                "ON CONFLICT(debate_id) DO UPDATE SET body = excluded.body");
    q.bind(1, debate_id).bind(2, body);
    q.step();
    return 0;
  });
}

}  // namespace tribune::storage
