#include "server/room/registry.hpp"

#include <boost/asio/post.hpp>

#include "engine/snapshot.hpp"
#include "protocol/limits.hpp"
#include "server/log.hpp"
#include "server/stored_record.hpp"

namespace tribune::server {
namespace {

namespace asio = boost::asio;
constexpr std::size_t read_page = 10000;

}  // namespace

std::optional<stored_debate> read_debate(storage::event_log& log, const std::string& debate_id) {
  if (!log.find_debate(debate_id)) return std::nullopt;
  stored_debate out;
  out.id = debate_id;
  if (const auto snap = log.load_snapshot(debate_id)) {
    if (auto base = engine::decode_state(snap->body); base && base->seq == snap->seq) {
      out.keys = log.recent_keys(debate_id, base->seq, protocol::remembered_command_keys);
      out.base = std::move(base);
    }
  }
  for (protocol::seq_t after = out.base ? out.base->seq : 0;;) {
    auto page = log.read(debate_id, after, read_page);
    if (!page.empty()) after = page.back().seq;
    const bool last = page.size() < read_page;
    out.records.insert(out.records.end(), std::make_move_iterator(page.begin()), std::make_move_iterator(page.end()));
    if (last) break;
  }
  // Registered, but its creation never committed: there is no such debate.
  if (!out.base && out.records.empty()) return std::nullopt;
  out.kept = from_stored(log.read_contacts(debate_id));
  return out;
}

room_registry::handle::handle(handle&& other) noexcept
    : registry_(std::exchange(other.registry_, nullptr)), room_(std::move(other.room_)) {}

room_registry::handle& room_registry::handle::operator=(handle&& other) noexcept {
  if (this != &other) {
    release();
    registry_ = std::exchange(other.registry_, nullptr);
    room_ = std::move(other.room_);
  }
  return *this;
}

void room_registry::handle::release() noexcept {
  if (registry_ != nullptr && room_) registry_->unpin(room_.get());
  registry_ = nullptr;
  room_.reset();
}

room_registry::room_registry(asio::any_io_executor io, asio::any_io_executor storage_threads, storage::event_log& log,
                             metrics& stats, std::chrono::seconds idle)
    : io_(std::move(io)),
      storage_threads_(std::move(storage_threads)),
      log_(log),
      stats_(stats),
      idle_(idle),
      sweep_timer_(io_) {}

room_registry::~room_registry() {
  try {
    sweep_timer_.cancel();
  } catch (...) {
    // Nothing is left to wake at destruction.
  }
}

void room_registry::find(const std::string& debate_id, found_handler done) {
  std::unique_lock lock(mutex_);
  auto [it, inserted] = entries_.try_emplace(debate_id);
  auto& e = it->second;
  if (e.now == phase::live) {
    ++e.pins;
    auto r = e.live;
    lock.unlock();
    return done(found{handle(this, std::move(r)), nullptr});
  }
  e.waiters.push_back(std::move(done));
  if (inserted) {
    lock.unlock();
    load(debate_id);
  }
}

void room_registry::load(const std::string& debate_id) {
  asio::post(storage_threads_, [this, debate_id] {
    std::shared_ptr<room> r;
    std::exception_ptr error;
    try {
      if (auto stored = read_debate(log_, debate_id)) {
        r = std::make_shared<room>(io_, storage_threads_, log_, stats_, *stored);
        r->watch_show(show_moved_);
        if (opinion_ != nullptr) r->open_opinion(*opinion_);
        log::info("room_loaded", {{"debate", debate_id},
                                  {"events_replayed", stored->records.size()},
                                  {"from_snapshot", stored->base.has_value()}});
      }
    } catch (...) {
      error = std::current_exception();
    }
    loaded(debate_id, r, error);
  });
}

void room_registry::loaded(const std::string& debate_id, const std::shared_ptr<room>& r,
                           const std::exception_ptr& error) {
  std::vector<found_handler> waiters;
  {
    const std::lock_guard lock(mutex_);
    auto& e = entries_.at(debate_id);
    waiters = std::exchange(e.waiters, {});
    if (r) {
      e.now = phase::live;
      e.live = r;
      e.pins = waiters.size();
      e.idle_since = std::chrono::steady_clock::now();
      stats_.rooms.Increment();
    } else {
      entries_.erase(debate_id);
    }
  }
  for (auto& w : waiters) w(found{r ? handle(this, r) : handle(), error});
}

room_registry::handle room_registry::add(engine::debate_info info) {
  auto id = info.id;
  auto r = std::make_shared<room>(io_, storage_threads_, log_, stats_, std::move(info));
  r->watch_show(show_moved_);
  if (opinion_ != nullptr) r->open_opinion(*opinion_);
  const std::lock_guard lock(mutex_);
  auto& e = entries_[id];
  e.now = phase::live;
  e.live = r;
  e.pins = 1;
  stats_.rooms.Increment();
  return {this, r};
}

void room_registry::remove(const std::string& debate_id) {
  const std::lock_guard lock(mutex_);
  if (const auto it = entries_.find(debate_id); it != entries_.end() && it->second.now == phase::live) {
    entries_.erase(it);
    stats_.rooms.Decrement();
  }
}

void room_registry::unpin(const room* r) {
  const std::lock_guard lock(mutex_);
  const auto it = entries_.find(r->info().id);
  if (it == entries_.end() || it->second.live.get() != r || it->second.pins == 0) return;
  if (--it->second.pins == 0) it->second.idle_since = std::chrono::steady_clock::now();
}

void room_registry::start() {
  const std::lock_guard lock(mutex_);
  sweeping_ = true;
  arm_sweep();
}

void room_registry::stop() {
  const std::lock_guard lock(mutex_);
  sweeping_ = false;
  sweep_timer_.cancel();
}

// Called with mutex_ held.
void room_registry::arm_sweep() {
  sweep_timer_.expires_after(std::max<std::chrono::seconds>(std::chrono::seconds(1), idle_ / 2));
  sweep_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) sweep();
  });
}

