#pragma once
// The webhooks and their outbox in the PostgreSQL database of the event log, on a connection of
// their own, like the SQLite store. Several nodes may read `due()` at once: each delivery is
// claimed by the node that reads it (`FOR UPDATE SKIP LOCKED`, then a short lease in next_at), so
// a delivery is sent by one node at a time.
#include <memory>
#include <mutex>
#include <string>

#include "storage/webhook_store.hpp"

namespace tribune::storage {
namespace postgres {
class connection;
}

class pg_webhook_store final : public webhook_store {
 public:
  // How long a node that read a delivery as due keeps it before another node may try it.
  static constexpr std::int64_t claim_ms = 60'000;

  // Connects to `url`, whose schema the event log has migrated. Throws storage_error.
  explicit pg_webhook_store(const std::string& url);
  ~pg_webhook_store() override;

  void add_webhook(const webhook_row& w) override;
  bool remove_webhook(const std::string& channel, const std::string& id) override;
  std::vector<webhook_row> webhooks(const std::string& channel) override;
  void enqueue(const std::vector<delivery_row>& rows) override;
  std::vector<delivery_row> due(std::int64_t now, std::size_t limit) override;
  void record_attempt(const delivery_row& d) override;
  std::vector<delivery_row> deliveries(const std::string& webhook, std::size_t limit) override;

 private:
  std::mutex mutex_;  // guards c_
  std::unique_ptr<postgres::connection> c_;
};

}  // namespace tribune::storage
