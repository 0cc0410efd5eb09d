#pragma once
// A coalescing timer: the first arm() after a tick schedules one call `period` later; arming again
// meanwhile changes nothing. Rooms use it to batch what changes often (poll tallies, the reaction
// meter) into a few messages a second. Runs on the room's strand; the owner passes a keep-alive
// so a pending tick keeps it alive.
#include <chrono>
#include <functional>
#include <memory>
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

}  // namespace tribune::server
