#pragma once
// The opinion map's plane: the first two principal components of the centred rating matrix, by
// power iteration, and each participant's place on them.
#include <cstddef>
#include <vector>

namespace tribune::engine::opinion {

// Rows are counted participants, columns arguments. A rated cell holds the rating minus the
// argument's mean over those who rated it; an unseen cell, filled with that mean, is 0 once centred.
struct centred_matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<double> cells;       // row-major
  std::vector<std::size_t> rated;  // per row: how many of the columns the participant rated
};

// One component by power iteration, v <- C'(C v) / |C'(C v)|, never forming C'C, kept orthogonal
// to `orthogonal_to` (when not empty). Starts from `start`, or from a fixed pseudo-random vector
// when `start` is (nearly) zero. Returns a unit vector, or zeros when no variance is left.
std::vector<double> power_component(const centred_matrix& c, std::vector<double> start,
                                    const std::vector<double>& orthogonal_to, std::size_t iterations);

// A component's sign is arbitrary: keep the one that agrees with `previous` (dot product > 0), or
// when that says nothing, make the largest-magnitude loading (the first, on a tie) positive.
void fix_sign(std::vector<double>& v, const std::vector<double>& previous);

struct point2 {
  double x = 0;
  double y = 0;
};

// Each row projected from the arguments it rated only (unseen cells are 0), scaled by
// sqrt(cols / rated) so that a participant who rated few arguments is not pulled to the centre.
std::vector<point2> project(const centred_matrix& c, const std::vector<double>& first,
                            const std::vector<double>& second);

}  // namespace tribune::engine::opinion
