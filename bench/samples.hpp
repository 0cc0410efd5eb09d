#pragma once
// Durations of a few hundred sequential requests, kept whole: their percentiles are exact (nearest
// rank), unlike the histogram's buckets that the streaming scenarios need.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "figures.hpp"
#include "net.hpp"

namespace bench {

class samples {
 public:
  void add(std::int64_t ns) { ns_.push_back(ns); }
  std::size_t count() const { return ns_.size(); }
  // The p-th percentile in milliseconds (p in [0, 1]), by nearest rank; 0 without samples.
  double percentile_ms(double p) const {
    if (ns_.empty()) return 0;
    auto sorted = ns_;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return round3(static_cast<double>(sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1]) / 1e6);
  }
  // {n, p50, p99, max, mean} in milliseconds.
  json summary() const {
    double sum = 0;
    for (const auto v : ns_) sum += static_cast<double>(v);
    const double mean = ns_.empty() ? 0 : sum / static_cast<double>(ns_.size()) / 1e6;
    return json{{"n", ns_.size()},
                {"p50", percentile_ms(0.5)},
                {"p99", percentile_ms(0.99)},
                {"max", percentile_ms(1.0)},
                {"mean", round3(mean)}};
  }

 private:
  std::vector<std::int64_t> ns_;
};

// Sizes of the answers' bodies: {n, min, mean, max} in bytes.
class sizes {
 public:
  void add(std::size_t bytes) {
    min_ = n_ == 0 ? bytes : std::min(min_, bytes);
    max_ = std::max(max_, bytes);
    sum_ += bytes;
    ++n_;
  }
  json summary() const { return json{{"n", n_}, {"min", min_}, {"mean", n_ == 0 ? 0 : sum_ / n_}, {"max", max_}}; }

 private:
  std::size_t n_ = 0, min_ = 0, max_ = 0, sum_ = 0;
};

}  // namespace bench
