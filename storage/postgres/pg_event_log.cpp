#include "storage/postgres/pg_event_log.hpp"

#include <algorithm>
#include <array>

#include "storage/postgres/connection.hpp"
#include "storage/postgres/listener.hpp"

namespace tribune::storage {
namespace {

using postgres::num;

std::vector<record> collect_records(const postgres::result& r) {
  std::vector<record> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    out.push_back(
        record{static_cast<seq_t>(r.int64(i, 0)), r.int64(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), {}, {}});
  }
  return out;
}

postgres::param seq_param(seq_t s) { return num(static_cast<std::int64_t>(s)); }

// The records as a few multi-row INSERTs: a group commit of many votes costs a few round trips to
// the database, not one per event.
void insert_events(postgres::connection& c, const std::string& stream, const std::vector<record>& records) {
  constexpr std::size_t rows_per_insert = 100;
  for (std::size_t first = 0; first < records.size(); first += rows_per_insert) {
    const auto last = std::min(records.size(), first + rows_per_insert);
    std::string sql = "INSERT INTO events(debate_id, seq, at, type, body, command_key) VALUES ";
    std::vector<postgres::param> params{stream};
    params.reserve(1 + (last - first) * 5);
    for (auto i = first; i < last; ++i) {
      const auto& r = records[i];
      const auto n = params.size();
      sql += (i > first ? ",($1" : "($1");
      for (std::size_t k = 1; k <= 5; ++k) sql += ",$" + std::to_string(n + k);
      sql += ")";
      params.insert(params.end(), {seq_param(r.seq), num(r.at), r.type, r.body,
                                   r.key.empty() ? postgres::param() : postgres::param(r.key)});
    }
    c.query(sql.c_str(), params);
  }
}

}  // namespace

pg_event_log::pg_event_log(const std::string& url, std::size_t readers)
    : url_(url), writes_(max_jobs_per_commit, [this](std::deque<write_job>& batch, batch_outcome& out) {
        commit_batch(batch, out);
      }) {
  writer_ = std::make_unique<postgres::connection>(url);
  writer_backend_ = writer_->backend();
  postgres::migrate(*writer_);
  for (std::size_t i = 0; i < std::max<std::size_t>(1, readers); ++i) {
    readers_.push_back(std::make_unique<postgres::connection>(url));
  }
  std::vector<postgres::connection*> lent;
  for (const auto& r : readers_) lent.push_back(r.get());
  pool_ = std::make_unique<reader_pool<postgres::connection>>(std::move(lent));
  writes_.start();
}

pg_event_log::~pg_event_log() {
  listener_.reset();
  writes_.stop();
}

void pg_event_log::watch(const change_handler& changed) {
  listener_.reset();
  if (changed) listener_ = std::make_unique<postgres::listener>(url_, writer_backend_, changed);
}

template <class F>
auto pg_event_log::with_reader(F&& fn) {
  return pool_->with([&](postgres::connection* c) {
    c->ensure();
    try {
      return fn(*c);
    } catch (const storage_error&) {
      // A read is safe to run again: once, on a new connection, if the server dropped this one.
      if (!c->broken()) throw;
      c->ensure();
      return fn(*c);
    }
  });
}

void pg_event_log::append(std::string stream_id, seq_t expected_seq, std::vector<record> records,
                          std::optional<new_stream> create, append_handler done) {
  writes_.push(append_job{std::move(stream_id), expected_seq, std::move(records), std::move(create), std::move(done)});
}

void pg_event_log::delete_stream(std::string stream_id, delete_handler done) {
  writes_.push(delete_job{std::move(stream_id), std::move(done)});
}

void pg_event_log::save_snapshot(std::string debate_id, snapshot s, saved_handler saved) {
  writes_.push(snapshot_job{std::move(debate_id), std::move(s), std::move(saved)});
}

