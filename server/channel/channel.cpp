#include "server/channel/channel.hpp"

#include "server/clock.hpp"
#include "server/log.hpp"
#include "server/stored_record.hpp"
#include "server/tokens.hpp"

namespace tribune::server {
namespace {

namespace pc = protocol::channels;

constexpr std::size_t read_chunk = 10000;
// Idempotency keys a channel remembers, most recent first; older retries would be applied again.
constexpr std::size_t remembered_keys = 100000;
// A command decided again this many times (other nodes kept appending first) is refused.
constexpr unsigned max_channel_decisions = 32;

// Whose idempotency keys a key joins: the organizer's, a visitor's or a panelist's of a topic.
std::string scope_of(const ch::who& by) {
  if (by.organizer) return "o";
  if (by.member.topic != 0) {
    return protocol::format_topic(by.member.topic) + "." + protocol::format_panelist(by.member.panelist);
  }
  return protocol::format_visitor(by.identity);
}

}  // namespace

channel::channel(const asio::any_io_executor& io, asio::any_io_executor pool, storage::event_log& log, std::string id,
                 std::shared_ptr<const committed_hook> committed)
    : strand_(asio::make_strand(io)),
      pool_(std::move(pool)),
      log_(log),
      id_(std::move(id)),
      committed_(std::move(committed)) {}

ch::who channel::prove(const channel_caller& caller) const {
  if (caller.organizer) return ch::who{true, 0, {}};
  if (caller.member.topic != 0) return ch::who{false, 0, caller.member};
  const auto selector = token_selector(caller.token);
  if (!selector) return ch::who{};
  const auto* i = ch::find_by_selector(state_, *selector);
  if (i == nullptr || !verify_token(caller.token, i->cred)) return ch::who{};
  return ch::who{false, i->id, {}};
}

void channel::submit(channel_caller caller, ch::command cmd, done_handler done,
                     std::optional<storage::channel_row> create_row) {
  asio::post(strand_, [self = shared_from_this(),
                       j = job{std::move(caller), std::move(cmd), std::move(done), std::move(create_row)}]() mutable {
    self->queue_.push_back(std::move(j));
    // On a log other nodes write, a command is decided after a read that began once it arrived,
    // so that none is refused for what this node has not read yet. (A read that fails does not
    // start another: the append then says whether the database is back.)
    if (self->log_.shared()) self->behind_ = true;
    self->pump();
  });
}

void channel::inspect(channel_caller caller, std::function<void(const ch::state&, const ch::who&)> fn) {
  asio::post(strand_, [self = shared_from_this(), caller = std::move(caller), fn = std::move(fn)] {
    fn(self->state_, self->prove(caller));
  });
}

void channel::public_view(protocol::topic_id topic, std::function<void(encoded_view, protocol::seq_t)> done) {
  asio::post(strand_, [self = shared_from_this(), topic, done = std::move(done)] {
    constexpr std::size_t cached_topics = 1000;
    const auto& s = self->state_;
    if (self->cached_seq_ != s.seq || self->cached_topics_.size() >= cached_topics) {
      self->cached_seq_ = s.seq;
      self->cached_channel_.reset();
      self->cached_topics_.clear();
    }
    if (topic == 0) {
      if (!self->cached_channel_) {
        self->cached_channel_ = std::make_shared<const std::string>(pc::encode_channel(ch::channel_view(s)));
      }
      return done(self->cached_channel_, s.seq);
    }
    auto& slot = self->cached_topics_[topic];
    if (!slot) {
      const auto view = ch::topic_view(s, topic, ch::who{});
      if (!view) {
        self->cached_topics_.erase(topic);
        return done(nullptr, s.seq);
      }
      slot = std::make_shared<const std::string>(pc::encode_topic(*view));
    }
    done(slot, s.seq);
  });
}

// One command at a time: the next is decided only once the previous one's events are durable and
// applied, so every decision reads the committed state.
void channel::close_for_deletion(std::function<void(std::vector<std::string>)> done) {
  asio::post(strand_, [self = shared_from_this(), done = std::move(done)]() mutable {
    self->deleting_ = true;
    self->deleted_ = std::move(done);
    self->pump();
  });
}

void channel::drain_for_deletion() {
  for (auto& j : std::exchange(queue_, {})) {
    j.done(channel_outcome{false, {protocol::error_code::not_found, "this channel was deleted"}, {}, {}, false});
  }
  if (busy_ || !deleted_) return;
  std::vector<std::string> debates;
  for (const auto& t : state_.topics) {
    if (!t.debate.empty()) debates.push_back(t.debate);
  }
  std::exchange(deleted_, {})(std::move(debates));
}

void channel::pump() {
  if (deleting_) {
    drain_for_deletion();
    return;
  }
  if (behind_ && !busy_ && loaded_) return catch_up();
  while (!busy_ && loaded_ && !queue_.empty()) {
    auto j = std::move(queue_.front());
    queue_.pop_front();
    const auto by = prove(j.caller);
    std::string scoped;
    if (!j.caller.key.empty()) {
      scoped = scope_of(by) + "/" + j.caller.key;
      if (const auto it = keys_.find(scoped); it != keys_.end()) {
        j.done(channel_outcome{true, {}, by, {it->second}, true});
        continue;
      }
    }
    const std::int64_t now = now_ms();
    auto d = ch::decide(state_, ch::context{by, now}, j.cmd);
    if (auto* r = std::get_if<engine::rejection>(&d)) {
      j.done(channel_outcome{false, std::move(*r), by, {}, false});
      continue;
    }
    auto produced = std::get<std::vector<ch::event_body>>(std::move(d));
    if (produced.empty()) {
      j.done(channel_outcome{true, {}, by, {}, false});
      continue;
    }
    std::vector<storage::record> records;
    std::vector<ch::event> events;
    events.reserve(produced.size());
    for (auto& body : produced) {
      events.push_back(ch::event{state_.seq + events.size() + 1, now, body, {}});
    }
    events.back().key = scoped;  // the key is stored with the command's last event
    records.reserve(events.size());
    for (const auto& e : events) records.push_back(to_stored(ch::to_record(e)));
    busy_ = true;
    std::optional<storage::new_stream> create;
    if (j.create_row) create = storage::new_stream(*j.create_row);
    auto appended = [self = shared_from_this(), events = std::move(events), produced = std::move(produced), by,
                     j = std::move(j)](storage::append_result result) mutable {
      asio::post(self->strand_, [self, events = std::move(events), produced = std::move(produced), by, j = std::move(j),
                                 result = std::move(result)]() mutable {
        self->on_appended(result, events, std::move(produced), by, std::move(j));
      });
    };
    log_.append(id_, state_.seq, std::move(records), std::move(create), std::move(appended));
  }
}

void channel::on_appended(const storage::append_result& result, const std::vector<ch::event>& events,
                          std::vector<ch::event_body> produced, const ch::who& by, job j) {
  busy_ = false;
  if (result.outcome == storage::append_result::kind::appended) {
    for (const auto& e : events) ch::evolve(state_, e);
    if (!events.back().key.empty()) remember_key(events.back().key, events.back().body);
    if (committed_ && *committed_) (*committed_)(id_, events, state_);
    j.done(channel_outcome{true, {}, by, std::move(produced), false});
  } else if (result.outcome == storage::append_result::kind::conflict && !j.create_row &&
             ++j.attempts < max_channel_decisions) {
    // Another node appended first: this command is decided again once its events are read.
    queue_.push_front(std::move(j));
    behind_ = true;
  } else {
    log::error("channel_append_failed", {{"channel", id_}, {"detail", result.detail}});
    j.done(channel_outcome{
        false, {protocol::error_code::unavailable, "the channel cannot be saved right now"}, by, {}, false});
  }
  pump();
}

void channel::wake() {
  asio::post(strand_, [self = shared_from_this()] {
    if (!self->loaded_ || self->deleting_) return;
    self->behind_ = true;
    self->pump();
  });
}

void channel::catch_up() {
  busy_ = true;
  behind_ = false;
  asio::post(pool_, [self = shared_from_this(), after = state_.seq] {
    std::vector<storage::record> records;
    std::vector<storage::contact_row> contacts;
    try {
      records = self->log_.read(self->id_, after, read_chunk);
      if (!records.empty()) contacts = self->log_.read_contacts(self->id_);
    } catch (const storage::storage_error&) {
      // The database is away: the next command's append reports it; the next wake-up reads again.
      records.clear();
    }
    asio::post(self->strand_, [self, records = std::move(records), contacts = std::move(contacts)]() mutable {
      self->busy_ = false;
      self->fold(std::move(records), std::move(contacts));
      self->pump();
    });
  });
}

void channel::fold(std::vector<storage::record> records, std::vector<storage::contact_row> contacts) {
  if (records.empty()) return;
  if (records.size() == read_chunk) behind_ = true;
  try {
    apply_stored(std::move(records), std::move(contacts));
  } catch (const std::exception& e) {
    log::error("channel_catch_up_failed", {{"channel", id_}, {"detail", e.what()}});
  }
}

void channel::apply_stored(std::vector<storage::record> records, std::vector<storage::contact_row> contacts) {
  for (auto& r : records) {
    if (r.seq != state_.seq + 1) continue;  // folded already
    auto e = ch::read_record(from_stored(std::move(r)));
    ch::evolve(state_, e);
    if (!e.key.empty()) remember_key(e.key, e.body);
  }
  ch::restore_contacts(state_, from_stored(std::move(contacts)));
}

void channel::remember_key(const std::string& scoped, const ch::event_body& made) {
  if (!keys_.insert_or_assign(scoped, made).second) return;
  key_order_.push_back(scoped);
  if (key_order_.size() > remembered_keys) {
    keys_.erase(key_order_.front());
    key_order_.pop_front();
  }
}

void channel::mark_new() {
  asio::post(strand_, [self = shared_from_this()] {
    self->loaded_ = true;
    self->pump();
  });
}

void channel::when_loaded(std::function<void(bool)> done) {
  asio::post(strand_, [self = shared_from_this(), done = std::move(done)]() mutable {
    if (self->loaded_) {
      done(self->state_.exists());
      return;
    }
    self->waiters_.push_back(std::move(done));
    if (self->loading_) return;
    self->loading_ = true;
    asio::post(self->pool_, [self] {
      std::vector<storage::record> all;
      std::vector<storage::contact_row> contacts;
      try {
        for (;;) {
          auto chunk = self->log_.read(self->id_, all.empty() ? 0 : all.back().seq, read_chunk);
          const bool last = chunk.size() < read_chunk;
          all.insert(all.end(), std::make_move_iterator(chunk.begin()), std::make_move_iterator(chunk.end()));
          if (last) break;
        }
        contacts = self->log_.read_contacts(self->id_);
      } catch (const std::exception& e) {
        log::error("channel_load_failed", {{"channel", self->id_}, {"detail", e.what()}});
        all.clear();
      }
      asio::post(self->strand_, [self, all = std::move(all), contacts = std::move(contacts)]() mutable {
        self->finish_load(std::move(all), std::move(contacts));
      });
    });
  });
}

void channel::finish_load(std::vector<storage::record> records, std::vector<storage::contact_row> contacts) {
  try {
    apply_stored(std::move(records), std::move(contacts));
  } catch (const std::exception& e) {
    log::error("channel_load_failed", {{"channel", id_}, {"detail", e.what()}});
    state_ = ch::state{};
  }
  loading_ = false;
  loaded_ = true;
  auto waiters = std::exchange(waiters_, {});
  for (auto& w : waiters) w(state_.exists());
  pump();
}

void channel_hub::find(const std::string& id, std::function<void(std::shared_ptr<channel>)> done) {
  std::shared_ptr<channel> c;
  {
    std::unique_lock lock(mutex_);
    if (closing_.contains(id)) {
      lock.unlock();
      return done(nullptr);
    }
    auto& slot = channels_[id];
    if (!slot) slot = std::make_shared<channel>(io_, storage_, log_, id, committed_);
    c = slot;
  }
  c->when_loaded([this, c, done = std::move(done)](bool exists) {
    if (!exists) {
      // Unknown ids are not kept: a flood of them must not grow the map.
      const std::lock_guard lock(mutex_);
      if (const auto it = channels_.find(c->id()); it != channels_.end() && it->second == c) channels_.erase(it);
    }
    done(exists ? c : nullptr);
  });
}

void channel_hub::wake(const std::string& id) {
  std::vector<std::shared_ptr<channel>> woken;
  {
    const std::lock_guard lock(mutex_);
    if (id.empty()) {
      for (const auto& [_, c] : channels_) woken.push_back(c);
    } else if (const auto it = channels_.find(id); it != channels_.end()) {
      woken.push_back(it->second);
    }
  }
  for (const auto& c : woken) c->wake();
}

bool channel_hub::close(const std::string& id) {
  const std::lock_guard lock(mutex_);
  return closing_.insert(id).second;
}

void channel_hub::forget(const std::string& id) {
  const std::lock_guard lock(mutex_);
  closing_.erase(id);
  channels_.erase(id);
}

std::shared_ptr<channel> channel_hub::make(const std::string& id) {
  auto c = std::make_shared<channel>(io_, storage_, log_, id, committed_);
  {
    const std::lock_guard lock(mutex_);
    channels_[id] = c;
  }
  c->mark_new();
  return c;
}

}  // namespace tribune::server
