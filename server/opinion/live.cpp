#include "server/opinion/live.hpp"

#include <algorithm>
#include <cmath>

#include "engine/opinion/shape.hpp"

namespace tribune::server::opinion_live {
namespace {

std::int32_t hundredths(double v) { return static_cast<std::int32_t>(std::lround(v * 100.0)); }

}  // namespace

void feed::push(const input& i) { push(std::vector<input>{i}); }

void feed::push(const std::vector<input>& inputs) {
  if (inputs.empty()) return;
  {
    const std::lock_guard lock(mutex_);
    if (closed_) return;
    pending_.insert(pending_.end(), inputs.begin(), inputs.end());
    if (queued_) return;
    queued_ = true;
  }
  owner_.wake(shared_from_this());
}

void feed::close() {
  const std::lock_guard lock(mutex_);
  closed_ = true;
  pending_.clear();
  pending_.shrink_to_fit();
}

void feed::update() {
  std::vector<input> batch;
  {
    const std::lock_guard lock(mutex_);
    queued_ = false;
    if (closed_) return;
    batch.swap(pending_);
  }
  for (const auto& i : batch) engine::opinion::apply(map_, i);
  last_update_ = clock::now();
  const auto shaped = engine::opinion::shape(map_.publish(), map_.params().min_ratings);

  publication p;
  const bool showing = !shaped.map.groups.empty();
  // Nothing is sent while no group can be shown; once groups were shown, an empty map says they
  // are gone.
  if (showing || shown_) {
    auto screens = protocol::opinion_wire::encode_body(shaped.map, true);
    if (screens != last_screens_) {
      p.shared = std::make_shared<const std::string>(protocol::opinion_wire::encode_body(shaped.map, false));
      p.screens = std::make_shared<const std::string>(screens);
      last_screens_ = std::move(screens);
    }
  }
  shown_ = showing;

  for (const auto& [who, y] : shaped.places) {
    const place now{y.group.value_or(0), hundredths(y.x), hundredths(y.y)};
    const auto it = places_.find(who);
    if (it != places_.end() && it->second == now) continue;
    places_[who] = now;
    const protocol::opinion_wire::you body{now.group, now.x / 100.0, now.y / 100.0};
    p.places.emplace_back(who, std::make_shared<const std::string>(protocol::opinion_wire::encode_you_body(body)));
  }
  // Whoever is no longer placed (their group hidden, or banned) is told so once.
  for (auto it = places_.begin(); it != places_.end();) {
    if (shaped.places.count(it->first) != 0) {
      ++it;
      continue;
    }
    p.places.emplace_back(it->first, std::make_shared<const std::string>(protocol::opinion_wire::encode_you_body({})));
    it = places_.erase(it);
  }
  std::sort(p.places.begin(), p.places.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (p.shared || !p.places.empty()) out_(std::make_shared<const publication>(std::move(p)));
  // A room that went quiet while its groups were changing gets the updates that settle them.
  if (map_.settling()) again();
}

void feed::again() {
  {
    const std::lock_guard lock(mutex_);
    if (closed_ || queued_) return;
    queued_ = true;
  }
  owner_.wake(shared_from_this());
}

analyst::analyst(std::chrono::milliseconds period, engine::opinion::parameters params)
    : period_(period), params_(params), thread_([this] { run(); }) {}

analyst::~analyst() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

std::shared_ptr<feed> analyst::open(sink out) { return std::make_shared<feed>(*this, std::move(out), params_); }

void analyst::wake(std::shared_ptr<feed> f) {
  {
    const std::lock_guard lock(mutex_);
    ready_.push_back(std::move(f));
  }
  changed_.notify_one();
}

// The feed due first is updated first: one that was updated less than a period ago waits out the
// rest of it, so a room flooded with ratings is updated a few times a second and no more, and
// other rooms' turns come between.
void analyst::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return stopping_ || !ready_.empty(); });
    if (stopping_) return;
    const auto due = [this](const std::shared_ptr<feed>& f) { return f->last_update_ + period_; };
    const auto first =
        std::min_element(ready_.begin(), ready_.end(), [&](const auto& a, const auto& b) { return due(a) < due(b); });
    if (const auto when = due(*first); when > feed::clock::now()) {
      changed_.wait_until(lock, when);
      continue;
    }
    auto f = std::move(*first);
    ready_.erase(first);
    lock.unlock();
    f->update();
    f.reset();
    lock.lock();
  }
}

}  // namespace tribune::server::opinion_live
