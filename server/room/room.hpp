#pragma once
// One debate, live: an actor on its own strand. Only code running on strand_ touches its parts —
// the command pipeline and its states, the members, the replay tail, the meters — so none of them
// needs a mutex. `info()` is immutable after construction and may be read from any thread.
//
// Every command takes one path (pipeline.hpp): decide → append → evolve → encode once per view →
// fan out → ack. Ballots and ratings reach screens as coalesced tallies, reactions as a meter.
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/strand.hpp>

#include "engine/engine.hpp"
#include "server/metrics.hpp"
#include "server/opinion/live.hpp"
#include "server/room/fanout.hpp"
#include "server/room/pipeline.hpp"
#include "server/room/reaction_meter.hpp"
#include "server/room/replay_tail.hpp"
#include "server/room/sender_limits.hpp"
#include "server/room/ticker.hpp"
#include "storage/event_log.hpp"

namespace tribune::server {

struct attach_outcome {
  bool ok = false;
  protocol::error err{protocol::error_code::unauthorized, {}};
  engine::actor actor;
};

// A debate as read from storage: the state of its newest readable snapshot (if any), the events
// after it, and the idempotency keys of recent commands older than those events.
struct stored_debate {
  std::string id;
  std::optional<engine::state> base;
  std::vector<storage::record> records;
  engine::kept_rows kept;  // the texts kept beside the log (names, contacts), by ref
  std::vector<storage::command_key> keys;
};

class room : public std::enable_shared_from_this<room> {
 public:
  using strand = boost::asio::strand<boost::asio::any_io_executor>;

  // A room for a debate about to be created: create() must be its first command. `reads` runs
  // the blocking reads of a catch-up (the server's storage threads).
  room(const boost::asio::any_io_executor& io, const boost::asio::any_io_executor& reads, storage::event_log& log,
       metrics& stats, engine::debate_info info);
  // A room rebuilt from storage. Throws std::runtime_error on an unreadable log.
  room(const boost::asio::any_io_executor& io, const boost::asio::any_io_executor& reads, storage::event_log& log,
       metrics& stats, const stored_debate& stored);

  const engine::debate_info& info() const noexcept { return info_; }

  // Appends debate_created and registers the debate in the same transaction.
  void create(engine::cmd::create_debate c, storage::debate_row row, outcome_handler done);
  // A command from the server itself or the REST API (organizer, join): not rate-limited.
  void submit(engine::actor who, engine::command c, outcome_handler done);
  // A command from a connection: limited per sender (sender_limits), with its idempotency key.
  void command(engine::actor who, engine::command c, std::optional<std::string> key, outcome_handler done);
  // One reaction click; counted, not logged (reaction_meter).
  void react(engine::actor who, protocol::reaction_kind kind, std::optional<std::string> key, outcome_handler done);
  // Answers a refused message in order, with the room's seq.
  void refuse(protocol::error err, outcome_handler done);
  // Another node appended to this debate (or may have): read what follows the room's seq, fold it
  // in and send it on like the room's own events. Any thread.
  void wake();
  // Calls `done` with the room's committed seq, in order with everything sent before.
  void stamp(std::function<void(protocol::seq_t)> done);
  // Calls `read` with the committed state, on the room's strand: copy what is needed, keep no
  // reference. On a log other nodes write, after a read of it, so that a request sees what any
  // node acknowledged before it arrived.
  void inspect(std::function<void(const engine::state&)> read);

  // Authenticates `token` for this debate and subscribes the connection. The welcome and the
  // catch-up (missed events, or a snapshot) are sent before any live event.
  void attach(std::weak_ptr<subscriber> who, std::string token, std::optional<protocol::seq_t> last_seq,
              std::function<void(attach_outcome)> done);
  void detach(const subscriber* who);

  // Unloading: once nothing is queued, records the reactions counted so far, saves a snapshot and
  // stops its timers; then `done` runs (on the room's strand). Call only when no connection or
  // request uses the room any more (the registry sees to it).
  void retire(std::function<void()> done);

