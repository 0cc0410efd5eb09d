#pragma once
// The embedded default: one SQLite file in WAL mode with synchronous=FULL. All writes go through
// one writer thread that owns the write connection and commits everything queued in one
// transaction (group commit); each request gets its own savepoint, so one refused append does not
// fail its neighbours. Reads use a separate connection guarded by a mutex.
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>

#include "storage/event_log.hpp"

struct sqlite3;

namespace tribune::storage {

class sqlite_event_log final : public event_log {
 public:
  // Opens (creating if needed) and migrates the database. Throws storage_error.
  explicit sqlite_event_log(const std::filesystem::path& file);
  ~sqlite_event_log() override;  // finishes queued appends, then closes

  void append(std::string debate_id, seq_t expected_seq, std::vector<record> records,
              std::optional<debate_row> create, append_handler done) override;
  std::vector<record> read(const std::string& debate_id, seq_t after_seq, std::size_t limit) override;
  std::optional<debate_row> find_debate(const std::string& id) override;
  std::optional<debate_row> find_debate_by_code(const std::string& code) override;
  std::vector<debate_row> list_debates() override;
  std::optional<std::string> get_setting(const std::string& key) override;
  void put_setting(const std::string& key, const std::string& value) override;

  // Counters for metrics and tests.
  std::uint64_t commits() const;

 private:
  struct append_job {
    std::string debate_id;
    seq_t expected_seq = 0;
    std::vector<record> records;
    std::optional<debate_row> create;
    append_handler done;
  };

  void writer_loop();
  void commit_batch(std::deque<append_job>& batch);
  append_result apply(const append_job& job);
  std::optional<debate_row> query_debate(const char* sql, const std::string& arg);

  sqlite3* write_db_ = nullptr;  // owned by the writer thread once it runs
  sqlite3* read_db_ = nullptr;   // guarded by read_mutex_
  std::mutex read_mutex_;

  mutable std::mutex queue_mutex_;  // guards queue_, stopping_, commits_
  std::condition_variable queue_cv_;
  std::deque<append_job> queue_;
  bool stopping_ = false;
  std::uint64_t commits_ = 0;
  std::thread writer_;
};

}  // namespace tribune::storage
