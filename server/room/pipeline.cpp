#include "server/room/pipeline.hpp"

#include <boost/asio/post.hpp>

#include "protocol/limits.hpp"
#include "server/clock.hpp"
#include "server/log.hpp"
#include "server/stored_record.hpp"

namespace tribune::server {
namespace {

using protocol::error_code;

storage::record to_storage(const engine::event& e) { return to_stored(engine::to_record(e)); }

constexpr std::size_t catch_up_page = 1000;  // events read per round of a catch-up
// A command decided again this many times (other nodes kept appending first) is refused. Each
// time costs a read; a node that keeps losing to a busier one needs a few.
constexpr unsigned max_decisions = 32;

}  // namespace

command_pipeline::command_pipeline(boost::asio::any_io_executor strand, boost::asio::any_io_executor reads,
                                   storage::event_log& log, metrics& stats, std::string debate_id, hooks h)
    : strand_(std::move(strand)),
      reads_(std::move(reads)),
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
  auto pending = decide(decision_input{c, cmd, key}, std::move(done), keep_alive);
  if (!pending) return;
  if (create) create_row_ = storage::new_stream(std::move(*create));
  enqueue(std::move(*pending), std::move(keep_alive));
}

std::optional<command_pipeline::pending_command> command_pipeline::decide(decision_input in, outcome_handler done,
                                                                          const std::shared_ptr<void>& keep_alive) {
  if (in.key && seen_key(in.ctx.who, *in.key)) {
    // Applied already (perhaps before a crash, or on another node, its ack lost): acknowledge
    // again, in order.
    stats_.commands_deduplicated.Increment();
    acknowledge(protocol::result::duplicate{}, std::move(done), keep_alive);
    return std::nullopt;
  }
  auto decided = engine::decide(speculative_, in.ctx, in.cmd);
  // On a log other nodes write, a refusal or a command that changes nothing may only say that this
  // node has not read their latest events yet: it is answered after a read finds none.
  const bool recheck = log_.shared() && !in.fresh;
  if (auto* rejected = std::get_if<engine::rejection>(&decided)) {
    if (!recheck) {
      stats_.commands_rejected.Increment();
      done(refusal(std::move(*rejected)));
      return std::nullopt;
    }
    behind_ = true;
    pending_command pending;
    pending.refused = std::move(*rejected);
    pending.done = std::move(done);
    pending.input = std::move(in);
    return pending;
  }
  pending_command pending;
  for (auto& body : std::get<engine::events>(decided)) {
    pending.events.push_back(
        engine::event{speculative_.seq + 1, in.ctx.now, std::move(body), {}, engine::signed_by(in.ctx.who)});
    engine::evolve(speculative_, pending.events.back());
  }
  pending.result = engine::result_of(speculative_, in.cmd, pending.events);
  pending.done = std::move(done);
  if (in.key && !pending.events.empty()) {
    auto scoped = scoped_key(in.ctx.who, *in.key);
    pending.events.back().key = scoped;
    keys_.remember(std::move(scoped), pending.events.back().seq);
  }
  if (pending.events.empty() && recheck) behind_ = true;
  pending.input = std::move(in);
  return pending;
}

void command_pipeline::acknowledge(protocol::ack_result r, outcome_handler done, std::shared_ptr<void> keep_alive) {
  pending_command pending;
  pending.result = std::move(r);
  pending.done = std::move(done);
  enqueue(std::move(pending), std::move(keep_alive));
}

void command_pipeline::enqueue(pending_command p, std::shared_ptr<void> keep_alive) {
  if (p.decided_at == std::chrono::steady_clock::time_point{}) p.decided_at = std::chrono::steady_clock::now();
  // A command that changes nothing is still acknowledged in order, after the commands before it.
  if (p.events.empty() && !p.refused && !busy() && !behind_) {
    return p.done(command_outcome{true, committed_.seq, std::move(p.result), {}});
  }
  queued_.push_back(std::move(p));
  flush(std::move(keep_alive));
}

void command_pipeline::flush(std::shared_ptr<void> keep_alive) {
  if (writing_ || reading_) return;
  if (behind_) return read_after(std::move(keep_alive));  // decide on the whole log first
  if (queued_.empty()) return;
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
  creating_ = create_row_.has_value();
  log_.append(debate_id_, committed_.seq, std::move(records), std::exchange(create_row_, std::nullopt),
              [this, strand = strand_, keep_alive](storage::append_result r) mutable {
                boost::asio::post(strand, [this, r = std::move(r), keep_alive = std::move(keep_alive)]() mutable {
                  on_appended(r, std::move(keep_alive));
                });
              });
}

void command_pipeline::fail_all(const char* what, const std::string& detail, std::vector<pending_command>& batch) {
  log::error(what, {{"debate", debate_id_}, {"detail", detail}, {"seq", committed_.seq}});
  // Nothing of the batch was recorded, nor of what was decided after it: their keys go, and the
  // next command is decided on what is committed.
  auto queued = std::exchange(queued_, {});
  for (const auto* commands : {&batch, &queued}) {
    for (const auto& p : *commands) forget_keys(p);
  }
  speculative_ = committed_;
  const protocol::error err{error_code::unavailable, "the database failed; nothing was recorded"};
  for (auto& p : batch) p.done(refusal(err));
  for (auto& p : queued) p.done(refusal(err));
  hooks_.batch_done();
}

void command_pipeline::forget_keys(const pending_command& p) {
  for (const auto& e : p.events) {
    if (!e.key.empty()) keys_.forget(e.key);
  }
}

void command_pipeline::catch_up(std::shared_ptr<void> keep_alive) {
  behind_ = true;
  if (!writing_ && !reading_) read_after(std::move(keep_alive));
}

