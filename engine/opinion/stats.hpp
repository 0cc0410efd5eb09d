#pragma once
// The opinion map's statistics on counts, as pol.is computes them: smoothed agree probabilities,
// consensus, divisiveness, the two-proportion z-test behind repness, and bridging.
#include <cstddef>
#include <vector>

namespace tribune::engine::opinion {

// (agrees + 1) / (ratings + 2): a Beta(1, 1) prior, so no rating gives 1/2 rather than 0/0.
double smoothed_agree(std::size_t agrees, std::size_t ratings);

// Product over groups: high only when every group agrees. 1 for no group.
double consensus(const std::vector<double>& group_agree);

// max - min over groups: how far apart the groups most at odds stand. 0 for fewer than two.
double divisiveness(const std::vector<double>& group_agree);

// pol.is's two-proportion z-test with one pseudo-count added to each of the four counts:
// p1 = (s1 + 1) / (n1 + 1), p2 = (s2 + 1) / (n2 + 1), p = (s1 + s2 + 2) / (n1 + n2 + 2),
// z = (p1 - p2) / sqrt(p (1 - p) (1 / (n1 + 1) + 1 / (n2 + 1))); 0 when p is 1.
double two_proportion_z(std::size_t s1, std::size_t n1, std::size_t s2, std::size_t n2);

// The smallest share over groups: a question bridges only as well as its coldest group takes it.
// 0 for no group.
double bridging(const std::vector<double>& group_shares);

}  // namespace tribune::engine::opinion
