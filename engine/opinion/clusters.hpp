#pragma once
// The opinion map's groups: weighted k-means on the plane from deterministic starting centres,
// base clusters for large rooms (warm-started from the previous update's), the silhouette that
// chooses k, and stable group labels.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/opinion/opinion.hpp"
#include "engine/opinion/pca.hpp"

namespace tribune::engine::opinion {

struct weighted_point {
  double x = 0;
  double y = 0;
  double weight = 1;
};

// How many different points there are (exact coordinates), counting no further than `at_most`.
std::size_t distinct_points(const std::vector<weighted_point>& points, std::size_t at_most = SIZE_MAX);

// Centres to start Lloyd's algorithm from: the given ones (at most k of them), then farthest-first
// until there are k: with none given, the point farthest from the weighted centroid first; then
// each time the point farthest from the centres chosen (the first on a tie).
std::vector<weighted_point> farthest_first(const std::vector<weighted_point>& points, std::size_t k,
                                           std::vector<weighted_point> given = {});

// Lloyd's algorithm on weighted points from `centres`: each point to its nearest centre (the first
// on a tie), each centre to its members' weighted mean (a centre with none stays put), until no
// point moves or `rounds` rounds are done. `cluster` gets each point's centre; coming in with one
// entry per point, it is a guess of it that speeds the first assignment up (the answer is the
// same whatever the guess).
void lloyd(const std::vector<weighted_point>& points, std::vector<weighted_point>& centres,
           std::vector<std::uint32_t>& cluster, std::size_t rounds);

// k-means from farthest-first centres, at most 100 rounds; each point's cluster in [0, k). Needs
// 1 <= k <= distinct_points(points).
std::vector<std::uint32_t> kmeans(const std::vector<weighted_point>& points, std::size_t k);

// Mean silhouette, each point standing for `weight` coincident points: s = (b - a) / max(a, b),
// a the mean distance to its own cluster, b to the nearest other; 0 for a point alone.
double silhouette(const std::vector<weighted_point>& points, const std::vector<std::uint32_t>& cluster, std::size_t k);

// pol.is's first stage: above `most` points, k-means into `most` base clusters (empty ones
// dropped), each then one point at its members' mean weighted by their number; otherwise every
// point is its own base cluster. A cold start runs k-means from farthest-first centres (at most 100
// rounds); given the previous update's base centres it starts from them (topped up farthest-first)
// and runs at most `warm_rounds`: one more rating moves the points little, so a few rounds settle.
// Warm, `out.cluster` may come in with each point's base cluster in the previous update (a guess).
struct base_clustering {
  std::vector<weighted_point> centres;
  std::vector<std::uint32_t> of;  // each input point's base cluster
  // Buffers reused from one update to the next: the points weighted, and k-means' clusters.
  std::vector<weighted_point> weighted;
  std::vector<std::uint32_t> cluster;
};
void base_clusters(const std::vector<point2>& points, std::size_t most, const std::vector<weighted_point>& previous,
                   std::size_t warm_rounds, base_clustering& out);

// Labels for new clusters (`cluster`: each item's, in [0, count)), from each item's `previous`
// label (no_label for none): the pairs (cluster, previous label) with the greatest overlap of
// members are matched first (ties: smaller label, then earlier cluster); a cluster left unmatched
// takes the smallest label no cluster holds.
constexpr group_label no_label = UINT32_MAX;
std::vector<group_label> match_labels(const std::vector<std::uint32_t>& cluster, std::size_t count,
                                      const std::vector<group_label>& previous);

}  // namespace tribune::engine::opinion