void command_pipeline::read_after(std::shared_ptr<void> keep_alive) {
  reading_ = true;
  behind_ = false;
  boost::asio::post(reads_, [this, after = committed_.seq, refs = committed_.kept_refs,
                             keep_alive = std::move(keep_alive)]() mutable {
    read_result got;
    try {
      got.records = log_.read(debate_id_, after, catch_up_page);
      got.more = got.records.size() == catch_up_page;
      // The texts the new events name by ref (names given, contacts left) are the ones after the
      // last ref this room holds.
      if (!got.records.empty()) got.contacts = log_.read_contacts(debate_id_, refs);
    } catch (const std::exception& e) {
      got.failure = e.what();
    }
    boost::asio::post(strand_, [this, got = std::move(got), keep_alive = std::move(keep_alive)]() mutable {
      on_caught_up(std::move(got), std::move(keep_alive));
    });
  });
}

void command_pipeline::on_caught_up(read_result got, std::shared_ptr<void> keep_alive) {
  reading_ = false;
  if (!got.failure.empty()) {
    // The database is away: what waited for this read cannot be decided on the whole log. A
    // wake-up with nothing waiting fails quietly (the sweep would log each room every second).
    conflicted_ = false;
    if (queued_.empty()) return hooks_.batch_done();
    std::vector<pending_command> none;
    return fail_all("catch_up_failed", got.failure, none);
  }
  if (got.records.empty() && !conflicted_) {
    hooks_.batch_done();
    return flush(std::move(keep_alive));
  }
  // What the queued commands decided goes, their keys first: an event read now may carry one of
  // them (a command retried here after another node recorded it).
  for (const auto& p : queued_) forget_keys(p);
  const auto kept = from_stored(std::move(got.contacts));
  std::size_t folded = 0;
  for (const auto& r : got.records) {
    if (r.seq <= committed_.seq) continue;  // written here meanwhile
    const auto e = decoded(r, kept);
    if (e.seq != committed_.seq + 1) {
      log::error("catch_up_gap", {{"debate", debate_id_}, {"seq", committed_.seq}, {"read", e.seq}});
      behind_ = true;
      break;
    }
    engine::evolve(committed_, e);
    if (!e.key.empty()) keys_.remember(e.key, e.seq);
    hooks_.committed(e, true);
    stats_.node_lag_seconds.Observe(static_cast<double>(std::max<std::int64_t>(0, now_ms() - e.at)) / 1000.0);
    ++folded;
  }
  if (got.more) behind_ = true;
  conflicted_ = false;
  stats_.events_caught_up.Increment(static_cast<double>(folded));
  hooks_.batch_done();
  redecide(std::move(keep_alive));
}

void command_pipeline::redecide(std::shared_ptr<void> keep_alive) {
  auto batch = std::exchange(queued_, {});
  speculative_ = committed_;
  // Held like a read while deciding, so that nothing is appended before all are decided again.
  reading_ = true;
  for (auto& p : batch) {
    if (!p.input) {
      enqueue(std::move(p), keep_alive);  // an acknowledgement keeps its place
      continue;
    }
    auto in = std::move(*p.input);
    in.fresh = true;  // decided right after reading the log
    if (++in.attempts > max_decisions) {
      p.done(refusal({error_code::unavailable, "the debate is too busy on other nodes right now; try again"}));
      continue;
    }
    auto again = decide(std::move(in), std::move(p.done), keep_alive);
    if (!again) continue;
    again->decided_at = p.decided_at;
    queued_.push_back(std::move(*again));
  }
  reading_ = false;
  flush(std::move(keep_alive));
}

void command_pipeline::on_appended(const storage::append_result& r, std::shared_ptr<void> keep_alive) {
  writing_ = false;
  auto batch = std::exchange(in_flight_, {});
  if (r.outcome == storage::append_result::kind::conflict && !creating_) {
    // Another node appended first: read what it wrote, then decide this batch again on it.
    log::info("append_conflict", {{"debate", debate_id_}, {"seq", committed_.seq}, {"now", r.current_seq}});
    stats_.append_conflicts.Increment();
    for (auto& p : queued_) batch.push_back(std::move(p));
    queued_ = std::move(batch);
    speculative_ = committed_;
    conflicted_ = true;
    return read_after(std::move(keep_alive));
  }
  if (r.outcome != storage::append_result::kind::appended) return fail_all("append_failed", r.detail, batch);
  const std::chrono::duration<double> append_time = std::chrono::steady_clock::now() - append_started_;
  stats_.append_seconds.Observe(append_time.count());
  // The whole commit reaches the shards first (one task per shard), then the acks follow: each is
  // posted after the events it acknowledges.
  std::vector<protocol::seq_t> acked_at;
  acked_at.reserve(batch.size());
  for (auto& p : batch) {
    for (const auto& e : p.events) {
      engine::evolve(committed_, e);
      hooks_.committed(e, false);
    }
    stats_.events_appended.Increment(static_cast<double>(p.events.size()));
    acked_at.push_back(committed_.seq);
  }
  hooks_.batch_done();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    auto& p = batch[i];
    if (p.refused) {
      stats_.commands_rejected.Increment();
      p.done(refusal(std::move(*p.refused)));
    } else {
      p.done(command_outcome{true, acked_at[i], std::move(p.result), {}});
    }
    const std::chrono::duration<double> command_time = std::chrono::steady_clock::now() - p.decided_at;
    stats_.command_seconds.Observe(command_time.count());
  }
  flush(std::move(keep_alive));
}

}  // namespace tribune::server
