// The opinion map's statistics on counts; stats.hpp gives the formulas.
#include "engine/opinion/stats.hpp"

#include <algorithm>
#include <cmath>

namespace tribune::engine::opinion {

double smoothed_agree(std::size_t agrees, std::size_t ratings) {
  return (static_cast<double>(agrees) + 1.0) / (static_cast<double>(ratings) + 2.0);
}

double consensus(const std::vector<double>& group_agree) {
  double product = 1.0;
  for (double p : group_agree) product *= p;
  return product;
}

double divisiveness(const std::vector<double>& group_agree) {
  if (group_agree.size() < 2) return 0.0;
  const auto [lo, hi] = std::minmax_element(group_agree.begin(), group_agree.end());
  return *hi - *lo;
}

double two_proportion_z(std::size_t s1, std::size_t n1, std::size_t s2, std::size_t n2) {
  const double a = static_cast<double>(s1) + 1.0;
  const double b = static_cast<double>(s2) + 1.0;
  const double m = static_cast<double>(n1) + 1.0;
  const double n = static_cast<double>(n2) + 1.0;
  const double pooled = (a + b) / (m + n);
  const double variance = pooled * (1.0 - pooled) * (1.0 / m + 1.0 / n);
  if (!(variance > 0.0)) return 0.0;
  return (a / m - b / n) / std::sqrt(variance);
}

double bridging(const std::vector<double>& group_shares) {
  if (group_shares.empty()) return 0.0;
  return *std::min_element(group_shares.begin(), group_shares.end());
}

}  // namespace tribune::engine::opinion
