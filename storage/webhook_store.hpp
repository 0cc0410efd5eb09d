#pragma once
// The channels' webhooks and their outbox: each delivery is a row written before it is sent and
// updated after each attempt, so a restart resumes every pending delivery where it stood. Kept
// beside the event log (same database, its own tables): a delivery is a side effect of an event,
// not an event. Thread-safe; every call blocks (storage threads only).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tribune::storage {

struct webhook_row {
  std::string id;
  std::string channel;
  std::string url;
  std::string secret;  // "whsec_" and the base64 of the signing key
  std::string events;  // the event types it receives, space separated
  std::int64_t created_at = 0;
};

enum class delivery_status : std::uint8_t { pending, delivered, failed };

// How a status is stored: "pending", "delivered" or "failed".
inline std::string_view status_word(delivery_status s) {
  static constexpr std::array<std::string_view, 3> words{"pending", "delivered", "failed"};
  return words.at(static_cast<std::size_t>(s));
}
inline delivery_status status_of(std::string_view w) {
  for (const auto s : {delivery_status::pending, delivery_status::delivered}) {
    if (status_word(s) == w) return s;
  }
  return delivery_status::failed;
}

struct delivery_row {
  std::string id;  // the `webhook-id` header; the same for every attempt
  std::string webhook;
  std::string type;
  std::string body;
  std::int64_t created_at = 0;
  std::uint32_t attempts = 0;
  std::int64_t next_at = 0;  // when a pending delivery is next tried
  delivery_status status = delivery_status::pending;
  int last_code = 0;  // the receiver's last HTTP status (0: none)
  std::string last_error;
  std::int64_t done_at = 0;  // delivered or given up
  // Read with due(): the webhook's address and secret.
  std::string url;
  std::string secret;
};

// The delivery columns both SQL stores select, in this order, from `webhook_deliveries d JOIN
// webhooks w`.
inline constexpr std::string_view delivery_columns =
    "d.id, d.webhook, d.type, d.body, d.created_at, d.attempts, d.next_at, d.status, d.last_code, d.last_error, "
    "d.done_at, w.url, w.secret";

class webhook_store {
 public:
  webhook_store() = default;
  webhook_store(const webhook_store&) = delete;
  webhook_store& operator=(const webhook_store&) = delete;
  virtual ~webhook_store() = default;

  virtual void add_webhook(const webhook_row& w) = 0;
  // Removes it and its deliveries; false when the channel has no such webhook.
  virtual bool remove_webhook(const std::string& channel, const std::string& id) = 0;
  virtual std::vector<webhook_row> webhooks(const std::string& channel) = 0;

  // Queues deliveries in one transaction. A delivery whose id is already queued is left as it is,
  // so announcing the same thing twice (after a restart, say) sends it once.
  virtual void enqueue(const std::vector<delivery_row>& rows) = 0;
  // Pending deliveries due at `now`, soonest first, with their webhook's url and secret.
  virtual std::vector<delivery_row> due(std::int64_t now, std::size_t limit) = 0;
  // Records an attempt's outcome: attempts, next_at, status, last_code, last_error, done_at.
  virtual void record_attempt(const delivery_row& d) = 0;
  // A webhook's deliveries, newest first.
  virtual std::vector<delivery_row> deliveries(const std::string& webhook, std::size_t limit) = 0;
};

}  // namespace tribune::storage
