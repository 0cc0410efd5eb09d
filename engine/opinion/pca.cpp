// Power iteration on the sparse centred rating matrix; pca.hpp gives the method.
#include "engine/opinion/pca.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace tribune::engine::opinion {
namespace {

// Sums over the columns in argument id order: the same order whatever order arguments came in.
double pca_dot(const std::vector<double>& a, const std::vector<double>& b, const std::vector<std::uint32_t>& columns) {
  double sum = 0.0;
  for (auto j : columns) {
    if (j < a.size() && j < b.size()) sum += a[j] * b[j];
  }
  return sum;
}

// Removes v's part along `u` (a unit vector, or empty), and returns v's norm after it.
double pca_orthogonalise(std::vector<double>& v, const std::vector<double>& u,
                         const std::vector<std::uint32_t>& columns) {
  if (u.size() == v.size()) {
    const double along = pca_dot(v, u, columns);
    for (auto j : columns) v[j] -= along * u[j];
  }
  return std::sqrt(pca_dot(v, v, columns));
}

// A fixed-seed linear congruential sequence in [-1, 1) over the columns: the same start on every run.
void pca_fixed_start(std::vector<double>& v, const std::vector<std::uint32_t>& columns) {
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  for (auto j : columns) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    v[j] = static_cast<double>(state >> 11U) * 0x1.0p-53 * 2.0 - 1.0;
  }
}

// The answer when no variance is left.
std::vector<double> zero(const centred_matrix& c) {
  std::vector<double> v(c.cols, 0.0);
  return v;
}

// The trace of C'C, the sum of all variances, from the count of each cell value.
double pca_total(const centred_matrix& c) {
  double total = 0.0;
  for (const auto j : c.columns) {
    for (const auto code : {code_pass, code_agree, code_disagree}) {
      const cell x = cell_of(j, code);
      total += static_cast<double>(c.count[x]) * c.centred[x] * c.centred[x];
    }
  }
  return total;
}

// out = C'(C v) through the rows, never forming C'C. A rated cell's centred value depends only on
// the cell (its argument and rating), so (C v)_i is the sum, over row i's cells, of a table holding
// centred * v per cell value; and (C'u)_j gathers, per cell value, the sum of u_i over the rows
// holding it, then multiplies by the centred value once. Each cell thus costs a table look-up and
// an addition each way. A row's sum is a chain of dependent additions, so four rows' chains run
// side by side, each still in its cells' order: the result does not depend on that.
void pca_gram_times(const centred_matrix& c, const std::vector<double>& v, std::vector<double>& out,
                    std::vector<double>& scratch) {
  const std::size_t values = c.centred.size();
  scratch.assign(2 * values, 0.0);
  double* times_v = scratch.data();     // per cell value: centred * v
  double* gathered = times_v + values;  // per cell value: the sum of (C v)_i over the rows holding it
  for (const auto j : c.columns) {
    for (const auto code : {code_pass, code_agree, code_disagree}) {
      times_v[cell_of(j, code)] = c.centred[cell_of(j, code)] * v[j];
    }
  }
  const cell* cells = c.cells.data();
  const std::size_t rows = c.rows();
  constexpr std::size_t lanes = 4;
  for (std::size_t r = 0; r < rows; r += lanes) {
    const std::size_t n = std::min(lanes, rows - r);
    std::array<std::size_t, lanes> begin{};
    std::array<std::size_t, lanes> end{};
    std::array<double, lanes> along{};
    std::size_t shortest = SIZE_MAX;
    for (std::size_t l = 0; l < n; ++l) {
      begin[l] = c.row_start[r + l];
      end[l] = c.row_start[r + l + 1];
      shortest = std::min(shortest, end[l] - begin[l]);
    }
    if (n < lanes) shortest = 0;
    for (std::size_t k = 0; k < shortest; ++k) {
      along[0] += times_v[cells[begin[0] + k]];
      along[1] += times_v[cells[begin[1] + k]];
      along[2] += times_v[cells[begin[2] + k]];
      along[3] += times_v[cells[begin[3] + k]];
    }
    for (std::size_t l = 0; l < n; ++l) {
      for (std::size_t i = begin[l] + shortest; i < end[l]; ++i) along[l] += times_v[cells[i]];
    }
    for (std::size_t l = 0; l < n; ++l) {
      for (std::size_t i = begin[l]; i < end[l]; ++i) gathered[cells[i]] += along[l];
    }
  }
  std::fill(out.begin(), out.end(), 0.0);
  for (const auto j : c.columns) {
    for (const auto code : {code_pass, code_agree, code_disagree}) {
      out[j] += c.centred[cell_of(j, code)] * gathered[cell_of(j, code)];
    }
  }
}

}  // namespace

std::vector<double> power_component(const centred_matrix& c, const std::vector<double>& start,
                                    const std::vector<double>& orthogonal_to, std::size_t iterations) {
  std::vector<double> v(c.cols, 0.0);  // also the answer when no variance is left
  const double total = pca_total(c);
  if (c.columns.empty() || !(total > 0.0)) return v;
  for (auto j : c.columns) v[j] = j < start.size() ? start[j] : 0.0;
  double norm = pca_orthogonalise(v, orthogonal_to, c.columns);
  if (!(norm > 1e-9)) {
    pca_fixed_start(v, c.columns);
    norm = pca_orthogonalise(v, orthogonal_to, c.columns);
    if (!(norm > 1e-9)) return zero(c);
  }
  for (auto j : c.columns) v[j] /= norm;
  std::vector<double> next(c.cols, 0.0);
  std::vector<double> scratch;
  for (std::size_t i = 0; i < iterations; ++i) {
    pca_gram_times(c, v, next, scratch);
    norm = pca_orthogonalise(next, orthogonal_to, c.columns);
    if (!(norm > 1e-9 * total)) return zero(c);  // no variance left in this direction
    for (auto j : c.columns) next[j] /= norm;
    std::swap(v, next);
  }
  return v;
}

void fix_sign(std::vector<double>& v, const std::vector<double>& previous, const std::vector<std::uint32_t>& columns) {
  const double agreement = pca_dot(v, previous, columns);
  bool flip = agreement < 0.0;
  if (agreement == 0.0 && !columns.empty()) {
    std::uint32_t largest = columns.front();
    for (auto j : columns) {
      if (std::abs(v[j]) > std::abs(v[largest])) largest = j;
    }
    flip = v[largest] < 0.0;
  }
  if (flip) {
    for (auto& x : v) x = -x;
  }
}

void project(const centred_matrix& c, const std::vector<double>& first, const std::vector<double>& second,
             std::vector<point2>& out) {
  out.assign(c.rows(), point2{});
  const auto columns = static_cast<double>(c.columns.size());
  for (std::size_t r = 0; r < out.size(); ++r) {
    const std::size_t begin = c.row_start[r];
    const std::size_t end = c.row_start[r + 1];
    if (begin == end) continue;
    double x = 0.0;
    double y = 0.0;
    for (std::size_t i = begin; i < end; ++i) {
      const double value = c.centred[c.cells[i]];
      x += value * first[argument_of(c.cells[i])];
      y += value * second[argument_of(c.cells[i])];
    }
    const double scale = std::sqrt(columns / static_cast<double>(end - begin));
    out[r] = {x * scale, y * scale};
  }
}

}  // namespace tribune::engine::opinion