namespace {

// The id of the stream a job writes to.
const std::string& stream_of(const write_job& job) {
  if (const auto* a = std::get_if<append_job>(&job)) return a->stream_id;
  if (const auto* d = std::get_if<delete_job>(&job)) return d->stream_id;
  return std::get<snapshot_job>(job).debate_id;
}

}  // namespace

void pg_event_log::commit_batch(std::deque<write_job>& batch, batch_outcome& out) {
  // Every node's transaction locks the streams' rows in the same order (by id), so that two nodes
  // committing batches over the same debates wait for each other instead of deadlocking. A stable
  // sort keeps each stream's jobs in the order they were queued; outcomes follow the sorted batch.
  std::stable_sort(batch.begin(), batch.end(),
                   [](const write_job& x, const write_job& y) { return stream_of(x) < stream_of(y); });
  auto& c = *writer_;
  try {
    c.ensure();
    writer_backend_.store(c.backend(), std::memory_order_relaxed);
    c.exec("BEGIN");
    // A lost connection fails the whole batch.
    apply_each(
        batch, out, [&](const char* sql) { c.exec(sql); }, [&] { return c.broken(); },
        [this](const auto& job) { return apply(job); });
    c.exec("COMMIT");
  } catch (const storage_error& e) {
    if (!c.broken()) {
      try {
        c.exec("ROLLBACK");
      } catch (const storage_error&) {
        // Lost meanwhile: the server rolls back on its own.
      }
    }
    out.fail_all(e.what());
  }
}

append_result pg_event_log::apply(const append_job& job) {
  auto& c = *writer_;
  if (job.create && !register_stream(*job.create)) {
    return append_result{append_result::kind::conflict, 0, "stream id or join code already taken"};
  }
  const seq_t end = job.expected_seq + job.records.size();
  // Checks the expected seq and locks the stream's row until the commit. Should PostgreSQL still
  // find a deadlock (or a serialization failure), nothing of this job stays: the room reads the
  // log and tries again, as after any lost race.
  std::optional<postgres::result> moved;
  try {
    moved.emplace(c.prepared("move_seq", "UPDATE streams SET last_seq = $3 WHERE id = $1 AND last_seq = $2",
                             {job.stream_id, seq_param(job.expected_seq), seq_param(end)}));
  } catch (const postgres::error& e) {
    if (!e.must_retry()) throw;
    return append_result{append_result::kind::conflict, job.expected_seq, "lost a lock to another node"};
  }
  if (moved->affected() != 1) {
    const auto now = c.prepared("stream_seq", "SELECT last_seq FROM streams WHERE id = $1", {job.stream_id});
    if (now.rows() == 0) return append_result{append_result::kind::failed, 0, "no such stream"};
    return append_result{append_result::kind::conflict, static_cast<seq_t>(now.int64(0, 0)), "stale expected_seq"};
  }
  seq_t seq = job.expected_seq;
  for (const auto& r : job.records) {
    // Undone with the job's savepoint, the stream's seq with it.
    if (r.seq != ++seq) return append_result{append_result::kind::conflict, job.expected_seq, "records not contiguous"};
  }
  insert_events(c, job.stream_id, job.records);
  for (const auto& r : job.records) {
    for (const auto& contact : r.contacts) {
      c.prepared("insert_contact", "INSERT INTO contacts(stream_id, ref, text) VALUES ($1, $2, $3)",
                 {job.stream_id, num(contact.ref), contact.text});
    }
    for (const auto ref : r.erased) {
      c.prepared("erase_contact", "DELETE FROM contacts WHERE stream_id = $1 AND ref = $2", {job.stream_id, num(ref)});
    }
  }
  // Delivered at the commit, and only then (never for a job its savepoint undid): the other nodes
  // with this stream loaded read what follows their seq. Several in one transaction are sent once.
  c.prepared("notify", "SELECT pg_notify($1, $2)", {postgres::events_channel, job.stream_id});
  return append_result{append_result::kind::appended, seq, {}};
}

