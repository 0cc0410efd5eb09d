#pragma once
// Latency histogram: exact to the microsecond below 1 ms, then 64 sub-buckets per power of two
// (under 1.6 % error), so it is fixed-size whatever the number of samples.
#include <array>
#include <cstddef>
#include <cstdint>

#include "net.hpp"

namespace bench {

class histogram {
 public:
  void record(std::int64_t ns);
  std::uint64_t count() const { return n_; }
  double percentile_ms(double p) const;
  double max_ms() const { return static_cast<double>(max_) / 1000.0; }
  // {n, p50, p99, p999, max} in milliseconds.
  json summary() const;

 private:
  static constexpr std::size_t linear = 1024;
  static constexpr std::size_t sub = 64;
  static constexpr std::size_t counts_size = linear + 30 * sub;
  static std::size_t bucket(std::uint64_t us);
  static std::uint64_t upper(std::size_t b);

  std::array<std::uint64_t, counts_size> counts_{};
  std::uint64_t n_ = 0;
  std::uint64_t max_ = 0;
};

}  // namespace bench
