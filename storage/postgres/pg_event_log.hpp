#pragma once
// The event log on PostgreSQL, for several nodes sharing one database (docs/adr/0014). The same
// shape as the SQLite log: one writer connection that commits everything queued in one
// transaction (each job in its own savepoint), and a small pool of read connections. An append
// moves its stream's `last_seq` from the expected seq in one UPDATE, which both checks the seq and
// locks the stream's row until the commit: appends to one debate from two nodes take turns, and the
// one that lost the race gets a conflict with the stream's current seq. A connection the server
// dropped (a restart, a failover) is opened again on its next use; meanwhile writes fail with
// the reason and reads throw storage_error.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "storage/event_log.hpp"
#include "storage/reader_pool.hpp"
#include "storage/write_queue.hpp"

namespace tribune::storage {
namespace postgres {
class connection;
class listener;
}  // namespace postgres

class pg_event_log final : public event_log {
 public:
  static constexpr std::size_t default_readers = 4;

  // Connects to `url` (postgresql://…) and migrates the schema. Throws storage_error.
  explicit pg_event_log(const std::string& url, std::size_t readers = default_readers);
  ~pg_event_log() override;  // finishes queued writes, then disconnects

  void append(std::string stream_id, seq_t expected_seq, std::vector<record> records, std::optional<new_stream> create,
              append_handler done) override;
  std::vector<record> read(const std::string& debate_id, seq_t after_seq, std::size_t limit) override;
  seq_t last_seq(const std::string& stream_id) override;
  void delete_stream(std::string stream_id, delete_handler done) override;
  using event_log::save_snapshot;
  void save_snapshot(std::string debate_id, snapshot s, saved_handler saved) override;
  std::optional<snapshot> load_snapshot(const std::string& debate_id) override;
  std::vector<command_key> recent_keys(const std::string& debate_id, seq_t up_to, std::size_t limit) override;
  std::optional<debate_row> find_debate(const std::string& id) override;
  std::optional<debate_row> find_debate_by_code(const std::string& code) override;
  std::vector<debate_row> list_debates() override;
  std::optional<channel_row> find_channel(const std::string& id) override;
  using event_log::read_contacts;
  std::vector<contact_row> read_contacts(const std::string& stream_id, std::uint32_t after_ref) override;
  std::optional<std::string> get_setting(const std::string& key) override;
  void put_setting(const std::string& key, const std::string& value) override;
  std::optional<std::string> get_debate_settings(const std::string& debate_id) override;
  void put_debate_settings(const std::string& debate_id, const std::string& body) override;
  // LISTENs on its own connection and thread (postgres/listener.hpp); an empty handler stops it.
  void watch(const change_handler& changed) override;
  bool shared() const override { return true; }

 private:
  void commit_batch(std::deque<write_job>& batch, batch_outcome& out);
  append_result apply(const append_job& job);
  bool register_stream(const new_stream& created);
  void apply(const snapshot_job& job);
  delete_result apply(const delete_job& job);
  template <class F>
  auto with_reader(F&& fn);
  std::optional<debate_row> query_debate(const char* sql, const std::string& arg);

  std::string url_;
  std::unique_ptr<postgres::connection> writer_;  // used by the writer thread alone once it runs
  std::atomic<int> writer_backend_{0};            // its server process: the listener skips its notifications
  std::unique_ptr<postgres::listener> listener_;

  std::vector<std::unique_ptr<postgres::connection>> readers_;
  std::unique_ptr<reader_pool<postgres::connection>> pool_;
  write_queue writes_;  // last: stopped first, while the connections are still open
};

}  // namespace tribune::storage
