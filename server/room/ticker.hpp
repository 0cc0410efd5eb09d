#pragma once
// A coalescing timer: the first arm() after a tick schedules one call `period` later; arming again
// meanwhile changes nothing. Rooms use it to batch what changes often (poll tallies, the reaction
// meter) into a few messages a second. Runs on the room's strand; the owner passes a keep-alive
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
  ticker(const boost::asio::any_io_executor& strand, std::chrono::milliseconds period, std::function<void()> tick)
      : timer_(strand), period_(period), tick_(std::move(tick)) {}

  void arm(std::shared_ptr<void> keep_alive) {
    if (armed_) return;
    armed_ = true;
    timer_.expires_after(period_);
    timer_.async_wait([this, keep_alive = std::move(keep_alive)](boost::system::error_code ec) {
      armed_ = false;
      if (!ec) tick_();
    });
  }
  void cancel() { timer_.cancel(); }
  bool armed() const noexcept { return armed_; }

 private:
  boost::asio::steady_timer timer_;
  std::chrono::milliseconds period_;
  std::function<void()> tick_;
  bool armed_ = false;
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
