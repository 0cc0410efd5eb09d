#include "storage/sqlite/sqlite_webhook_store.hpp"

#include <sqlite3.h>

#include "storage/sqlite/connection.hpp"

namespace tribune::storage {
namespace {

using sqlite::statement;

delivery_row delivery_of(const statement& q) {
  delivery_row d;
  d.id = q.text(0);
  d.webhook = q.text(1);
  d.type = q.text(2);
  d.body = q.text(3);
  d.created_at = q.int64(4);
  d.attempts = static_cast<std::uint32_t>(q.int64(5));
  d.next_at = q.int64(6);
  d.status = status_of(q.text(7));
  d.last_code = static_cast<int>(q.int64(8));
  d.last_error = q.text(9);
  d.done_at = q.int64(10);
  d.url = q.text(11);
  d.secret = q.text(12);
  return d;
}

}  // namespace

sqlite_webhook_store::sqlite_webhook_store(const std::filesystem::path& file) : db_(sqlite::open_connection(file)) {}

sqlite_webhook_store::~sqlite_webhook_store() { sqlite3_close(db_); }

void sqlite_webhook_store::add_webhook(const webhook_row& w) {
  const std::lock_guard lock(mutex_);
  statement q(db_, "INSERT INTO webhooks(id, channel, url, secret, events, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  q.bind(1, w.id).bind(2, w.channel).bind(3, w.url).bind(4, w.secret).bind(5, w.events).bind(6, w.created_at);
  q.step();
}

bool sqlite_webhook_store::remove_webhook(const std::string& channel, const std::string& id) {
  const std::lock_guard lock(mutex_);
  statement q(db_, "DELETE FROM webhooks WHERE id = ? AND channel = ?");
  q.bind(1, id).bind(2, channel);
  q.step();
  return sqlite3_changes(db_) > 0;
}

std::vector<webhook_row> sqlite_webhook_store::webhooks(const std::string& channel) {
  const std::lock_guard lock(mutex_);
  statement q(db_,
              "SELECT id, channel, url, secret, events, created_at FROM webhooks WHERE channel = ? "
              "ORDER BY created_at, id");
  q.bind(1, channel);
  std::vector<webhook_row> out;
  while (q.step()) out.push_back(webhook_row{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.int64(5)});
  return out;
}

void sqlite_webhook_store::enqueue(const std::vector<delivery_row>& rows) {
  if (rows.empty()) return;
  const std::lock_guard lock(mutex_);
  sqlite::exec(db_, "BEGIN IMMEDIATE");
  try {
    statement q(db_,
                "INSERT OR IGNORE INTO webhook_deliveries(id, webhook, type, body, created_at, next_at, status) "
                "VALUES (?, ?, ?, ?, ?, ?, 'pending')");
    for (const auto& d : rows) {
      q.bind(1, d.id).bind(2, d.webhook).bind(3, d.type).bind(4, d.body).bind(5, d.created_at).bind(6, d.next_at);
      q.step();
      q.reset();
    }
    sqlite::exec(db_, "COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<delivery_row> sqlite_webhook_store::due(std::int64_t now, std::size_t limit) {
  const std::lock_guard lock(mutex_);
  const std::string sql = "SELECT " + std::string(delivery_columns) +
                          " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook "
                          "WHERE d.status = 'pending' AND d.next_at <= ? ORDER BY d.next_at, d.created_at LIMIT ?";
  statement q(db_, sql.c_str());
  q.bind(1, now).bind(2, static_cast<std::int64_t>(limit));
  std::vector<delivery_row> out;
  while (q.step()) out.push_back(delivery_of(q));
  return out;
}

void sqlite_webhook_store::record_attempt(const delivery_row& d) {
  const std::lock_guard lock(mutex_);
  statement q(db_,
              "UPDATE webhook_deliveries SET attempts = ?, next_at = ?, status = ?, last_code = ?, last_error = ?, "
              "done_at = ? WHERE id = ?");
  q.bind(1, static_cast<std::int64_t>(d.attempts))
      .bind(2, d.next_at)
      .bind(3, status_word(d.status))
      .bind(4, static_cast<std::int64_t>(d.last_code))
      .bind(5, d.last_error)
      .bind(6, d.done_at)
      .bind(7, d.id);
  q.step();
}

std::vector<delivery_row> sqlite_webhook_store::deliveries(const std::string& webhook, std::size_t limit) {
  const std::lock_guard lock(mutex_);
  const std::string sql = "SELECT " + std::string(delivery_columns) +
                          " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook "
                          "WHERE d.webhook = ? ORDER BY d.created_at DESC, d.id DESC LIMIT ?";
  statement q(db_, sql.c_str());
  q.bind(1, webhook).bind(2, static_cast<std::int64_t>(limit));
  std::vector<delivery_row> out;
  while (q.step()) out.push_back(delivery_of(q));
  return out;
}

}  // namespace tribune::storage
