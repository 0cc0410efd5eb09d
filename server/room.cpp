#include "server/room.hpp"

#include <boost/asio/post.hpp>

#include "server/log.hpp"
#include "server/replies.hpp"
#include "server/tokens.hpp"

namespace tribune::server {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using protocol::error_code;

// How many committed events a reconnecting client can replay without a snapshot. Bounded so a room
// holds a fixed tail in memory whatever its history; older resumes get a snapshot.
constexpr std::size_t replay_tail = 1024;
constexpr std::size_t max_replay_bytes = 256 * 1024;  // a quarter of a connection's outgoing queue
constexpr auto reaction_tick = 200ms;      // broadcast at most five times a second
constexpr auto tally_tick = 125ms;         // poll tallies and argument figures: eight times a second
constexpr unsigned ticks_per_record = 25;  // record totals in the log every five seconds
constexpr double questions_per_minute = 5;
constexpr double reactions_per_second = 10;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Who sent a command, for scoping idempotency keys: two senders may use the same key.
std::string actor_tag(const engine::actor& a) {
  switch (a.role) {
    case protocol::role::audience:
      return "a" + std::to_string(a.participant);
    case protocol::role::panelist:
      return "p" + std::to_string(a.panelist);
    default:
      return std::string(protocol::to_string(a.role));
  }
}

std::int64_t steady_second(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

room::room(asio::any_io_executor io, storage::event_log& log, metrics& stats, engine::debate_info info)
    : strand_(asio::make_strand(io)),
      log_(log),
      stats_(stats),
      info_(std::move(info)),
      reaction_timer_(strand_),
      tally_timer_(strand_) {}

room::room(asio::any_io_executor io, storage::event_log& log, metrics& stats,
           const std::vector<storage::record>& records)
    : strand_(asio::make_strand(io)), log_(log), stats_(stats), reaction_timer_(strand_), tally_timer_(strand_) {
  const auto tail_from = records.size() > replay_tail ? records.size() - replay_tail : 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    const auto e = engine::from_record(engine::event_record{r.seq, r.at, r.type, r.body, r.key});
    if (e.seq != committed_.seq + 1) throw std::runtime_error("gap in the event log at seq " + std::to_string(e.seq));
    engine::evolve(committed_, e);
    if (!e.key.empty()) remember_key(e.key, e.seq);
    if (engine::is_silent(e.body)) continue;
    if (i >= tail_from) remember(encode(e));
    last_published_ = e.seq;
  }
  speculative_ = committed_;
  info_ = committed_.debate;
}

void room::create(engine::cmd::create_debate c, storage::debate_row row, outcome_handler done) {
  asio::post(strand_,
             [self = shared_from_this(), c = std::move(c), row = std::move(row), done = std::move(done)]() mutable {
               self->create_row_ = std::move(row);
               self->do_submit(engine::actor{protocol::role::organizer, 0}, std::move(c), std::move(done));
             });
}

void room::submit(engine::actor who, engine::command c, outcome_handler done, std::optional<std::string> key) {
  asio::post(strand_, [self = shared_from_this(), who, c = std::move(c), done = std::move(done),
                       key = std::move(key)]() mutable { self->do_submit(who, std::move(c), std::move(done), std::move(key)); });
}

void room::remember_key(std::string scoped, protocol::seq_t seq) {
  if (command_keys_.size() >= max_command_keys) {
    command_keys_.erase(command_key_order_.front());
    command_key_order_.pop_front();
  }
  if (command_keys_.insert_or_assign(scoped, seq).second) command_key_order_.push_back(std::move(scoped));
}

void room::do_submit(engine::actor who, engine::command c, outcome_handler done, std::optional<std::string> key) {
  if (broken_) return done(reject({error_code::unavailable, "the database failed; the room is read-only"}));
  std::string scoped_key;
  if (key) {
    scoped_key = actor_tag(who) + "/" + *key;
    if (command_keys_.contains(scoped_key)) {
      // Applied already (perhaps before a crash, its ack lost): acknowledge again, in order.
      stats_.commands_deduplicated.Increment();
      pending_command again;
      again.result = {{"duplicate", true}};
      again.done = std::move(done);
      again.decided_at = std::chrono::steady_clock::now();
      if (!writing_ && queued_.empty()) {
        return again.done(command_outcome{true, committed_.seq, std::move(again.result), {}});
      }
      queued_.push_back(std::move(again));
      return flush();
    }
  }
  if (const auto* ask = std::get_if<protocol::ask>(&c); ask != nullptr && who.role == protocol::role::audience) {
    auto [it, inserted] =
        question_limits_.try_emplace(who.participant, questions_per_minute / 60.0, questions_per_minute);
    if (!it->second.try_take()) return done(reject({error_code::rate_limited, "at most 5 questions a minute"}));
  }
  auto decided = engine::decide(speculative_, who, c);
  if (auto* rejected = std::get_if<engine::rejection>(&decided)) {
    stats_.commands_rejected.Increment();
    return done(reject(std::move(*rejected)));
  }

  auto& bodies = std::get<std::vector<engine::event_body>>(decided);
  pending_command pending;
  const auto at = now_ms();
  for (auto& body : bodies) {
    pending.events.push_back(engine::event{speculative_.seq + 1, at, std::move(body), {}});
    engine::evolve(speculative_, pending.events.back());
  }
  std::vector<engine::event_body> produced;
  produced.reserve(pending.events.size());
  for (const auto& e : pending.events) produced.push_back(e.body);
  pending.result = engine::command_result(speculative_, produced);
  if (const auto* vote = std::get_if<protocol::upvote>(&c); vote != nullptr && pending.result.is_null()) {
    pending.result = {{"votes", speculative_.find_question(vote->question)->voters.size()}};
  }
  pending.done = std::move(done);
  pending.decided_at = std::chrono::steady_clock::now();
  if (!scoped_key.empty() && !pending.events.empty()) {
    pending.events.back().key = scoped_key;
    remember_key(std::move(scoped_key), pending.events.back().seq);
  }

  // A command that changes nothing is still acknowledged in order, after the commands before it.
  if (pending.events.empty() && !writing_ && queued_.empty()) {
    return pending.done(command_outcome{true, committed_.seq, std::move(pending.result), {}});
  }
  queued_.push_back(std::move(pending));
  flush();
}

void room::flush() {
  if (writing_ || queued_.empty()) return;
  writing_ = true;
  busy_ = true;
  in_flight_ = std::move(queued_);
  queued_.clear();
  std::vector<storage::record> records;
  for (const auto& p : in_flight_) {
    for (const auto& e : p.events) {
      auto r = engine::to_record(e);
      records.push_back(storage::record{r.seq, r.at, std::move(r.type), std::move(r.body), std::move(r.key)});
    }
  }
  if (records.empty()) {
    // Only no-op commands queued behind a commit that has since finished: answer them now.
    return on_appended(storage::append_result{storage::append_result::kind::appended, committed_.seq, {}});
  }
  append_started_ = std::chrono::steady_clock::now();
  log_.append(info_.id, committed_.seq, std::move(records), std::exchange(create_row_, std::nullopt),
              [self = shared_from_this()](storage::append_result r) {
                asio::post(self->strand_, [self, r = std::move(r)]() mutable { self->on_appended(std::move(r)); });
              });
}

void room::on_appended(storage::append_result r) {
  writing_ = false;
  auto batch = std::move(in_flight_);
  in_flight_.clear();
  if (r.outcome != storage::append_result::kind::appended) {
    broken_ = true;
    log::error("append_failed", {{"debate", info_.id}, {"detail", r.detail}, {"seq", committed_.seq}});
    speculative_ = committed_;
    const protocol::error err{error_code::unavailable, "the database failed; nothing was recorded"};
    for (auto& p : batch) p.done(reject(err));
    for (auto& p : queued_) p.done(reject(err));
    queued_.clear();
    busy_ = false;
    return;
  }
  const std::chrono::duration<double> append_time = std::chrono::steady_clock::now() - append_started_;
  stats_.append_seconds.Observe(append_time.count());
  // The whole commit reaches the shards first (one task per shard), then the acks follow: each
  // is posted after the events it acknowledges.
  std::vector<protocol::seq_t> acked_at;
  acked_at.reserve(batch.size());
  for (auto& p : batch) {
    for (const auto& e : p.events) {
      engine::evolve(committed_, e);
      publish(e);
      after_commit(e);
    }
    stats_.events_appended.Increment(static_cast<double>(p.events.size()));
    acked_at.push_back(committed_.seq);
  }
  flush_outbox();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    auto& p = batch[i];
    p.done(command_outcome{true, acked_at[i], std::move(p.result), {}});
    const std::chrono::duration<double> command_time = std::chrono::steady_clock::now() - p.decided_at;
    stats_.command_seconds.Observe(command_time.count());
  }
  busy_ = !queued_.empty();
  flush();
}

