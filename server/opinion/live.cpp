#include "server/opinion/live.hpp"

#include <algorithm>
#include <cmath>

#include "engine/opinion/shape.hpp"

namespace tribune::server::opinion_live {
namespace {

std::int32_t hundredths(double v) { return static_cast<std::int32_t>(std::lround(v * 100.0)); }

// A phone's dot moves when its place moved by this many hundredths of the map's scale.
constexpr std::int32_t place_step = 3;

}  // namespace

void feed::push(const input& i) { push(std::vector<input>{i}); }

void feed::push(const std::vector<input>& inputs) {
  if (inputs.empty()) return;
  bool queued = false;
  bool had_inputs = false;
  {
    const std::lock_guard lock(mutex_);
    if (closed_) return;
    pending_.insert(pending_.end(), inputs.begin(), inputs.end());
    queued = std::exchange(queued_, true);
    had_inputs = inputs_.exchange(true);
  }
  if (!queued) {
    owner_.wake(shared_from_this());
  } else if (!had_inputs) {
    owner_.nudge();  // queued for the phones' turn only: it is due sooner now
  }
}

feed::clock::time_point feed::due(std::chrono::milliseconds period, std::chrono::milliseconds phone_period) const {
  if (inputs_.load() || map_.settling()) return last_update_ + period;
  return phones_sent_at_ + phone_period;
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
    inputs_ = false;
    if (closed_) return;
    batch.swap(pending_);
  }
  for (const auto& i : batch) engine::opinion::apply(map_, i);
  publication p;
  // An update with nothing new to compute only sends the phones what waited for their turn.
  if (!batch.empty() || map_.settling()) compute(p);
  const auto now = clock::now();
  const bool waiting = phones_waiting_ || !places_waiting_.empty();
  if (waiting && now - phones_sent_at_ >= owner_.phone_period()) {
    phones_sent_at_ = now;
    p.shared = std::exchange(phones_waiting_, nullptr);
    for (const auto& [who, at] : places_waiting_) {
      protocol::opinion_wire::you body;
      if (at) {
        body = {at->group, at->x / 100.0, at->y / 100.0};
        places_sent_[who] = *at;
      } else {
        places_sent_.erase(who);
      }
      p.places.emplace_back(who, std::make_shared<const std::string>(protocol::opinion_wire::encode_you_body(body)));
    }
    places_waiting_.clear();
  }
  if (p.shared || p.screens || !p.places.empty()) out_(std::make_shared<const publication>(std::move(p)));
  // A room that went quiet while its groups were changing gets the updates that settle them, and
  // what waits for the phones goes once their turn comes.
  if (map_.settling() || phones_waiting_ || !places_waiting_.empty()) again();
}

void feed::compute(publication& p) {
  last_update_ = clock::now();
  const auto shaped = engine::opinion::shape(map_.publish(), map_.params().min_ratings);
  namespace wire = protocol::opinion_wire;
  const bool showing = !shaped.map.groups.empty();
  // Nothing is sent while no group can be shown; once groups were shown, an empty map says they
  // are gone.
  if (showing || shown_) {
    if (auto screens = wire::encode_body(shaped.map, wire::audience::screens); screens != last_screens_) {
      p.screens = std::make_shared<const std::string>(screens);
      last_screens_ = std::move(screens);
    }
    if (auto phones = wire::encode_body(shaped.map, wire::audience::phones); phones != last_phones_) {
      phones_waiting_ = std::make_shared<const std::string>(phones);
      last_phones_ = std::move(phones);
    }
  }
  shown_ = showing;

  // A place waits for the phones' turn when it moved by a few hundredths of the map, or changed
  // group, since it was last sent; one that moved back drops out of the queue.
  for (const auto& [who, y] : shaped.places) {
    const place now{y.group.value_or(0), hundredths(y.x), hundredths(y.y)};
    const auto sent = places_sent_.find(who);
    const bool moved = sent == places_sent_.end() || sent->second.group != now.group ||
                       std::abs(sent->second.x - now.x) >= place_step || std::abs(sent->second.y - now.y) >= place_step;
    if (moved) {
      places_waiting_[who] = now;
    } else {
      places_waiting_.erase(who);
    }
  }
  // Whoever is no longer placed (their group hidden, or banned) is told so once.
  for (const auto& [who, at] : places_sent_) {
    if (shaped.places.count(who) == 0) places_waiting_[who] = std::nullopt;
  }
}

void feed::again() {
  {
    const std::lock_guard lock(mutex_);
    if (closed_ || queued_) return;
    queued_ = true;
  }
  owner_.wake(shared_from_this());
}

analyst::analyst(std::chrono::milliseconds period, std::chrono::milliseconds phone_period,
                 engine::opinion::parameters params)
    : period_(period), phone_period_(phone_period), params_(params), thread_([this] { run(); }) {}

analyst::~analyst() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

std::shared_ptr<feed> analyst::open(sink out) { return std::make_shared<feed>(*this, std::move(out), params_); }

void analyst::nudge() {
  { const std::lock_guard lock(mutex_); }  // a waiting run() sees the change once it holds the lock
  changed_.notify_one();
}

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
    const auto due = [this](const std::shared_ptr<feed>& f) { return f->due(period_, phone_period_); };
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