void room_registry::sweep() {
  std::vector<std::pair<std::string, std::shared_ptr<room>>> idle;
  {
    const std::lock_guard lock(mutex_);
    if (!sweeping_) return;
    const auto now = std::chrono::steady_clock::now();
    for (auto& [id, e] : entries_) {
      if (e.now == phase::live && e.pins == 0 && now - e.idle_since >= idle_) {
        e.now = phase::closing;
        idle.emplace_back(id, e.live);
      }
    }
    arm_sweep();
  }
  for (auto& [id, r] : idle) r->retire([this, id = id] { retired(id); });
}

void room_registry::erase(const std::string& debate_id, deleted_handler done) {
  find(debate_id, [this, debate_id, done = std::move(done)](found f) mutable {
    if (f.error || !f.room) {
      return done(f.error ? storage::delete_result{storage::delete_result::kind::failed, "the debate could not be read"}
                          : storage::delete_result{storage::delete_result::kind::absent, {}});
    }
    const auto r = f.room.get();
    {
      // From now on whoever asks for the debate waits for the deletion (the sweep leaves it too).
      const std::lock_guard lock(mutex_);
      entries_.at(debate_id).now = phase::closing;
    }
    f.room = handle();
    r->close_for_deletion([this, debate_id, done = std::move(done)]() mutable {
      log_.delete_stream(debate_id, [this, debate_id, done = std::move(done)](storage::delete_result result) {
        unloaded(debate_id, "room_deleted");
        done(std::move(result));
      });
    });
  });
}

void room_registry::retired(const std::string& debate_id) { unloaded(debate_id, "room_unloaded"); }

void room_registry::unloaded(const std::string& debate_id, const char* why) {
  bool reload = false;
  {
    const std::lock_guard lock(mutex_);
    auto& e = entries_.at(debate_id);
    stats_.rooms.Decrement();
    log::info(why, {{"debate", debate_id}});
    e.live.reset();
    // Whoever asked for it while it was closing gets it loaded afresh, with everything it wrote.
    if (e.waiters.empty()) {
      entries_.erase(debate_id);
    } else {
      e.now = phase::loading;
      reload = true;
    }
  }
  if (reload) load(debate_id);
}

void room_registry::wake(const std::string& debate_id) {
  std::vector<std::shared_ptr<room>> woken;
  {
    const std::lock_guard lock(mutex_);
    if (debate_id.empty()) {
      for (const auto& [id, e] : entries_) {
        if (e.now == phase::live) woken.push_back(e.live);
      }
    } else if (const auto it = entries_.find(debate_id); it != entries_.end() && it->second.now == phase::live) {
      woken.push_back(it->second.live);
    }
  }
  for (const auto& r : woken) r->wake();
}

std::vector<std::shared_ptr<room>> room_registry::all() const {
  const std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<room>> out;
  for (const auto& [id, e] : entries_) {
    if (e.live) out.push_back(e.live);
  }
  return out;
}

std::size_t room_registry::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace tribune::server
