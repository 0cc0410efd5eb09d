#pragma once
// The one path every command takes: decide against the speculative state → append its events with
// the expected seq → once storage reports them durable, evolve the committed state, publish each
// event and acknowledge, in order. Commands are decided against a speculative state (committed plus
// queued and in-flight events) so that many share one group commit; nothing is shown or
// acknowledged before it is durable. A failed append (the database away, the disk full) refuses
// its commands and those queued behind it with `unavailable`, records nothing, and forgets their
// idempotency keys; the next command tries again, so the room resumes when the database does.
//
// Several nodes may append to one debate (docs/adr/0014). An append that conflicts means another
// node got there first: the pipeline reads the events after its seq, folds them in (published like
// its own), and decides its commands again on the up-to-date state, so every decision is taken on
// the whole log. A wake-up (catch_up) does the same when another node wrote and this one did not.
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
  // state already holds it; `remote` when another node wrote it), then `batch_done` once per commit
  // or catch-up, before that commit's acks.
  struct hooks {
    std::function<void(const engine::event&, bool remote)> committed;
    std::function<void()> batch_done;
  };

  // `reads` runs the blocking reads of a catch-up (the server's storage threads).
  command_pipeline(boost::asio::any_io_executor strand, boost::asio::any_io_executor reads, storage::event_log& log,
                   metrics& stats, std::string debate_id, hooks h);

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
  // Reads the events other nodes appended after the committed seq and folds them in (at once, or
  // after the append or read under way).
  void catch_up(std::shared_ptr<void> keep_alive);
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
  bool busy() const noexcept { return writing_ || reading_ || !queued_.empty(); }
  // No catch-up asked or under way: what the log held when the last one was asked is folded in.
  bool caught_up() const noexcept { return !behind_ && !reading_; }

 private:
  // What a command needs to be decided again after a catch-up.
  struct decision_input {
    engine::context ctx;
    engine::command cmd;
    std::optional<std::string> key;
    unsigned attempts = 1;
    bool fresh = false;  // decided right after a read of the log: its answer stands
  };
  struct pending_command {
    std::vector<engine::event> events;
    std::chrono::steady_clock::time_point decided_at;
    protocol::ack_result result;
    outcome_handler done;
    std::optional<decision_input> input;     // none for an acknowledgement
    std::optional<protocol::error> refused;  // answered with this once a read shows nothing newer
  };
  struct read_result {
    std::vector<storage::record> records;
    std::vector<storage::contact_row> contacts;
    std::string failure;
    bool more = false;  // a full page: read again
  };

  // Decides `in` against the speculative state: the command to append, or nothing once answered
  // (a rejection, a duplicate).
  std::optional<pending_command> decide(decision_input in, outcome_handler done,
                                        const std::shared_ptr<void>& keep_alive);
  void forget_keys(const pending_command& p);
  void enqueue(pending_command p, std::shared_ptr<void> keep_alive);
  void flush(std::shared_ptr<void> keep_alive);
  void on_appended(const storage::append_result& r, std::shared_ptr<void> keep_alive);
  // Refuses `batch` and everything queued with `unavailable` (logged as `what`).
  void fail_all(const char* what, const std::string& detail, std::vector<pending_command>& batch);
  void read_after(std::shared_ptr<void> keep_alive);
  void on_caught_up(read_result got, std::shared_ptr<void> keep_alive);
  // Decides the queued commands again, in order, on the committed state (their keys forgotten
  // already).
  void redecide(std::shared_ptr<void> keep_alive);

  boost::asio::any_io_executor strand_;
  boost::asio::any_io_executor reads_;
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
  bool creating_ = false;    // the append in flight registers the debate
  bool reading_ = false;     // a catch-up's read under way
  bool behind_ = false;      // a catch-up asked while busy, or a conflict: read before the next append
  bool conflicted_ = false;  // the queued commands lost a race: decide them again after the read
  idempotency_cache keys_;
};

}  // namespace tribune::server
