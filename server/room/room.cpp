#include "server/room/room.hpp"

#include <boost/asio/post.hpp>

#include "engine/snapshot.hpp"
#include "protocol/limits.hpp"
#include "server/clock.hpp"
#include "server/log.hpp"
#include "server/stored_record.hpp"
#include "server/tokens.hpp"

namespace tribune::server {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using protocol::error_code;

constexpr auto reaction_tick = 200ms;      // the meter moves at most five times a second
constexpr auto tally_tick = 125ms;         // poll tallies and argument figures: eight times a second,
constexpr auto tally_quiet = 20ms;         // or 20 ms after the votes stop, whichever comes first
constexpr unsigned ticks_per_record = 25;  // record reaction totals in the log every five seconds
// A snapshot when the room unloads and every so many events (a crash then folds a bounded tail).
// Encoding a crowded room takes tens of ms, so a due one waits for a check without a commit since
// the last; a room never quiet still saves one every `events_per_forced_snapshot`.
constexpr protocol::seq_t events_per_snapshot = 10000;
constexpr protocol::seq_t events_per_forced_snapshot = 4 * events_per_snapshot;
constexpr auto snapshot_check = 500ms;
// A new peak of the audience is recorded at most once a minute (and when the room unloads): a
// figure for the report, not worth a seq every time one more phone connects.
constexpr auto audience_tick = 60s;

const engine::actor system_actor{protocol::role::system, 0, 0};

}  // namespace

protocol::error room::deleted() { return {error_code::not_found, "this debate was deleted"}; }

room::room(const asio::any_io_executor& io, const asio::any_io_executor& reads, storage::event_log& log, metrics& stats,
           engine::debate_info info)
    : strand_(asio::make_strand(io)),
      log_(log),
      info_(std::move(info)),
      pipeline_(
          strand_, reads, log, stats, info_.id,
          {[this](const engine::event& e, bool remote) { on_committed(e, remote); }, [this] { on_batch_done(); }}),
      fanout_(stats),
      tail_(protocol::replay_events, protocol::max_replay_bytes),
      tally_ticker_(
          strand_, tally_tick, [this] { send_tallies(); }, tally_quiet),
      reaction_ticker_(strand_, reaction_tick, [this] { on_reaction_tick(); }),
      snapshot_ticker_(strand_, snapshot_check, [this] { on_snapshot_tick(); }),
      audience_ticker_(strand_, audience_tick, [this] { record_audience(); }),
      clock_(strand_, [this] { tick_clock(); }) {}

room::room(const asio::any_io_executor& io, const asio::any_io_executor& reads, storage::event_log& log, metrics& stats,
           const stored_debate& stored)
    : room(io, reads, log, stats, engine::debate_info{stored.id, {}, {}, {}, {}, 0}) {
  load(stored);
}

void room::load(const stored_debate& stored) {
  if (stored.base) {
    auto base = *stored.base;
    engine::restore_texts(base, stored.kept);
    pipeline_.restore(base);
    snapshot_seq_ = stored.base->seq;
    last_public_ = last_staff_ = stored.base->seq;
  }
  for (const auto& k : stored.keys) pipeline_.remember_stored_key(k.key, k.seq);
  const auto tail_from =
      stored.records.size() > protocol::replay_events ? stored.records.size() - protocol::replay_events : 0;
  for (std::size_t i = 0; i < stored.records.size(); ++i) {
    const auto e = decoded(stored.records[i], stored.kept);
    pipeline_.replay(e);
    if (engine::coalesced(e.body)) continue;
    if (i >= tail_from) tail_.remember(encode(e));
    published(e);
  }
  pipeline_.loaded();
  info_ = pipeline_.committed().debate;
  audience_peak_ = pipeline_.committed().peak_audience;
}

void room::create(engine::cmd::create_debate c, storage::debate_row row, outcome_handler done) {
  asio::post(
      strand_, [self = shared_from_this(), c = std::move(c), row = std::move(row), done = std::move(done)]() mutable {
        const engine::context ctx{engine::actor{protocol::role::organizer, 0, 0}, now_ms()};
        self->pipeline_.submit(ctx, engine::command{std::move(c)}, std::nullopt, std::move(done), self, std::move(row));
        self->busy_ = self->pipeline_.busy();
      });
}