void room::remember(encoded_event e) {
  recent_events_.push_back(std::move(e));
  if (recent_events_.size() > replay_tail) recent_events_.pop_front();
}

room::encoded_event room::encode(const engine::event& e) const {
  return encoded_event{e.seq,
                       std::make_shared<const std::string>(
                           engine::encode_event(committed_, e, engine::view::public_view, last_published_)),
                       std::make_shared<const std::string>(
                           engine::encode_event(committed_, e, engine::view::moderator_view, last_published_))};
}

void room::publish(const engine::event& e) {
  // Ballots and ratings reach screens as coalesced tallies, not one message each.
  if (const auto* ballot = std::get_if<engine::ev::ballot_cast>(&e.body)) {
    dirty_polls_.insert(ballot->poll);
    return arm_tally_timer();
  }
  if (const auto* rated = std::get_if<engine::ev::argument_rated>(&e.body)) {
    dirty_arguments_.insert(rated->argument);
    return arm_tally_timer();
  }
  // Encoded once per view; every member gets a pointer to the same bytes.
  auto encoded = encode(e);
  last_published_ = e.seq;
  broadcast(encoded.public_view, encoded.moderator_view);
  remember(std::move(encoded));
}

void room::broadcast(shared_message public_view, shared_message moderator_view) {
  outbox_.emplace_back(std::move(public_view), std::move(moderator_view));
}

