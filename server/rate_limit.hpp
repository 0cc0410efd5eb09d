#pragma once
// A token bucket: `burst` tokens, refilled at `per_second`. Not thread-safe: each bucket belongs to
// one strand (a session's or a room's), or is guarded by its owner's mutex. Time is a parameter, so
// the bucket can be tested with explicit time points.
#include <algorithm>
#include <chrono>

namespace tribune::server {

class token_bucket {
 public:
  using clock = std::chrono::steady_clock;

  // Starts full at `now`.
  token_bucket(double per_second, double burst, clock::time_point now = clock::now())
      : rate_(per_second), burst_(burst), tokens_(burst), last_(now) {}

  // Takes one token if there is one. A time before the latest one seen (read by a caller before it
  // got the bucket's lock, say) refills nothing and drains nothing.
  bool try_take(clock::time_point now = clock::now()) {
    if (now > last_) {
      const std::chrono::duration<double> elapsed = now - last_;
      tokens_ = std::min(burst_, tokens_ + elapsed.count() * rate_);
      last_ = now;
    }
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

 private:
  double rate_;
  double burst_;
  double tokens_;
  clock::time_point last_;
};

}  // namespace tribune::server