void room::submit(engine::actor who, engine::command c, outcome_handler done) {
  asio::post(strand_, [self = shared_from_this(), who, c = std::move(c), done = std::move(done)]() mutable {
    if (self->deleting_) return done(self->pipeline_.refusal(deleted()));
    self->pipeline_.submit({who, now_ms()}, c, std::nullopt, std::move(done), self);
    self->busy_ = self->pipeline_.busy();
  });
}

void room::command(engine::actor who, engine::command c, std::optional<std::string> key, outcome_handler done) {
  asio::post(strand_, [self = shared_from_this(), who, c = std::move(c), key = std::move(key),
                       done = std::move(done)]() mutable {
    // Participants and panelists are limited as people, across their connections, so reconnecting
    // does not refill the bucket; staff links are shared by a team and limited per connection only.
    if (self->deleting_) return done(self->pipeline_.refusal(deleted()));
    const bool individual = who.role == protocol::role::audience || who.role == protocol::role::panelist;
    if (individual && !self->limits_.take_command(sender_tag(who))) {
      return done(self->pipeline_.refusal({error_code::rate_limited, "too many commands; slow down"}));
    }
    self->pipeline_.submit({who, now_ms()}, c, key, std::move(done), self);
    self->busy_ = self->pipeline_.busy();
  });
}

void room::refuse(protocol::error err, outcome_handler done) {
  asio::post(strand_, [self = shared_from_this(), err = std::move(err), done = std::move(done)]() mutable {
    done(self->pipeline_.refusal(std::move(err)));
  });
}

void room::wake() {
  asio::post(strand_, [self = shared_from_this()] {
    if (self->deleting_ || self->retired_) return;
    self->pipeline_.catch_up(self);
    self->busy_ = self->pipeline_.busy();
  });
}

void room::stamp(std::function<void(protocol::seq_t)> done) {
  asio::post(strand_, [self = shared_from_this(), done = std::move(done)] { done(self->pipeline_.committed().seq); });
}

void room::inspect(std::function<void(const engine::state&)> read) {
  asio::post(strand_, [self = shared_from_this(), read = std::move(read)]() mutable {
    if (!self->log_.shared() || self->deleting_) return read(self->pipeline_.committed());
    self->after_read([self, read = std::move(read)] { read(self->pipeline_.committed()); });
  });
}

void room::react(engine::actor who, protocol::reaction_kind kind, std::optional<std::string> key,
                 outcome_handler done) {
  asio::post(strand_, [self = shared_from_this(), who, kind, key = std::move(key), done = std::move(done)]() mutable {
    auto& p = self->pipeline_;
    if (self->deleting_) return done(p.refusal(deleted()));
    if (auto refused = engine::may_react(p.committed(), who)) return done(p.refusal(std::move(*refused)));
    if (key && p.seen_key(who, *key)) return p.acknowledge(protocol::result::duplicate{}, std::move(done), self);
    if (!self->limits_.take_reaction(sender_tag(who))) {
      return done(p.refusal(
          {error_code::rate_limited,
           "at most " + std::to_string(static_cast<int>(protocol::reactions_per_second)) + " reactions a second"}));
    }
    if (key) p.remember_key(who, *key);
    self->reactions_.count(kind, reaction_meter::clock::now());
    self->reaction_ticker_.arm(self);
    p.acknowledge(protocol::result::none{}, std::move(done), self);
  });
}

encoded_event room::encode(const engine::event& e) const {
  const auto& st = pipeline_.committed();
  const auto bytes = [&](engine::view v, protocol::seq_t prev) {
    return std::make_shared<const std::string>(engine::encode_event(st, e, v, prev));
  };
  encoded_event out{e.seq, nullptr, bytes(engine::view::moderator_view, last_staff_), 0, nullptr};
  if (!engine::backstage_only(e.body)) {
    out.public_view = bytes(engine::view::public_view, last_public_);
  } else if (const auto to = engine::addressee(st, e.body); to != 0) {
    // The panelist it names has seen the public view's events: its `prev` is that view's.
    out.to = to;
    out.addressed = bytes(engine::view::moderator_view, last_public_);
  }
  return out;
}

