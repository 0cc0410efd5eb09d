#include "server/idle_sweep.hpp"

#include <algorithm>

namespace tribune::server {

idle_sweep::idle_sweep(const asio::any_io_executor& strand, std::chrono::steady_clock::duration idle_timeout)
    : timer_(strand), idle_timeout_(idle_timeout) {}

void idle_sweep::add(std::weak_ptr<idle_watched> connection) {
  members_.push_back(std::move(connection));
  arm();
}

void idle_sweep::arm() {
  if (armed_ || members_.empty()) return;
  armed_ = true;
  // A tenth of the timeout: a silent connection is pinged and cut off at most that late.
  timer_.expires_after(idle_timeout_ / 10);
  timer_.async_wait([this](const beast::error_code& ec) {
    if (ec) return;  // only when the sweep itself goes away
    armed_ = false;
    sweep();
  });
}

void idle_sweep::sweep() {
  const auto now = std::chrono::steady_clock::now();
  std::erase_if(members_, [&](const std::weak_ptr<idle_watched>& weak) {
    const auto c = weak.lock();
    std::chrono::steady_clock::time_point heard;
    if (!c || !c->heard(heard)) return true;
    if (now - heard >= idle_timeout_) {
      c->expire();
      return true;
    }
    if (now - heard >= idle_timeout_ / 2) c->ping();
    return false;
  });
  if (members_.capacity() > 2 * members_.size() + 64) members_.shrink_to_fit();
  arm();
}

}  // namespace tribune::server
