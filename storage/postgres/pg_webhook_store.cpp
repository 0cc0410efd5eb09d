#include "storage/postgres/pg_webhook_store.hpp"

#include <string_view>

#include "storage/postgres/connection.hpp"

namespace tribune::storage {
namespace {

using postgres::num;

std::vector<delivery_row> deliveries_of(const postgres::result& r) {
  std::vector<delivery_row> out;
  for (int i = 0; i < r.rows(); ++i) {
    delivery_row d;
    d.id = r.text(i, 0);
    d.webhook = r.text(i, 1);
    d.type = r.text(i, 2);
    d.body = r.text(i, 3);
    d.created_at = r.int64(i, 4);
    d.attempts = static_cast<std::uint32_t>(r.int64(i, 5));
    d.next_at = r.int64(i, 6);
    d.status = status_of(r.text(i, 7));
    d.last_code = static_cast<int>(r.int64(i, 8));
    d.last_error = r.text(i, 9);
    d.done_at = r.int64(i, 10);
    d.url = r.text(i, 11);
    d.secret = r.text(i, 12);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

pg_webhook_store::pg_webhook_store(const std::string& url) : c_(std::make_unique<postgres::connection>(url)) {}

pg_webhook_store::~pg_webhook_store() = default;

void pg_webhook_store::add_webhook(const webhook_row& w) {
  const std::lock_guard lock(mutex_);
  c_->ensure();
  c_->query("INSERT INTO webhooks(id, channel, url, secret, events, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            {w.id, w.channel, w.url, w.secret, w.events, num(w.created_at)});
}

bool pg_webhook_store::remove_webhook(const std::string& channel, const std::string& id) {
  const std::lock_guard lock(mutex_);
  c_->ensure();
  return c_->query("DELETE FROM webhooks WHERE id = $1 AND channel = $2", {id, channel}).affected() > 0;
}

std::vector<webhook_row> pg_webhook_store::webhooks(const std::string& channel) {
  const std::lock_guard lock(mutex_);
  c_->ensure();
  const auto r = c_->query(
      "SELECT id, channel, url, secret, events, created_at FROM webhooks WHERE channel = $1 "
      "ORDER BY created_at, id COLLATE \"C\"",
      {channel});
  return postgres::rows_of<webhook_row>(r, [](const postgres::result& q, int i) {
    return webhook_row{q.text(i, 0), q.text(i, 1), q.text(i, 2), q.text(i, 3), q.text(i, 4), q.int64(i, 5)};
  });
}

void pg_webhook_store::enqueue(const std::vector<delivery_row>& rows) {
  if (rows.empty()) return;
  const std::lock_guard lock(mutex_);
  c_->ensure();
  c_->exec("BEGIN");
  try {
    for (const auto& d : rows) {
      c_->prepared("enqueue_delivery",
                   "INSERT INTO webhook_deliveries(id, webhook, type, body, created_at, next_at, status) "
                   "VALUES ($1, $2, $3, $4, $5, $6, 'pending') ON CONFLICT (id) DO NOTHING",
                   {d.id, d.webhook, d.type, d.body, num(d.created_at), num(d.next_at)});
    }
    c_->exec("COMMIT");
  } catch (...) {
    if (!c_->broken()) c_->exec("ROLLBACK");
    throw;
  }
}

std::vector<delivery_row> pg_webhook_store::due(std::int64_t now, std::size_t limit) {
  const std::lock_guard lock(mutex_);
  c_->ensure();
  // Claims what it returns: another node reading now skips these rows, and reads them as due again
  // only once the claim has run out (a node that died mid-delivery).
  static const std::string sql = [] {
    // Each as it was due, not as claimed.
    std::string columns(delivery_columns);
    columns.replace(columns.find("d.next_at"), 9, "d.was_next");
    return "WITH picked AS (SELECT id, next_at FROM webhook_deliveries WHERE status = 'pending' AND next_at <= $1 "
           "ORDER BY next_at, created_at LIMIT $2 FOR UPDATE SKIP LOCKED), "
           "claimed AS (UPDATE webhook_deliveries d SET next_at = $1 + $3 FROM picked WHERE d.id = picked.id "
           "RETURNING d.*, picked.next_at AS was_next) "
           "SELECT " +
           columns + " FROM claimed d JOIN webhooks w ON w.id = d.webhook ORDER BY d.was_next, d.created_at";
  }();
  const auto r = c_->query(sql.c_str(), {num(now), num(static_cast<std::int64_t>(limit)), num(claim_ms)});
  return deliveries_of(r);
}

void pg_webhook_store::record_attempt(const delivery_row& d) {
  const std::lock_guard lock(mutex_);
  c_->ensure();
  c_->query(
      "UPDATE webhook_deliveries SET attempts = $1, next_at = $2, status = $3, last_code = $4, last_error = $5, "
      "done_at = $6 WHERE id = $7",
      {num(d.attempts), num(d.next_at), std::string(status_word(d.status)), num(d.last_code), d.last_error,
       num(d.done_at), d.id});
}

std::vector<delivery_row> pg_webhook_store::deliveries(const std::string& webhook, std::size_t limit) {
  const std::lock_guard lock(mutex_);
  c_->ensure();
  static const std::string sql = "SELECT " + std::string(delivery_columns) +
                                 " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook "
                                 "WHERE d.webhook = $1 ORDER BY d.created_at DESC, d.id COLLATE \"C\" DESC LIMIT $2";
  return deliveries_of(c_->query(sql.c_str(), {webhook, num(static_cast<std::int64_t>(limit))}));
}

}  // namespace tribune::storage
