#pragma once
// A coalescing timer: the first arm() after a tick schedules one call `period` later; arming again
// meanwhile changes nothing (unless a quiet time is given, below). Rooms use it to batch what changes often (poll
// tallies, the reaction meter) into a few messages a second. Runs on the room's strand; the owner passes a keep-alive
// so a pending tick keeps it alive.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace tribune::server {

class ticker {
 public:
  // With `quiet`, the call comes sooner once arm() has not been called for that long (the changes
  // have stopped: a poll's last votes), and still at most `period` after the first arm().
  ticker(const boost::asio::any_io_executor& strand, std::chrono::milliseconds period, std::function<void()> tick,
         std::optional<std::chrono::milliseconds> quiet = std::nullopt)
      : timer_(strand), period_(period), quiet_(quiet), tick_(std::move(tick)) {}

  void arm(std::shared_ptr<void> keep_alive) {
    const auto now = clock::now();
    last_arm_ = now;
    if (armed_) return;
    armed_ = true;
    due_ = now + period_;
    wait(quiet_ ? std::min(due_, now + *quiet_) : due_, std::move(keep_alive));
  }
  void cancel() { timer_.cancel(); }
  bool armed() const noexcept { return armed_; }

 private:
  using clock = std::chrono::steady_clock;

  void wait(clock::time_point at, std::shared_ptr<void> keep_alive) {
    timer_.expires_at(at);
    timer_.async_wait([this, keep_alive = std::move(keep_alive)](boost::system::error_code ec) mutable {
      if (ec) {
        armed_ = false;
        return;
      }
      const auto now = clock::now();
      if (quiet_ && now < due_) {
        // Armed again within the quiet time: wait until it has been quiet, or until the period ends.
        if (last_arm_ + *quiet_ > now) return wait(std::min(due_, last_arm_ + *quiet_), std::move(keep_alive));
        // Quiet: the early call is taken from a budget of one a period (two in reserve), so a
        // trickle of changes still makes about one call a period.
        if (!spend(now, false)) return wait(due_, std::move(keep_alive));
      } else if (quiet_) {
        spend(now, true);
      }
      armed_ = false;
      tick_();
    });
  }

  boost::asio::steady_timer timer_;
  std::chrono::milliseconds period_;
  std::optional<std::chrono::milliseconds> quiet_;
  std::function<void()> tick_;
  // Refills the budget (one call a period, two at most), then spends one call from it: an early
  // call only if one is at hand, a call at the end of the period in any case.
  bool spend(clock::time_point now, bool at_period_end) {
    const std::chrono::duration<double> since = now - refilled_;
    budget_ = std::min(2.0, budget_ + since / std::chrono::duration<double>(period_));
    refilled_ = now;
    if (budget_ < 1.0 && !at_period_end) return false;
    budget_ = std::max(0.0, budget_ - 1.0);
    return true;
  }

  bool armed_ = false;
  clock::time_point due_{};
  clock::time_point last_arm_{};
  double budget_ = 2.0;  // early calls at hand
  clock::time_point refilled_{};
};

// A timer set to one instant of the wall clock (milliseconds since the epoch): the show's next due
// moment in automatic mode. Setting the instant it already waits for changes nothing; nullopt
// disarms it. Runs on the room's strand, like ticker.
class deadline {
 public:
  deadline(const boost::asio::any_io_executor& strand, std::function<void()> fire)
      : timer_(strand), fire_(std::move(fire)) {}

  void set(std::optional<std::int64_t> at_ms, std::int64_t now_ms, std::shared_ptr<void> keep_alive) {
    if (at_ms == at_) return;
    at_ = at_ms;
    timer_.cancel();
    if (!at_) return;
    timer_.expires_after(std::chrono::milliseconds(std::max<std::int64_t>(0, *at_ - now_ms)));
    timer_.async_wait([this, keep_alive = std::move(keep_alive)](boost::system::error_code ec) {
      if (ec) return;
      at_.reset();
      fire_();
    });
  }
  void cancel() {
    at_.reset();
    timer_.cancel();
  }

 private:
  boost::asio::steady_timer timer_;
  std::function<void()> fire_;
  std::optional<std::int64_t> at_;
};

}  // namespace tribune::server