  // Deleting the debate: from now on every command and every attach is refused (`not_found`), every
  // connection is closed (1008), and the timers stop; once no append is queued or in flight,
  // `done` runs (on the room's strand). Nothing is recorded nor saved: storage deletes it all next.
  void close_for_deletion(std::function<void()> done);

  // Calls `moved(id, ended)` (posted, off the room's strand) when the show starts (false) and when
  // it ends (true), and at once if it has started or ended already. Set before the room is shared.
  using show_watcher = std::function<void(const std::string&, bool)>;
  void watch_show(show_watcher moved);

  // Feeds the room's events to the live opinion map (room_opinion.cpp), starting from the state it
  // holds, and sends what the map publishes. Call once, before the room is shared.
  void open_opinion(opinion_live::analyst& analyst);

  // True while appends are queued or in flight (for a draining shutdown). Any thread.
  bool busy() const noexcept { return busy_.load(); }

 private:
  static protocol::error deleted();  // what a deleted debate answers
  void load(const stored_debate& stored);
  void on_committed(const engine::event& e, bool remote);
  void on_batch_done();
  encoded_event encode(const engine::event& e) const;
  void published(const engine::event& e);
  // The show's clock (show_clock.cpp): wait for the next due moment, then tick.
  void wind_clock();
  void tick_clock();
  void revoke_links();
  void send_tallies();
  void on_reaction_tick();
  void record_reactions();
  void note_audience();    // after an audience connection joins
  void record_audience();  // a peak not yet recorded goes into the log
  void on_snapshot_tick();
  void save_snapshot(storage::event_log::saved_handler saved = {});
  void stop_tickers();  // every timer of the room, when it unloads or is deleted
  void finish_retire();
  void feed_opinion(const engine::event& e);
  void on_opinion(const opinion_live::publication& p);
  void send_opinion(subscriber& sub, const engine::actor& who);
  // `may_wait`: on a shared log, an unknown link or a `last_seq` ahead of the room waits for a
  // read of the log before being answered.
  void do_attach(const std::weak_ptr<subscriber>& who, const std::string& token,
                 std::optional<protocol::seq_t> last_seq, const std::function<void(attach_outcome)>& done,
                 bool may_wait);
  // Runs `then` on the strand once a read of the log that begins now is folded in (or failed).
  void after_read(std::function<void()> then);
  void run_after_read();  // after each commit or catch-up

  strand strand_;
  storage::event_log& log_;
  engine::debate_info info_;
  command_pipeline pipeline_;
  fanout fanout_;
  replay_tail tail_;
  reaction_meter reactions_;
  sender_limits limits_;
  ticker tally_ticker_;
  ticker reaction_ticker_;
  ticker snapshot_ticker_;
  ticker audience_ticker_;
  deadline clock_;             // the show's next due moment in automatic mode (show_clock.cpp)
  engine::tally_marks dirty_;  // figures changed since the last tallies
  // The last event sent to each view (coalesced ones are not sent; backstage ones only to moderators).
  protocol::seq_t last_public_ = 0;
  protocol::seq_t last_staff_ = 0;
  protocol::seq_t snapshot_seq_ = 0;          // the seq of the last snapshot saved or loaded
  protocol::seq_t seq_at_snapshot_tick_ = 0;  // the committed seq when the snapshot timer was last armed
  unsigned ticks_since_record_ = 0;
  std::uint32_t audience_peak_ = 0;  // the most audience connections seen open at once, recorded or not
  std::function<void()> retired_;    // set while retiring
  std::function<void()> deleted_;    // set while closing for deletion
  bool deleting_ = false;
  show_watcher show_moved_;
  std::atomic<bool> busy_{false};
  // The live opinion map: the room's feed, and the last of what it published, for those who join.
  std::shared_ptr<opinion_live::feed> opinion_;
  opinion_live::shared_body opinion_shared_;
  opinion_live::shared_body opinion_screens_;
  std::unordered_map<engine::participant_id, opinion_live::shared_body> opinion_places_;
  std::vector<opinion_live::input> opinion_inputs_;  // reused for each event
  std::vector<std::function<void()>> after_read_;    // waiting for the catch-up they asked for
};

}  // namespace tribune::server
