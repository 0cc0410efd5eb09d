#pragma once
// The embedded default: one SQLite file in WAL mode with synchronous=FULL. All writes go through
// one writer thread that owns the write connection and commits everything queued in one
// transaction (group commit); each request gets its own savepoint, so one refused append does not
// fail its neighbours. Reads use a small pool of read connections, so readers never wait for the
// writer nor, up to the pool's size, for each other.
#include <filesystem>
#include <memory>
#include <vector>

#include "storage/event_log.hpp"
#include "storage/reader_pool.hpp"
#include "storage/write_queue.hpp"

struct sqlite3;

namespace tribune::storage {
namespace sqlite {
class statement_cache;
}

class sqlite_event_log final : public event_log {
 public:
  static constexpr std::size_t default_readers = 4;

  // Opens (creating if needed) and migrates the database. Throws storage_error.
  explicit sqlite_event_log(const std::filesystem::path& file, std::size_t readers = default_readers);
  ~sqlite_event_log() override;  // finishes queued writes, then closes

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

 private:
  void commit_batch(std::deque<write_job>& batch, batch_outcome& out);
  append_result apply(const append_job& job);
  // Registers a new debate or channel; false when its id (or a debate's join code) is taken.
  bool register_stream(const new_stream& created);
  void apply(const snapshot_job& job);
  delete_result apply(const delete_job& job);
  // Runs `fn` with a read connection of the pool, waiting for one if all are busy.
  template <class F>
  auto with_reader(F&& fn);
  std::optional<debate_row> query_debate(const char* sql, const std::string& arg);

  sqlite3* write_db_ = nullptr;                          // used by the writer thread alone once it runs
  std::unique_ptr<sqlite::statement_cache> statements_;  // the writer's, closed before write_db_

  std::vector<sqlite3*> readers_;  // every read connection, closed at the end
  std::unique_ptr<reader_pool<sqlite3>> pool_;
  write_queue writes_;  // last: stopped first, while the connections are still open
};

}  // namespace tribune::storage
