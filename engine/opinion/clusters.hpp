#pragma once
// The opinion map's groups: weighted k-means on the plane from deterministic starting centres,
// base clusters for large rooms, the silhouette that chooses k, and stable group labels.
#include <cstddef>
#include <map>
#include <vector>

#include "engine/opinion/opinion.hpp"
#include "engine/opinion/pca.hpp"

namespace tribune::engine::opinion {

struct weighted_point {
  double x = 0;
  double y = 0;
  double weight = 1;
};

// How many different points there are (exact coordinates).
std::size_t distinct_points(const std::vector<weighted_point>& points);

// Lloyd's algorithm on weighted points; each point's cluster in [0, k). Starts farthest-first: the
// point farthest from the weighted centroid, then each time the point farthest from the centres
// chosen (the first on a tie). Needs 1 <= k <= distinct_points(points).
std::vector<std::size_t> kmeans(const std::vector<weighted_point>& points, std::size_t k);

// Mean silhouette, each point standing for `weight` coincident points: s = (b - a) / max(a, b),
// a the mean distance to its own cluster, b to the nearest other; 0 for a point alone.
double silhouette(const std::vector<weighted_point>& points, const std::vector<std::size_t>& cluster, std::size_t k);

// pol.is's first stage: above `most` points, k-means into `most` base clusters, each then one point
// weighted by its size; otherwise every point is its own base cluster.
struct base_clustering {
  std::vector<weighted_point> centres;
  std::vector<std::size_t> of;  // each input point's base cluster
};
base_clustering base_clusters(const std::vector<point2>& points, std::size_t most);

// Labels for new clusters (participants, sorted): the pairs (cluster, previous label) with the
// greatest overlap of members are matched first; a cluster left unmatched takes the smallest label
// no cluster holds.
std::vector<group_label> match_labels(const std::vector<std::vector<participant_id>>& clusters,
                                      const std::map<participant_id, group_label>& previous);

}  // namespace tribune::engine::opinion