void room::flush_outbox() {
  if (outbox_.empty()) return;
  auto batch = std::make_shared<const outgoing>(std::move(outbox_));
  outbox_.clear();
  for (std::size_t shard = 0; shard < shards_.size(); ++shard) {
    auto& group = shards_[shard];
    if (group.stale) {
      auto targets = std::make_shared<target_list>();
      for (const auto& m : members_) {
        if (m.shard == shard && !m.sub.expired()) {
          targets->push_back(target{m.sub, m.view == engine::view::moderator_view});
        }
      }
      group.targets = std::move(targets);
      group.stale = false;
    }
    if (group.targets->empty()) continue;
    // Runs on the shard's strand, which is every one of its connections' strand: deliver() queues
    // straight into each connection, with no task per connection.
    asio::post(group.executor, [targets = group.targets, batch, stats = &stats_] {
      std::size_t delivered = 0;
      for (const auto& t : *targets) {
        const auto sub = t.sub.lock();
        if (!sub) continue;
        for (const auto& [pub, mod] : *batch) sub->deliver(t.moderator ? mod : pub);
        delivered += batch->size();
      }
      stats->deliveries.Increment(static_cast<double>(delivered));
    });
  }
}

void room::add_member(member m) {
  if (shards_.size() <= m.shard) shards_.resize(m.shard + 1);
  auto& group = shards_[m.shard];
  if (!group.executor) {
    if (auto sub = m.sub.lock()) group.executor = sub->executor();
  }
  group.stale = true;
  members_.push_back(std::move(m));
}

void room::forget_members(const std::function<bool(const member&)>& leaving) {
  std::erase_if(members_, [&](const member& m) {
    if (!m.sub.expired() && !leaving(m)) return false;
    if (m.shard < shards_.size()) shards_[m.shard].stale = true;
    return true;
  });
}

void room::after_commit(const engine::event& e) {
  if (!std::holds_alternative<engine::ev::links_rotated>(e.body)) return;
  // The previous moderator and stage links stop working at once, open connections included.
  forget_members([this](const member& m) {
    const bool revoked = (m.actor.role == protocol::role::moderator && m.selector != committed_.moderator.selector) ||
                         (m.actor.role == protocol::role::stage && m.selector != committed_.stage.selector);
    if (revoked) {
      if (auto sub = m.sub.lock()) sub->close(1008, "link revoked");
    }
    return revoked;
  });
}

std::optional<attach_outcome> room::authenticate(const std::string& token, std::string& selector) const {
  const auto sel = token_selector(token);
  if (!sel) return std::nullopt;
  selector = std::string(*sel);
  if (selector == committed_.moderator.selector && verify_token(token, committed_.moderator)) {
    return attach_outcome{true, {}, engine::actor{protocol::role::moderator, 0}};
  }
  if (selector == committed_.stage.selector && verify_token(token, committed_.stage)) {
    return attach_outcome{true, {}, engine::actor{protocol::role::stage, 0}};
  }
  if (const auto it = committed_.panelist_by_selector.find(selector); it != committed_.panelist_by_selector.end()) {
    if (verify_token(token, committed_.find_panelist(it->second)->cred)) {
      engine::actor a{protocol::role::panelist, 0};
      a.panelist = it->second;
      return attach_outcome{true, {}, a};
    }
  }
  if (const auto it = committed_.participant_by_selector.find(selector);
      it != committed_.participant_by_selector.end()) {
    if (verify_token(token, committed_.find_participant(it->second)->cred)) {
      return attach_outcome{true, {}, engine::actor{protocol::role::audience, it->second}};
    }
  }
  return std::nullopt;
}

