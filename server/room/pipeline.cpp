#include "server/room/pipeline.hpp"

#include <boost/asio/post.hpp>

#include "protocol/limits.hpp"
#include "server/log.hpp"
#include "server/stored_record.hpp"

namespace tribune::server {
namespace {

using protocol::error_code;

storage::record to_storage(const engine::event& e) { return to_stored(engine::to_record(e)); }

}  // namespace

command_pipeline::command_pipeline(boost::asio::any_io_executor strand, storage::event_log& log, metrics& stats,
                                   std::string debate_id, hooks h)
    : strand_(std::move(strand)),
      log_(log),
      stats_(stats),
      debate_id_(std::move(debate_id)),
      hooks_(std::move(h)),
      keys_(protocol::remembered_command_keys) {}

void command_pipeline::restore(engine::state s) {
  committed_ = std::move(s);
  speculative_ = committed_;
}

void command_pipeline::replay(const engine::event& e) {
  if (e.seq != committed_.seq + 1) throw std::runtime_error("gap in the event log at seq " + std::to_string(e.seq));
  engine::evolve(committed_, e);
  if (!e.key.empty()) keys_.remember(e.key, e.seq);
}

void command_pipeline::loaded() { speculative_ = committed_; }

void command_pipeline::remember_key(const engine::actor& who, const std::string& key) {
  keys_.remember(scoped_key(who, key), committed_.seq);
}

bool command_pipeline::seen_key(const engine::actor& who, const std::string& key) const {
  return keys_.contains(scoped_key(who, key));
}

void command_pipeline::submit(const engine::context& c, const engine::command& cmd,
                              const std::optional<std::string>& key, outcome_handler done,
                              std::shared_ptr<void> keep_alive, std::optional<storage::debate_row> create) {
  if (broken_) return done(refusal({error_code::unavailable, "the log moved on elsewhere; the room is read-only"}));
  if (key && seen_key(c.who, *key)) {
    // Applied already (perhaps before a crash, its ack lost): acknowledge again, in order.
    stats_.commands_deduplicated.Increment();
    return acknowledge(protocol::result::duplicate{}, std::move(done), std::move(keep_alive));
  }
  auto decided = engine::decide(speculative_, c, cmd);
  if (auto* rejected = std::get_if<engine::rejection>(&decided)) {
    stats_.commands_rejected.Increment();
    return done(refusal(std::move(*rejected)));
  }
  pending_command pending;
  for (auto& body : std::get<engine::events>(decided)) {
    pending.events.push_back(engine::event{speculative_.seq + 1, c.now, std::move(body), {}, engine::signed_by(c.who)});
    engine::evolve(speculative_, pending.events.back());
  }
  pending.result = engine::result_of(speculative_, cmd, pending.events);
  pending.done = std::move(done);
  if (key && !pending.events.empty()) {
    auto scoped = scoped_key(c.who, *key);
    pending.events.back().key = scoped;
    keys_.remember(std::move(scoped), pending.events.back().seq);
  }
  if (create) create_row_ = storage::new_stream(std::move(*create));
  enqueue(std::move(pending), std::move(keep_alive));
}

void command_pipeline::acknowledge(protocol::ack_result r, outcome_handler done, std::shared_ptr<void> keep_alive) {
  pending_command pending;
  pending.result = std::move(r);
  pending.done = std::move(done);
  enqueue(std::move(pending), std::move(keep_alive));
}

void command_pipeline::enqueue(pending_command p, std::shared_ptr<void> keep_alive) {
  p.decided_at = std::chrono::steady_clock::now();
  // A command that changes nothing is still acknowledged in order, after the commands before it.
  if (p.events.empty() && !busy()) return p.done(command_outcome{true, committed_.seq, std::move(p.result), {}});
  queued_.push_back(std::move(p));
  flush(std::move(keep_alive));
}

void command_pipeline::flush(std::shared_ptr<void> keep_alive) {
  if (writing_ || queued_.empty()) return;
  writing_ = true;
  in_flight_ = std::move(queued_);
  queued_.clear();
  std::vector<storage::record> records;
  for (const auto& p : in_flight_) {
    for (const auto& e : p.events) records.push_back(to_storage(e));
  }
  if (records.empty()) {
    // Only no-op commands queued behind a commit that has since finished: answer them now.
    return on_appended(storage::append_result{storage::append_result::kind::appended, committed_.seq, {}},
                       std::move(keep_alive));
  }
  append_started_ = std::chrono::steady_clock::now();
  log_.append(debate_id_, committed_.seq, std::move(records), std::exchange(create_row_, std::nullopt),
              [this, strand = strand_, keep_alive](storage::append_result r) mutable {
                boost::asio::post(strand, [this, r = std::move(r), keep_alive = std::move(keep_alive)]() mutable {
                  on_appended(r, std::move(keep_alive));
                });
              });
}

void command_pipeline::fail_all(const storage::append_result& r, std::vector<pending_command>& batch) {
  const bool conflict = r.outcome == storage::append_result::kind::conflict;
  if (conflict) broken_ = true;
  log::error(conflict ? "append_conflict" : "append_failed",
             {{"debate", debate_id_}, {"detail", r.detail}, {"seq", committed_.seq}});
  // Nothing of the batch was recorded, nor of what was decided after it: their keys go, and the
  // next command is decided on what is committed.
  auto queued = std::exchange(queued_, {});
  for (const auto* commands : {&batch, &queued}) {
    for (const auto& p : *commands) {
      for (const auto& e : p.events) {
        if (!e.key.empty()) keys_.forget(e.key);
      }
    }
  }
  speculative_ = committed_;
  const protocol::error err{error_code::unavailable, conflict ? "the log moved on elsewhere; the room is read-only"
                                                              : "the database failed; nothing was recorded"};
  for (auto& p : batch) p.done(refusal(err));
  for (auto& p : queued) p.done(refusal(err));
  hooks_.batch_done();
}

void command_pipeline::on_appended(const storage::append_result& r, std::shared_ptr<void> keep_alive) {
  writing_ = false;
  auto batch = std::exchange(in_flight_, {});
  if (r.outcome != storage::append_result::kind::appended) return fail_all(r, batch);
  const std::chrono::duration<double> append_time = std::chrono::steady_clock::now() - append_started_;
  stats_.append_seconds.Observe(append_time.count());
  // The whole commit reaches the shards first (one task per shard), then the acks follow: each is
  // posted after the events it acknowledges.
  std::vector<protocol::seq_t> acked_at;
  acked_at.reserve(batch.size());
  for (auto& p : batch) {
    for (const auto& e : p.events) {
      engine::evolve(committed_, e);
      hooks_.committed(e);
    }
    stats_.events_appended.Increment(static_cast<double>(p.events.size()));
    acked_at.push_back(committed_.seq);
  }
  hooks_.batch_done();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    auto& p = batch[i];
    p.done(command_outcome{true, acked_at[i], std::move(p.result), {}});
    const std::chrono::duration<double> command_time = std::chrono::steady_clock::now() - p.decided_at;
    stats_.command_seconds.Observe(command_time.count());
  }
  flush(std::move(keep_alive));
}

}  // namespace tribune::server