bool pg_event_log::register_stream(const new_stream& created) {
  auto& c = *writer_;
  const bool is_debate = std::holds_alternative<debate_row>(created);
  const auto& id = is_debate ? std::get<debate_row>(created).id : std::get<channel_row>(created).id;
  const auto at = is_debate ? std::get<debate_row>(created).created_at : std::get<channel_row>(created).created_at;
  const auto stream = c.query("INSERT INTO streams(id, kind, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                              {id, is_debate ? "debate" : "channel", num(at)});
  if (stream.affected() == 0) return false;
  if (const auto* d = std::get_if<debate_row>(&created)) {
    return c.query("INSERT INTO debates(id, code, title, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                   {d->id, d->code, d->title, num(d->created_at)})
               .affected() != 0;
  }
  const auto& ch = std::get<channel_row>(created);
  return c.query("INSERT INTO channels(id, title, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                 {ch.id, ch.title, num(ch.created_at)})
             .affected() != 0;
}

void pg_event_log::apply(const snapshot_job& job) {
  // Never replaces a newer snapshot with an older one.
  writer_->query(
      "INSERT INTO snapshots(debate_id, seq, body) VALUES ($1, $2, $3) ON CONFLICT (debate_id) DO UPDATE SET "
      "seq = excluded.seq, body = excluded.body WHERE excluded.seq > snapshots.seq",
      {job.debate_id, seq_param(job.snap.seq), job.snap.body});
}

delete_result pg_event_log::apply(const delete_job& job) {
  // Children first; a channel's webhook deliveries go with its webhooks (ON DELETE CASCADE).
  static constexpr std::array<const char*, 7> children = {
      "DELETE FROM events WHERE debate_id = $1",   "DELETE FROM snapshots WHERE debate_id = $1",
      "DELETE FROM contacts WHERE stream_id = $1", "DELETE FROM debate_settings WHERE debate_id = $1",
      "DELETE FROM webhooks WHERE channel = $1",   "DELETE FROM debates WHERE id = $1",
      "DELETE FROM channels WHERE id = $1",
  };
  for (const char* sql : children) writer_->query(sql, {job.stream_id});
  if (writer_->query("DELETE FROM streams WHERE id = $1", {job.stream_id}).affected() == 0) {
    return delete_result{delete_result::kind::absent, {}};
  }
  return delete_result{delete_result::kind::deleted, {}};
}

std::vector<record> pg_event_log::read(const std::string& debate_id, seq_t after_seq, std::size_t limit) {
  return with_reader([&](postgres::connection& c) {
    return collect_records(c.prepared("read",
                                      "SELECT seq, at, type, body, command_key FROM events WHERE debate_id = $1 AND "
                                      "seq > $2 ORDER BY seq LIMIT $3",
                                      {debate_id, seq_param(after_seq), num(static_cast<std::int64_t>(limit))}));
  });
}

seq_t pg_event_log::last_seq(const std::string& stream_id) {
  return with_reader([&](postgres::connection& c) {
    const auto r = c.prepared("last_seq", "SELECT last_seq FROM streams WHERE id = $1", {stream_id});
    return r.rows() == 0 ? seq_t{0} : static_cast<seq_t>(r.int64(0, 0));
  });
}

std::optional<snapshot> pg_event_log::load_snapshot(const std::string& debate_id) {
  return with_reader([&](postgres::connection& c) -> std::optional<snapshot> {
    const auto r = c.query("SELECT seq, body FROM snapshots WHERE debate_id = $1", {debate_id});
    if (r.rows() == 0) return std::nullopt;
    return snapshot{static_cast<seq_t>(r.int64(0, 0)), r.text(0, 1)};
  });
}

std::vector<command_key> pg_event_log::recent_keys(const std::string& debate_id, seq_t up_to, std::size_t limit) {
  return with_reader([&](postgres::connection& c) {
    const auto r = c.query(
        "SELECT command_key, seq FROM events WHERE debate_id = $1 AND seq <= $2 AND command_key IS NOT NULL "
        "ORDER BY seq DESC LIMIT $3",
        {debate_id, seq_param(up_to), num(static_cast<std::int64_t>(limit))});
    return postgres::rows_of<command_key>(r, [](const postgres::result& q, int i) {
      return command_key{q.text(i, 0), static_cast<seq_t>(q.int64(i, 1))};
    });
  });
}

std::optional<debate_row> pg_event_log::query_debate(const char* sql, const std::string& arg) {
  return with_reader([&](postgres::connection& c) -> std::optional<debate_row> {
    const auto r = c.query(sql, {arg});
    if (r.rows() == 0) return std::nullopt;
    return debate_row{r.text(0, 0), r.text(0, 1), r.text(0, 2), r.int64(0, 3)};
  });
}

std::optional<debate_row> pg_event_log::find_debate(const std::string& id) {
  return query_debate("SELECT id, code, title, created_at FROM debates WHERE id = $1", id);
}

std::optional<debate_row> pg_event_log::find_debate_by_code(const std::string& code) {
  return query_debate("SELECT id, code, title, created_at FROM debates WHERE code = $1", code);
}

std::vector<debate_row> pg_event_log::list_debates() {
  return with_reader([](postgres::connection& c) {
    const auto r =
        c.query("SELECT id, code, title, created_at FROM debates ORDER BY created_at DESC, id COLLATE \"C\"");
    return postgres::rows_of<debate_row>(r, [](const postgres::result& q, int i) {
      return debate_row{q.text(i, 0), q.text(i, 1), q.text(i, 2), q.int64(i, 3)};
    });
  });
}

std::optional<channel_row> pg_event_log::find_channel(const std::string& id) {
  return with_reader([&](postgres::connection& c) -> std::optional<channel_row> {
    const auto r = c.query("SELECT id, title, created_at FROM channels WHERE id = $1", {id});
    if (r.rows() == 0) return std::nullopt;
    return channel_row{r.text(0, 0), r.text(0, 1), r.int64(0, 2)};
  });
}

std::vector<contact_row> pg_event_log::read_contacts(const std::string& stream_id, std::uint32_t after_ref) {
  return with_reader([&](postgres::connection& c) {
    const auto r =
        c.prepared("read_contacts", "SELECT ref, text FROM contacts WHERE stream_id = $1 AND ref > $2 ORDER BY ref",
                   {stream_id, num(after_ref)});
    return postgres::rows_of<contact_row>(r, [](const postgres::result& q, int i) {
      return contact_row{static_cast<std::uint32_t>(q.int64(i, 0)), q.text(i, 1)};
    });
  });
}

std::optional<std::string> pg_event_log::get_setting(const std::string& key) {
  return with_reader([&](postgres::connection& c) -> std::optional<std::string> {
    const auto r = c.query("SELECT value FROM settings WHERE key = $1", {key});
    if (r.rows() == 0) return std::nullopt;
    return r.text(0, 0);
  });
}

void pg_event_log::put_setting(const std::string& key, const std::string& value) {
  with_reader([&](postgres::connection& c) {
    c.query("INSERT INTO settings(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            {key, value});
    return 0;
  });
}

std::optional<std::string> pg_event_log::get_debate_settings(const std::string& debate_id) {
  return with_reader([&](postgres::connection& c) -> std::optional<std::string> {
    const auto r = c.query("SELECT body FROM debate_settings WHERE debate_id = $1", {debate_id});
    if (r.rows() == 0) return std::nullopt;
    return r.text(0, 0);
  });
}

void pg_event_log::put_debate_settings(const std::string& debate_id, const std::string& body) {
  // The foreign key refuses a debate that is not registered.
  with_reader([&](postgres::connection& c) {
    c.query(
        "INSERT INTO debate_settings(debate_id, body) VALUES ($1, $2) "
        "ON CONFLICT (debate_id) DO UPDATE SET body = excluded.body",
        {debate_id, body});
    return 0;
  });
}

}  // namespace tribune::storage