void room::attach(std::weak_ptr<subscriber> who, std::string token, std::optional<protocol::seq_t> last_seq,
                  std::function<void(attach_outcome)> done) {
  asio::post(strand_, [self = shared_from_this(), who = std::move(who), token = std::move(token), last_seq,
                       done = std::move(done)]() mutable { self->do_attach(std::move(who), token, last_seq, done); });
}

void room::do_attach(std::weak_ptr<subscriber> who, const std::string& token, std::optional<protocol::seq_t> last_seq,
                     const std::function<void(attach_outcome)>& done) {
  auto sub = who.lock();
  if (!sub) return;
  std::string selector;
  const auto outcome = authenticate(token, selector);
  if (!outcome)
    return done(attach_outcome{false, {error_code::unauthorized, "this link is not valid for this debate"}, {}});
  const auto& a = outcome->actor;
  const auto v = a.role == protocol::role::moderator ? engine::view::moderator_view : engine::view::public_view;

  // Replay only what the tail holds, and only while it fits well inside a connection's outgoing
  // queue (a client closed for falling behind would otherwise be closed again by its own catch-up);
  // anything older, larger, newer than us, or absent gets a snapshot.
  bool can_replay =
      last_seq && *last_seq <= committed_.seq &&
      (*last_seq == committed_.seq || (!recent_events_.empty() && recent_events_.front().seq <= *last_seq + 1));
  if (can_replay) {
    std::size_t bytes = 0;
    for (auto it = recent_events_.rbegin(); it != recent_events_.rend() && it->seq > *last_seq; ++it) {
      bytes += (v == engine::view::moderator_view ? it->moderator_view : it->public_view)->size();
    }
    can_replay = bytes <= max_replay_bytes;
  }
  nlohmann::json welcome{{"type", "welcome"},
                         {"seq", committed_.seq},
                         {"role", protocol::to_string(a.role)},
                         {"debate", info_.id},
                         {"resume", can_replay ? "events" : "snapshot"}};
  if (a.role == protocol::role::audience) {
    const auto* p = committed_.find_participant(a.participant);
    welcome["participant"] = protocol::format_participant(p->id);
    welcome["name"] = p->name;
  }
  if (a.role == protocol::role::panelist) {
    const auto* p = committed_.find_panelist(a.panelist);
    welcome["panelist"] = protocol::format_panelist(p->id);
    welcome["name"] = p->name;
    welcome["side"] = protocol::to_string(p->side);
    welcome["panel_role"] = protocol::to_string(p->role);
  }
  welcome["server_time"] = now_ms();
  // The session learns its room before the welcome is queued (both reach its strand in this
  // order), so a command sent the moment the welcome arrives is never refused with hello_required.
  done(*outcome);
  sub->send(std::make_shared<const std::string>(welcome.dump()));
  if (can_replay) {
    for (const auto& e : recent_events_) {
      if (e.seq > *last_seq) sub->send(v == engine::view::moderator_view ? e.moderator_view : e.public_view);
    }
    // Ballots and ratings missed meanwhile arrive as current figures.
    if (!committed_.polls.empty() || !committed_.arguments.empty()) {
      std::set<protocol::poll_id> polls;
      std::set<protocol::argument_id> arguments;
      for (const auto& p : committed_.polls) polls.insert(p.id);
      for (const auto& arg : committed_.arguments) arguments.insert(arg.id);
      sub->send(std::make_shared<const std::string>(engine::encode_tallies(committed_, v, polls, arguments)));
    }
  } else {
    const auto me = a.role == protocol::role::audience ? std::optional(a.participant) : std::nullopt;
    sub->send(std::make_shared<const std::string>(engine::encode_snapshot(committed_, v, me)));
  }
  add_member(member{who, sub.get(), v, a, selector, sub->shard()});
}

void room::arm_tally_timer() {
  if (tally_timer_armed_) return;
  tally_timer_armed_ = true;
  tally_timer_.expires_after(tally_tick);
  tally_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    self->tally_timer_armed_ = false;
    if (!ec) self->send_tallies();
  });
}