void room::published(const engine::event& e) {
  if (!engine::backstage_only(e.body)) last_public_ = e.seq;
  last_staff_ = e.seq;
}

void room::on_committed(const engine::event& e, bool remote) {
  if (deleting_) return;  // nobody is left to tell, nothing more is recorded
  feed_opinion(e);
  if (engine::coalesced(e.body)) {
    // A ballot or a rating: its figures follow in tallies. A contact left is never sent.
    engine::mark(dirty_, e.body);
    if (!dirty_.empty()) tally_ticker_.arm(shared_from_this());
    return;
  }
  // Encoded once per view; every member gets a pointer to the same bytes.
  auto encoded = encode(e);
  published(e);
  fanout_.queue(encoded.public_view, encoded.moderator_view, encoded.to, encoded.addressed);
  tail_.remember(std::move(encoded));
  // The events kept for reconnecting clients name the participant as they were: a client that
  // comes back gets a snapshot instead.
  if (std::holds_alternative<engine::ev::participant_erased>(e.body)) tail_.forget();
  if (engine::cuts_links(e.body)) revoke_links();
  const bool ended = std::holds_alternative<engine::ev::show_ended>(e.body);
  // The last reactions counted go into the log with the end, not seconds later: the report and the
  // archive read them from there.
  if (ended && reactions_.has_unrecorded()) record_reactions();
  // What follows a show's start and end (the channel's record, webhooks) is the writing node's.
  if (!show_moved_ || remote) return;
  const auto* started = std::get_if<engine::ev::segment_started>(&e.body);
  if (ended || (started != nullptr && started->segment == 1)) {
    asio::post(strand_.get_inner_executor(), [fn = show_moved_, id = info_.id, ended] { fn(id, ended); });
  }
}

void room::watch_show(show_watcher moved) {
  show_moved_ = std::move(moved);
  const auto now = pipeline_.committed().show.status;
  if (show_moved_ && now != protocol::show_status::not_started) {
    const bool ended = now == protocol::show_status::ended;
    asio::post(strand_.get_inner_executor(), [fn = show_moved_, id = info_.id, ended] { fn(id, ended); });
  }
}

void room::on_batch_done() {
  if (deleting_) {
    // Appends already on their way when the deletion began: once they are all answered, storage
    // may delete the stream behind them.
    busy_ = pipeline_.busy();
    if (deleted_ && !busy_) std::exchange(deleted_, {})();
    return;
  }
  fanout_.flush();
  wind_clock();
  const auto seq = pipeline_.committed().seq;
  if (seq >= snapshot_seq_ + events_per_forced_snapshot) {
    save_snapshot();
  } else if (seq >= snapshot_seq_ + events_per_snapshot && !snapshot_ticker_.armed()) {
    seq_at_snapshot_tick_ = seq;
    snapshot_ticker_.arm(shared_from_this());
  }
  busy_ = pipeline_.busy();
  run_after_read();
  if (retired_ && !pipeline_.busy()) finish_retire();
}

// A replaced or removed moderator, stage or overlay link stops working at once, open connections
// included; the links that were not replaced keep their connections.
void room::revoke_links() {
  const auto& st = pipeline_.committed();
  fanout_.remove_if([&st](const member& m) {
    const bool revoked =
        (m.actor.role == protocol::role::moderator && !engine::find_holder(st, m.selector)) ||
        (m.actor.role == protocol::role::stage && m.selector != st.stage.selector && m.selector != st.overlay.selector);
    if (revoked) {
      if (auto sub = m.sub.lock()) sub->close(1008, "link revoked");
    }
    return revoked;
  });
}

void room::send_tallies() {
  if (dirty_.empty()) return;
  const auto& st = pipeline_.committed();
  fanout_.queue(std::make_shared<const std::string>(engine::encode_tallies(st, engine::view::public_view, dirty_)),
                std::make_shared<const std::string>(engine::encode_tallies(st, engine::view::moderator_view, dirty_)));
  dirty_ = {};
  fanout_.flush();
}

