#pragma once
// The webhooks and their outbox in the SQLite database of the event log (migration 7), on a
// connection of their own: deliveries are few next to events and never wait on the log's writer.
#include <filesystem>
#include <mutex>

#include "storage/webhook_store.hpp"

struct sqlite3;

namespace tribune::storage {

class sqlite_webhook_store final : public webhook_store {
 public:
  // Opens `file`, which the event log has created and migrated. Throws storage_error.
  explicit sqlite_webhook_store(const std::filesystem::path& file);
  ~sqlite_webhook_store() override;

  void add_webhook(const webhook_row& w) override;
  bool remove_webhook(const std::string& channel, const std::string& id) override;
  std::vector<webhook_row> webhooks(const std::string& channel) override;
  void enqueue(const std::vector<delivery_row>& rows) override;
  std::vector<delivery_row> due(std::int64_t now, std::size_t limit) override;
  void record_attempt(const delivery_row& d) override;
  std::vector<delivery_row> deliveries(const std::string& webhook, std::size_t limit) override;

 private:
  std::mutex mutex_;  // guards db_
  sqlite3* db_ = nullptr;
};

}  // namespace tribune::storage
