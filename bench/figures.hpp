#pragma once
// Time stamps and the rounding of reported figures. Every time in the bench is steady-clock
// nanoseconds; every reported figure with a fraction keeps three decimals.
#include <chrono>
#include <cmath>
#include <cstdint>

namespace bench {

inline std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

inline double seconds_between(std::int64_t a, std::int64_t b) { return static_cast<double>(b - a) / 1e9; }

inline double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

// Milliseconds from a to b, to the microsecond.
inline double ms_between(std::int64_t a, std::int64_t b) { return round3(static_cast<double>(b - a) / 1e6); }

}  // namespace bench
