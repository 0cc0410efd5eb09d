#pragma once
// One debate, live: an actor on its own strand. Only code running on strand_ touches the engine
// state, the members, the queues and the seq, so none of them needs a mutex. `info()` is immutable
// after construction and may be read from any thread.
//
// Every command takes one path: decide → append → evolve → encode once per view → fan out → ack.
// Commands are decided against a speculative state so that many can share one group commit; their
// events are published and acknowledged only once storage reports them durable.
#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <nlohmann/json.hpp>

#include "engine/decide.hpp"
#include "engine/views.hpp"
#include "server/metrics.hpp"
#include "server/rate_limit.hpp"
#include "server/subscriber.hpp"
#include "storage/event_log.hpp"

namespace tribune::server {

struct command_outcome {
  bool ok = false;
  protocol::seq_t seq = 0;  // last committed seq when the reply was made
  nlohmann::json result;    // ack result, when ok
  protocol::error err{protocol::error_code::unavailable, {}};
};
using outcome_handler = std::function<void(command_outcome)>;

struct attach_outcome {
  bool ok = false;
  protocol::error err{protocol::error_code::unauthorized, {}};
  engine::actor actor;
};

class room : public std::enable_shared_from_this<room> {
 public:
  using strand = boost::asio::strand<boost::asio::any_io_executor>;

  // A room for a debate about to be created: `create` must be its first command.
  room(boost::asio::any_io_executor io, storage::event_log& log, metrics& stats, engine::debate_info info);
  // A room rebuilt from its log. Throws std::runtime_error on an unreadable log.
  room(boost::asio::any_io_executor io, storage::event_log& log, metrics& stats,
       const std::vector<storage::record>& records);

  const engine::debate_info& info() const noexcept { return info_; }

  // Appends the debate_created event and registers the debate in the same transaction.
  void create(engine::cmd::create_debate c, storage::debate_row row, outcome_handler done);

  // Runs one command. `done` runs on the room's strand after the command's events were fanned out.
  // With an idempotency `key`, a command this sender already had applied under that key is
  // acknowledged again ({"duplicate": true}) and changes nothing, across restarts too.
  void submit(engine::actor who, engine::command c, outcome_handler done, std::optional<std::string> key = {});

  // Counts one reaction; reactions are broadcast as aggregated counts, not per click.
  void react(engine::actor who, protocol::reaction_kind kind, outcome_handler done);

  // Authenticates `token` for this debate and subscribes the connection. The welcome and the
  // catch-up (missed events, or a snapshot) are sent before any live event.
  void attach(std::weak_ptr<subscriber> who, std::string token, std::optional<protocol::seq_t> last_seq,
              std::function<void(attach_outcome)> done);
  void detach(const subscriber* who);

  // True while appends are queued or in flight (for a draining shutdown). Any thread.
  bool busy() const noexcept { return busy_.load(); }

 private:
  struct pending_command {
    std::vector<engine::event> events;
    std::chrono::steady_clock::time_point decided_at;
    nlohmann::json result;
    outcome_handler done;
  };
  struct member {
    std::weak_ptr<subscriber> sub;
    const subscriber* key = nullptr;
    engine::view view = engine::view::public_view;
    engine::actor actor;
    std::string selector;
    std::size_t shard = 0;
  };
  // The fan-out: members grouped by the shard their connection lives on. Each group's target list
  // is an immutable snapshot, rebuilt only after a member joins or leaves that shard, and shared
  // with the shard's delivery task.
  struct target {
    std::weak_ptr<subscriber> sub;
    bool moderator = false;
  };
  using target_list = std::vector<target>;
  struct shard_group {
    boost::asio::any_io_executor executor;
    std::shared_ptr<const target_list> targets;
    bool stale = true;
  };
  // Messages waiting to be handed to the shards: a public and a moderator version each (often the
  // same bytes). Flushed once per strand turn, so one group commit is one task per shard.
  using outgoing = std::vector<std::pair<shared_message, shared_message>>;
  struct encoded_event {
    protocol::seq_t seq = 0;
    shared_message public_view;
    shared_message moderator_view;
  };

  void do_submit(engine::actor who, engine::command c, outcome_handler done, std::optional<std::string> key = {});
  void remember_key(std::string scoped, protocol::seq_t seq);
  void flush();
  void on_appended(storage::append_result r);
  encoded_event encode(const engine::event& e) const;
  void publish(const engine::event& e);
  void broadcast(shared_message public_view, shared_message moderator_view);
  void flush_outbox();
  void add_member(member m);
  void forget_members(const std::function<bool(const member&)>& leaving);
  void arm_tally_timer();
  void send_tallies();
  void after_commit(const engine::event& e);
  void do_attach(std::weak_ptr<subscriber> who, const std::string& token, std::optional<protocol::seq_t> last_seq,
                 const std::function<void(attach_outcome)>& done);
  std::optional<attach_outcome> authenticate(const std::string& token, std::string& selector) const;
  void remember(encoded_event e);

  void do_react(engine::actor who, protocol::reaction_kind kind, const outcome_handler& done);
  void arm_reaction_timer();
  void on_reaction_tick();
  protocol::reaction_counts recent_reactions(std::chrono::steady_clock::time_point now) const;

  command_outcome reject(protocol::error err) const {
    return command_outcome{false, committed_.seq, nullptr, std::move(err)};
  }

  strand strand_;
  storage::event_log& log_;
  metrics& stats_;
  engine::debate_info info_;
  std::chrono::steady_clock::time_point append_started_;

  engine::state committed_;    // what storage holds: snapshots and views come from here
  engine::state speculative_;  // committed_ plus queued and in-flight events: decide() runs here
  std::vector<pending_command> queued_;
  std::vector<pending_command> in_flight_;
  std::optional<storage::debate_row> create_row_;
  bool writing_ = false;
  bool broken_ = false;  // storage failed: the room refuses writes and stays readable
  std::atomic<bool> busy_{false};

  std::vector<member> members_;
  std::vector<shard_group> shards_;  // indexed by subscriber::shard()
  outgoing outbox_;
  std::deque<encoded_event> recent_events_;  // the tail a reconnecting client can replay

  // Idempotency keys of recent commands, scoped by sender ("<actor>/<key>"), and the seq of each
  // command's last event. Bounded: the oldest are forgotten first.
  static constexpr std::size_t max_command_keys = 200000;
  std::unordered_map<std::string, protocol::seq_t> command_keys_;
  std::deque<std::string> command_key_order_;

  std::unordered_map<engine::participant_id, token_bucket> question_limits_;
  std::unordered_map<engine::participant_id, token_bucket> reaction_limits_;
  protocol::reaction_counts unrecorded_reactions_{};
  static constexpr std::size_t reaction_window = 5;  // seconds in the `recent` meter
  std::array<protocol::reaction_counts, reaction_window> reaction_buckets_{};
  std::array<std::int64_t, reaction_window> reaction_bucket_second_{};
  boost::asio::steady_timer reaction_timer_;
  bool reaction_timer_armed_ = false;
  bool reactions_dirty_ = false;
  bool meter_live_ = false;  // the last broadcast showed recent reactions: send the fall to zero
  unsigned ticks_since_record_ = 0;

  protocol::seq_t last_published_ = 0;  // the last event sent to clients (ballots are not)
  std::set<protocol::poll_id> dirty_polls_;
  std::set<protocol::argument_id> dirty_arguments_;
  boost::asio::steady_timer tally_timer_;
  bool tally_timer_armed_ = false;
};

}  // namespace tribune::server