void room::send_tallies() {
  if (dirty_polls_.empty() && dirty_arguments_.empty()) return;
  const auto pub = std::make_shared<const std::string>(
      engine::encode_tallies(committed_, engine::view::public_view, dirty_polls_, dirty_arguments_));
  const auto mod = std::make_shared<const std::string>(
      engine::encode_tallies(committed_, engine::view::moderator_view, dirty_polls_, dirty_arguments_));
  dirty_polls_.clear();
  dirty_arguments_.clear();
  broadcast(pub, mod);
  flush_outbox();
}

void room::detach(const subscriber* who) {
  asio::post(strand_, [self = shared_from_this(), who] {
    self->forget_members([who](const member& m) { return m.key == who; });
  });
}

void room::react(engine::actor who, protocol::reaction_kind kind, outcome_handler done) {
  asio::post(strand_,
             [self = shared_from_this(), who, kind, done = std::move(done)] { self->do_react(who, kind, done); });
}

void room::do_react(engine::actor who, protocol::reaction_kind kind, const outcome_handler& done) {
  if (who.role != protocol::role::audience) return done(reject({error_code::forbidden, "only audience members react"}));
  const auto* p = committed_.find_participant(who.participant);
  if (p == nullptr) return done(reject({error_code::unauthorized, "unknown participant"}));
  if (p->banned) return done(reject({error_code::banned, "a moderator banned this participant"}));
  if (p->muted) return done(reject({error_code::muted, "a moderator muted this participant"}));
  auto [it, inserted] = reaction_limits_.try_emplace(who.participant, reactions_per_second, reactions_per_second);
  if (!it->second.try_take()) return done(reject({error_code::rate_limited, "at most 10 reactions a second"}));

  const auto k = static_cast<std::size_t>(kind);
  ++unrecorded_reactions_[k];
  const auto now = std::chrono::steady_clock::now();
  const auto second = steady_second(now);
  auto& slot = reaction_buckets_[static_cast<std::size_t>(second) % reaction_window];
  auto& slot_second = reaction_bucket_second_[static_cast<std::size_t>(second) % reaction_window];
  if (slot_second != second) {
    slot = {};
    slot_second = second;
  }
  ++slot[k];
  reactions_dirty_ = true;
  arm_reaction_timer();
  done(command_outcome{true, committed_.seq, nullptr, {}});
}

protocol::reaction_counts room::recent_reactions(std::chrono::steady_clock::time_point now) const {
  protocol::reaction_counts out{};
  const auto second = steady_second(now);
  for (std::size_t i = 0; i < reaction_window; ++i) {
    if (second - reaction_bucket_second_[i] < static_cast<std::int64_t>(reaction_window)) {
      for (std::size_t k = 0; k < out.size(); ++k) out[k] += reaction_buckets_[i][k];
    }
  }
  return out;
}

void room::arm_reaction_timer() {
  if (reaction_timer_armed_) return;
  reaction_timer_armed_ = true;
  reaction_timer_.expires_after(reaction_tick);
  reaction_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    self->reaction_timer_armed_ = false;
    if (!ec) self->on_reaction_tick();
  });
}

void room::on_reaction_tick() {
  const auto now = std::chrono::steady_clock::now();
  const auto recent = recent_reactions(now);
  bool any_recent = false;
  for (const auto n : recent) any_recent = any_recent || n != 0;

  if (reactions_dirty_ || any_recent || meter_live_) {
    // Totals = recorded (speculative includes in-flight records) + not yet recorded.
    protocol::reaction_counts totals = speculative_.reactions;
    for (std::size_t k = 0; k < totals.size(); ++k) totals[k] += unrecorded_reactions_[k];
    auto message = std::make_shared<const std::string>(reactions_message(committed_.seq, totals, recent));
    broadcast(message, message);
    flush_outbox();
    reactions_dirty_ = false;
    meter_live_ = any_recent;
  }

  bool unrecorded = false;
  for (const auto n : unrecorded_reactions_) unrecorded = unrecorded || n != 0;
  if (unrecorded && (++ticks_since_record_ >= ticks_per_record || !any_recent)) {
    ticks_since_record_ = 0;
    const auto counts = std::exchange(unrecorded_reactions_, protocol::reaction_counts{});
    do_submit(engine::actor{protocol::role::system, 0}, engine::cmd::record_reactions{counts},
              [](const command_outcome&) {});
    unrecorded = false;
  }
  // Keep ticking while the meter moves, so it also falls back to zero on every screen.
  if (any_recent || unrecorded || meter_live_) arm_reaction_timer();
}

}  // namespace tribune::server
