#pragma once
// The one path every command takes: decide against the speculative state → append its events with
// the expected seq → once storage reports them durable, evolve the committed state, publish each
// event and acknowledge, in order. Commands are decided against a speculative state (committed plus
// queued and in-flight events) so that many share one group commit; nothing is shown or
// acknowledged before it is durable. A failed append (the database away, the disk full) refuses
// its commands and those queued behind it with `unavailable`, records nothing, and forgets their
// idempotency keys; the next command tries again, so the room resumes when the database does. An
// append that conflicts (the log holds events this room does not) leaves the room read-only until
// it is loaded again; what was committed stays readable either way.
// Not thread-safe: owned by one room, on its strand.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "engine/engine.hpp"
#include "server/metrics.hpp"
#include "server/room/idempotency_cache.hpp"
#include "storage/event_log.hpp"

namespace tribune::server {

struct command_outcome {
  bool ok = false;
  protocol::seq_t seq = 0;  // last committed seq when the reply was made
  protocol::ack_result result;
  protocol::error err{protocol::error_code::unavailable, {}};
};
using outcome_handler = std::function<void(command_outcome)>;

class command_pipeline {
 public:
  // Called on the room's strand, in order: `committed` for each event once durable (the committed
  // state already holds it), then `batch_done` once per commit, before that commit's acks.
  struct hooks {
    std::function<void(const engine::event&)> committed;
    std::function<void()> batch_done;
  };

  command_pipeline(boost::asio::any_io_executor strand, storage::event_log& log, metrics& stats, std::string debate_id,
                   hooks h);

  // Loading: a state restored from a snapshot, then each later event from the log.
  void restore(engine::state s);
  void replay(const engine::event& e);
  // After the last replay and before any submit: decisions start from the loaded state. (The
  // speculative state is copied once here rather than after each replayed event, which would cost
  // a copy of the whole state per event of the log.)
  void loaded();

  // Decides and, if accepted, commits a command. With an idempotency `key`, a command this sender
  // already had applied under that key is acknowledged again ({"duplicate": true}) and changes
  // nothing. `keep_alive` holds the owner while storage works.
  void submit(const engine::context& c, const engine::command& cmd, const std::optional<std::string>& key,
              outcome_handler done, std::shared_ptr<void> keep_alive,
              std::optional<storage::debate_row> create = std::nullopt);
  // Acknowledges without changing anything, in order behind the commands already queued.
  void acknowledge(protocol::ack_result r, outcome_handler done, std::shared_ptr<void> keep_alive);
  // Remembers a key for a command that produced no event (a reaction).
  void remember_key(const engine::actor& who, const std::string& key);
  // A key as stored with an event older than those replayed (already scoped to its sender).
  void remember_stored_key(std::string scoped, protocol::seq_t seq) { keys_.remember(std::move(scoped), seq); }
  bool seen_key(const engine::actor& who, const std::string& key) const;

  command_outcome refusal(protocol::error err) const {
    return command_outcome{false, committed_.seq, {}, std::move(err)};
  }

  const engine::state& committed() const noexcept { return committed_; }
  const engine::state& speculative() const noexcept { return speculative_; }
  bool busy() const noexcept { return writing_ || !queued_.empty(); }
  bool broken() const noexcept { return broken_; }  // read-only after a conflict

 private:
  struct pending_command {
    std::vector<engine::event> events;
    std::chrono::steady_clock::time_point decided_at;
    protocol::ack_result result;
    outcome_handler done;
  };

  void enqueue(pending_command p, std::shared_ptr<void> keep_alive);
  void flush(std::shared_ptr<void> keep_alive);
  void on_appended(const storage::append_result& r, std::shared_ptr<void> keep_alive);
  void fail_all(const storage::append_result& r, std::vector<pending_command>& batch);

  boost::asio::any_io_executor strand_;
  storage::event_log& log_;
  metrics& stats_;
  std::string debate_id_;
  hooks hooks_;

  engine::state committed_;    // what storage holds: snapshots and views come from here
  engine::state speculative_;  // committed_ plus queued and in-flight events: decide() runs here
  std::vector<pending_command> queued_;
  std::vector<pending_command> in_flight_;
  std::optional<storage::new_stream> create_row_;
  std::chrono::steady_clock::time_point append_started_;
  bool writing_ = false;
  bool broken_ = false;
  idempotency_cache keys_;
};

}  // namespace tribune::server
