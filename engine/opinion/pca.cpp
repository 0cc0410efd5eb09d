// Power iteration on the centred rating matrix; pca.hpp gives the method.
#include "engine/opinion/pca.hpp"

#include <cmath>
#include <cstdint>
#include <utility>

namespace tribune::engine::opinion {
namespace {

double pca_dot(const std::vector<double>& a, const std::vector<double>& b) {
  double sum = 0.0;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) sum += a[i] * b[i];
  return sum;
}

// Removes v's part along `u` (a unit vector, or empty), and returns v's norm after it.
double pca_orthogonalise(std::vector<double>& v, const std::vector<double>& u) {
  if (u.size() == v.size()) {
    const double along = pca_dot(v, u);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] -= along * u[i];
  }
  return std::sqrt(pca_dot(v, v));
}

// A fixed-seed linear congruential sequence in [-1, 1): the same start on every run.
std::vector<double> pca_fixed_start(std::size_t n) {
  std::vector<double> v(n);
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  for (auto& x : v) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    x = static_cast<double>(state >> 11U) * 0x1.0p-53 * 2.0 - 1.0;
  }
  return v;
}

// C'(C v), through the rows: no cols-by-cols matrix is formed.
std::vector<double> pca_gram_times(const centred_matrix& c, const std::vector<double>& v) {
  std::vector<double> out(c.cols, 0.0);
  for (std::size_t r = 0; r < c.rows; ++r) {
    const double* row = &c.cells[r * c.cols];
    double along = 0.0;
    for (std::size_t j = 0; j < c.cols; ++j) along += row[j] * v[j];
    for (std::size_t j = 0; j < c.cols; ++j) out[j] += row[j] * along;
  }
  return out;
}

}  // namespace

std::vector<double> power_component(const centred_matrix& c, std::vector<double> start,
                                    const std::vector<double>& orthogonal_to, std::size_t iterations) {
  std::vector<double> zero(c.cols, 0.0);           // the answer when no variance is left
  const double total = pca_dot(c.cells, c.cells);  // the trace of C'C: the sum of all variances
  if (c.cols == 0 || !(total > 0.0)) return zero;
  start.resize(c.cols, 0.0);
  double norm = pca_orthogonalise(start, orthogonal_to);
  if (!(norm > 1e-9)) {
    start = pca_fixed_start(c.cols);
    norm = pca_orthogonalise(start, orthogonal_to);
    if (!(norm > 1e-9)) return zero;
  }
  for (auto& x : start) x /= norm;
  for (std::size_t i = 0; i < iterations; ++i) {
    auto next = pca_gram_times(c, start);
    norm = pca_orthogonalise(next, orthogonal_to);
    if (!(norm > 1e-9 * total)) return zero;  // no variance left in this direction
    for (auto& x : next) x /= norm;
    start = std::move(next);
  }
  return start;
}

void fix_sign(std::vector<double>& v, const std::vector<double>& previous) {
  const double agreement = pca_dot(v, previous);
  bool flip = agreement < 0.0;
  if (agreement == 0.0) {
    std::size_t largest = 0;
    for (std::size_t i = 1; i < v.size(); ++i) {
      if (std::abs(v[i]) > std::abs(v[largest])) largest = i;
    }
    flip = !v.empty() && v[largest] < 0.0;
  }
  if (flip) {
    for (auto& x : v) x = -x;
  }
}

std::vector<point2> project(const centred_matrix& c, const std::vector<double>& first,
                            const std::vector<double>& second) {
  std::vector<point2> out(c.rows);
  for (std::size_t r = 0; r < c.rows; ++r) {
    if (c.rated[r] == 0) continue;
    const double* row = &c.cells[r * c.cols];
    for (std::size_t j = 0; j < c.cols; ++j) {
      out[r].x += row[j] * first[j];
      out[r].y += row[j] * second[j];
    }
    const double scale = std::sqrt(static_cast<double>(c.cols) / static_cast<double>(c.rated[r]));
    out[r].x *= scale;
    out[r].y *= scale;
  }
  return out;
}

}  // namespace tribune::engine::opinion
