#pragma once
// The opinion map's plane: the first two principal components of the centred rating matrix, by
// power iteration over the rated cells only, and each participant's place on them.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/opinion/ratings.hpp"

namespace tribune::engine::opinion {

// Rows are counted participants, columns arguments, stored sparse: a row holds the cells its
// participant rated (ratings.hpp), so its length is the n_i of the projection's scaling. A rated
// cell's centred value, the rating minus the argument's mean over those who rated it, is looked up
// in `centred`, indexed by the cell itself; an unseen cell, filled with that mean, is 0 once
// centred and never stored. Loading vectors are indexed by argument index (`cols` long) and are 0
// outside `columns`; sums over a vector run over `columns` in argument id order.
struct centred_matrix {
  std::size_t cols = 0;                // argument indices: the loading vectors' length
  std::vector<std::uint32_t> columns;  // the arguments in the analysis, by id
  std::vector<std::size_t> row_start;  // row r's cells are [row_start[r], row_start[r + 1])
  std::vector<cell> cells;
  std::vector<double> centred;       // 4 * cols: per cell value, 0 outside the columns
  std::vector<std::uint32_t> count;  // 4 * cols: per cell value, how many rows hold it

  std::size_t rows() const { return row_start.empty() ? 0 : row_start.size() - 1; }
};

// One component by power iteration, v <- C'(C v) / |C'(C v)|, never forming C'C: C v and C'u are
// sparse products over the rated cells. Kept orthogonal to `orthogonal_to` (when not empty).
// Starts from `start` (read on the columns only), or from a fixed pseudo-random vector when that
// is (nearly) zero. Returns a unit vector, or zeros when no variance is left.
std::vector<double> power_component(const centred_matrix& c, const std::vector<double>& start,
                                    const std::vector<double>& orthogonal_to, std::size_t iterations);

// A component's sign is arbitrary: keep the one that agrees with `previous` (dot product > 0), or
// when that says nothing, make the largest-magnitude loading (the first in `columns`, on a tie)
// positive.
void fix_sign(std::vector<double>& v, const std::vector<double>& previous, const std::vector<std::uint32_t>& columns);

struct point2 {
  double x = 0;
  double y = 0;
};

// Each row projected from the arguments it rated only (unseen cells are 0), scaled by
// sqrt(columns / rated) so that a participant who rated few arguments is not pulled to the centre.
// `out` is resized to the rows (a buffer reused across updates).
void project(const centred_matrix& c, const std::vector<double>& first, const std::vector<double>& second,
             std::vector<point2>& out);

}  // namespace tribune::engine::opinion
