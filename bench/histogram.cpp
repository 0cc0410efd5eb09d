#include "histogram.hpp"

#include <algorithm>
#include <cmath>

#include "figures.hpp"
#include "net.hpp"

namespace bench {

void histogram::record(std::int64_t ns) {
  const auto us = static_cast<std::uint64_t>(std::max<std::int64_t>(ns, 0) / 1000);
  ++counts_[bucket(us)];
  ++n_;
  max_ = std::max(max_, us);
}

double histogram::percentile_ms(double p) const {
  if (n_ == 0) return 0;
  const auto want = static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(n_)));
  std::uint64_t seen = 0;
  for (std::size_t b = 0; b < counts_.size(); ++b) {
    seen += counts_[b];
    if (seen >= std::max<std::uint64_t>(want, 1)) return static_cast<double>(std::min(upper(b), max_)) / 1000.0;
  }
  return static_cast<double>(max_) / 1000.0;
}

json histogram::summary() const {
  return json{{"n", n_},
              {"p50", round3(percentile_ms(50))},
              {"p99", round3(percentile_ms(99))},
              {"p999", round3(percentile_ms(99.9))},
              {"max", round3(max_ms())}};
}

std::size_t histogram::bucket(std::uint64_t us) {
  if (us < linear) return us;
  const auto log2 = static_cast<std::size_t>(63 - __builtin_clzll(us));  // >= 10
  const auto offset = static_cast<std::size_t>((us >> (log2 - 6)) & (sub - 1));
  return std::min(linear + (log2 - 10) * sub + offset, counts_size - 1);
}

std::uint64_t histogram::upper(std::size_t b) {
  if (b < linear) return b;
  const auto log2 = (b - linear) / sub + 10;
  const auto offset = (b - linear) % sub;
  return ((std::uint64_t{1} << log2) + ((offset + 1) << (log2 - 6))) - 1;
}

}  // namespace bench
