// The opinion map's clustering; clusters.hpp gives the method.
#include "engine/opinion/clusters.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace tribune::engine::opinion {
namespace {

double squared_distance(const weighted_point& a, const weighted_point& b) {
  const double dx = a.x - b.x;
  const double dy = a.y - b.y;
  return dx * dx + dy * dy;
}

// The index in [0, n) with the greatest `score`, the first on a tie; n > 0.
template <class Score>
std::size_t argmax_point(std::size_t n, Score score) {
  std::size_t best = 0;
  double best_score = score(0);
  for (std::size_t i = 1; i < n; ++i) {
    const double s = score(i);
    if (s > best_score) {
      best = i;
      best_score = s;
    }
  }
  return best;
}

std::vector<weighted_point> farthest_first(const std::vector<weighted_point>& points, std::size_t k) {
  weighted_point centroid{0, 0, 0};
  for (const auto& p : points) {
    centroid.x += p.x * p.weight;
    centroid.y += p.y * p.weight;
    centroid.weight += p.weight;
  }
  centroid.x /= centroid.weight;
  centroid.y /= centroid.weight;
  std::vector<weighted_point> centres;
  centres.push_back(
      points[argmax_point(points.size(), [&](std::size_t i) { return squared_distance(points[i], centroid); })]);
  while (centres.size() < k) {
    centres.push_back(points[argmax_point(points.size(), [&](std::size_t i) {
      double nearest = squared_distance(points[i], centres[0]);
      for (const auto& c : centres) nearest = std::min(nearest, squared_distance(points[i], c));
      return nearest;
    })]);
  }
  return centres;
}

// Each point to its nearest centre (the first on a tie); whether any point moved.
bool assign_nearest(const std::vector<weighted_point>& points, const std::vector<weighted_point>& centres,
                    std::vector<std::size_t>& cluster) {
  bool moved = false;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::size_t nearest =
        argmax_point(centres.size(), [&](std::size_t c) { return -squared_distance(points[i], centres[c]); });
    moved = moved || nearest != cluster[i];
    cluster[i] = nearest;
  }
  return moved;
}

// Each centre to its members' weighted mean; a centre left with no member stays where it was.
void recentre(const std::vector<weighted_point>& points, const std::vector<std::size_t>& cluster,
              std::vector<weighted_point>& centres) {
  std::vector<weighted_point> sums(centres.size(), weighted_point{0, 0, 0});
  for (std::size_t i = 0; i < points.size(); ++i) {
    auto& s = sums[cluster[i]];
    s.x += points[i].x * points[i].weight;
    s.y += points[i].y * points[i].weight;
    s.weight += points[i].weight;
  }
  for (std::size_t c = 0; c < centres.size(); ++c) {
    if (sums[c].weight > 0) centres[c] = {sums[c].x / sums[c].weight, sums[c].y / sums[c].weight, 1};
  }
}

}  // namespace

std::size_t distinct_points(const std::vector<weighted_point>& points) {
  std::set<std::pair<double, double>> seen;
  for (const auto& p : points) seen.emplace(p.x, p.y);
  return seen.size();
}

std::vector<std::size_t> kmeans(const std::vector<weighted_point>& points, std::size_t k) {
  std::vector<std::size_t> cluster(points.size(), 0);
  if (points.empty() || k <= 1) return cluster;
  auto centres = farthest_first(points, k);
  assign_nearest(points, centres, cluster);
  for (int round = 0; round < 100; ++round) {
    recentre(points, cluster, centres);
    if (!assign_nearest(points, centres, cluster)) break;
  }
  return cluster;
}

double silhouette(const std::vector<weighted_point>& points, const std::vector<std::size_t>& cluster, std::size_t k) {
  std::vector<double> size(k, 0.0);
  for (std::size_t i = 0; i < points.size(); ++i) size[cluster[i]] += points[i].weight;
  double total = 0.0;
  double weight = 0.0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    std::vector<double> sum(k, 0.0);  // weighted distances to each cluster
    for (std::size_t j = 0; j < points.size(); ++j) {
      if (j != i) sum[cluster[j]] += points[j].weight * std::sqrt(squared_distance(points[i], points[j]));
    }
    weight += points[i].weight;
    const std::size_t own = cluster[i];
    if (size[own] <= 1.0) continue;                 // alone in its cluster: 0
    const double a = sum[own] / (size[own] - 1.0);  // its own coincident copies are at distance 0
    double b = -1.0;
    for (std::size_t c = 0; c < k; ++c) {
      if (c != own && size[c] > 0.0 && (b < 0.0 || sum[c] / size[c] < b)) b = sum[c] / size[c];
    }
    if (b < 0.0 || std::max(a, b) <= 0.0) continue;
    total += points[i].weight * (b - a) / std::max(a, b);
  }
  return weight > 0.0 ? total / weight : 0.0;
}

base_clustering base_clusters(const std::vector<point2>& points, std::size_t most) {
  base_clustering out;
  std::vector<weighted_point> weighted;
  weighted.reserve(points.size());
  for (const auto& p : points) weighted.push_back({p.x, p.y, 1.0});
  if (points.size() <= most) {
    out.centres = weighted;
    for (std::size_t i = 0; i < points.size(); ++i) out.of.push_back(i);
    return out;
  }
  const auto cluster = kmeans(weighted, std::min(most, distinct_points(weighted)));
  std::vector<std::size_t> index(points.size(), points.size());  // kmeans cluster -> base cluster
  std::vector<weighted_point> sums;
  for (std::size_t i = 0; i < points.size(); ++i) {
    auto& b = index[cluster[i]];
    if (b == points.size()) {
      b = sums.size();
      sums.push_back({0, 0, 0});
    }
    sums[b].x += points[i].x;
    sums[b].y += points[i].y;
    sums[b].weight += 1.0;
    out.of.push_back(b);
  }
  for (auto& s : sums) out.centres.push_back({s.x / s.weight, s.y / s.weight, s.weight});
  return out;
}

std::vector<group_label> match_labels(const std::vector<std::vector<participant_id>>& clusters,
                                      const std::map<participant_id, group_label>& previous) {
  std::vector<std::tuple<std::size_t, group_label, std::size_t>> pairs;  // overlap, label, cluster
  for (std::size_t c = 0; c < clusters.size(); ++c) {
    std::map<group_label, std::size_t> overlap;
    for (auto p : clusters[c]) {
      if (auto it = previous.find(p); it != previous.end()) ++overlap[it->second];
    }
    for (auto [label, n] : overlap) pairs.emplace_back(n, label, c);
  }
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
    return std::make_pair(std::get<1>(a), std::get<2>(a)) < std::make_pair(std::get<1>(b), std::get<2>(b));
  });
  std::vector<group_label> labels(clusters.size());
  std::vector<bool> labelled(clusters.size(), false);
  std::set<group_label> taken;
  for (auto [n, label, c] : pairs) {
    if (labelled[c] || taken.count(label) != 0) continue;
    labels[c] = label;
    labelled[c] = true;
    taken.insert(label);
  }
  for (std::size_t c = 0; c < clusters.size(); ++c) {
    if (labelled[c]) continue;
    group_label fresh = 0;
    while (taken.count(fresh) != 0) ++fresh;
    labels[c] = fresh;
    taken.insert(fresh);
  }
  return labels;
}

}  // namespace tribune::engine::opinion