void room::on_snapshot_tick() {
  const auto seq = pipeline_.committed().seq;
  if (seq < snapshot_seq_ + events_per_snapshot || retired_) return;  // saved meanwhile, or retiring
  if (seq != seq_at_snapshot_tick_ || pipeline_.busy()) {
    seq_at_snapshot_tick_ = seq;  // still busy: look again later
    snapshot_ticker_.arm(shared_from_this());
    return;
  }
  save_snapshot();
}

void room::save_snapshot(storage::event_log::saved_handler saved) {
  if (deleting_) return;
  const auto& st = pipeline_.committed();
  snapshot_seq_ = st.seq;
  log_.save_snapshot(info_.id, storage::snapshot{st.seq, engine::encode_state(st)}, std::move(saved));
}

void room::on_reaction_tick() {
  const auto now = reaction_meter::clock::now();
  if (const auto figures = reactions_.tick(pipeline_.speculative().reactions, now)) {
    auto message = std::make_shared<const std::string>(
        protocol::encode_reactions({pipeline_.committed().seq, figures->totals, figures->recent}));
    fanout_.queue(message, message);
    fanout_.flush();
  }
  const bool moving = reactions_.moving(now);
  if (reactions_.has_unrecorded() && (++ticks_since_record_ >= ticks_per_record || !moving)) record_reactions();
  // Keep ticking while the meter moves, so it also falls back to zero on every screen.
  if (moving || reactions_.has_unrecorded()) reaction_ticker_.arm(shared_from_this());
}

void room::note_audience() {
  const auto now = static_cast<std::uint32_t>(fanout_.audience());
  if (now <= audience_peak_) return;
  audience_peak_ = now;
  audience_ticker_.arm(shared_from_this());
}

// Like every append from a timer, never once the deletion began (a tick may already be queued).
void room::record_audience() {
  if (deleting_ || audience_peak_ <= pipeline_.speculative().peak_audience) return;
  const engine::context ctx{system_actor, now_ms()};
  pipeline_.submit(
      ctx, engine::cmd::record_audience{audience_peak_}, std::nullopt, [](const command_outcome&) {},
      shared_from_this());
  busy_ = pipeline_.busy();
}

void room::record_reactions() {
  if (deleting_) return;
  ticks_since_record_ = 0;
  const engine::context ctx{system_actor, now_ms()};
  pipeline_.submit(
      ctx, engine::cmd::record_reactions{reactions_.take_unrecorded()}, std::nullopt, [](const command_outcome&) {},
      shared_from_this());
  busy_ = pipeline_.busy();
}

void room::stop_tickers() {
  if (opinion_) opinion_->close();
  clock_.cancel();
  for (auto* t : {&tally_ticker_, &reaction_ticker_, &snapshot_ticker_, &audience_ticker_}) t->cancel();
}

void room::retire(std::function<void()> done) {
  asio::post(strand_, [self = shared_from_this(), done = std::move(done)]() mutable {
    self->retired_ = std::move(done);
    self->stop_tickers();
    if (self->reactions_.has_unrecorded()) self->record_reactions();
    self->record_audience();
    if (!self->pipeline_.busy()) self->finish_retire();
  });
}

void room::close_for_deletion(std::function<void()> done) {
  asio::post(strand_, [self = shared_from_this(), done = std::move(done)]() mutable {
    self->deleting_ = true;
    self->stop_tickers();
    for (const auto& then : std::exchange(self->after_read_, {})) then();  // an attach answers "deleted"
    self->fanout_.remove_if([](const member& m) {
      if (auto sub = m.sub.lock()) sub->close(1008, "debate deleted");
      return true;
    });
    if (self->pipeline_.busy()) {
      self->deleted_ = std::move(done);
      return;
    }
    self->busy_ = false;
    done();
  });
}

// The room is gone once its last snapshot is written: whoever asks for it meanwhile waits, and
// loading it again starts from that snapshot.
void room::finish_retire() {
  const auto& st = pipeline_.committed();
  busy_ = false;
  if (!st.exists || st.seq <= snapshot_seq_ || deleting_) return std::exchange(retired_, {})();
  save_snapshot([self = shared_from_this()] {
    asio::post(self->strand_, [self] {
      if (self->retired_) std::exchange(self->retired_, {})();
    });
  });
}

}  // namespace tribune::server
