#pragma once
// A token bucket: `burst` tokens, refilled at `per_second`. Not thread-safe: each bucket belongs to
// one strand (a session's or a room's), or is guarded by its owner's mutex.
#include <algorithm>
#include <chrono>

namespace tribune::server {

class token_bucket {
 public:
  using clock = std::chrono::steady_clock;

  token_bucket(double per_second, double burst) : rate_(per_second), burst_(burst), tokens_(burst) {}

  // Takes one token if there is one.
  bool try_take(clock::time_point now = clock::now()) {
    const std::chrono::duration<double> elapsed = now - last_;
    last_ = now;
    tokens_ = std::min(burst_, tokens_ + elapsed.count() * rate_);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

 private:
  double rate_;
  double burst_;
  double tokens_;
  clock::time_point last_ = clock::now();
};

}  // namespace tribune::server
