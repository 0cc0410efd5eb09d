// The opinion map's clustering; clusters.hpp gives the method.
#include "engine/opinion/clusters.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

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

struct point_hash {
  std::size_t operator()(const std::pair<double, double>& p) const {
    const std::hash<double> h;  // equal for 0.0 and -0.0, which compare equal
    return h(p.first) * 31 + h(p.second);
  }
};

// Each point to its nearest centre (the first on a tie); whether any point moved. The centres are
// sorted by x, and the search runs outward from the point's x, starting from the distance to its
// current centre, and stops on each side once the gap in x alone exceeds the best distance: what
// lies beyond is strictly farther, so the answer is the same as trying every centre.
bool assign_nearest(const std::vector<weighted_point>& points, const std::vector<weighted_point>& centres,
                    std::vector<std::uint32_t>& cluster) {
  const auto k = static_cast<std::uint32_t>(centres.size());
  std::vector<std::uint32_t> order(k);
  for (std::uint32_t c = 0; c < k; ++c) order[c] = c;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return centres[a].x != centres[b].x ? centres[a].x < centres[b].x : a < b;
  });
  std::vector<double> cx(k);
  std::vector<double> cy(k);
  for (std::uint32_t q = 0; q < k; ++q) {
    cx[q] = centres[order[q]].x;
    cy[q] = centres[order[q]].y;
  }
  // A point closer to its centre than half the distance from that centre to any other is nearest
  // to it, strictly (triangle inequality): no search. The margin keeps rounding from deciding.
  std::vector<double> alone(k, 0.0);  // per centre: (half the distance to the nearest other)^2
  for (std::uint32_t a = 0; a < k; ++a) {
    double closest = -1.0;
    for (std::uint32_t b = 0; b < k; ++b) {
      const double d = squared_distance(centres[a], centres[b]);
      if (b != a && (closest < 0.0 || d < closest)) closest = d;
    }
    alone[a] = closest * 0.25 * (1.0 - 1e-9);
  }
  bool moved = false;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double x = points[i].x;
    const double y = points[i].y;
    std::uint32_t nearest = cluster[i] < k ? cluster[i] : 0;
    const weighted_point& start = centres[nearest];
    double best = (x - start.x) * (x - start.x) + (y - start.y) * (y - start.y);
    if (best < alone[nearest]) {
      moved = moved || nearest != cluster[i];
      cluster[i] = nearest;
      continue;
    }
    const auto consider = [&](std::uint32_t q) {
      const double dx = x - cx[q];
      if (dx * dx > best) return false;  // this one and every one beyond it on this side
      const double d = dx * dx + (y - cy[q]) * (y - cy[q]);
      if (d < best || (d == best && order[q] < nearest)) {
        best = d;
        nearest = order[q];
      }
      return true;
    };
    const auto from = static_cast<std::uint32_t>(std::lower_bound(cx.begin(), cx.end(), x) - cx.begin());
    for (std::uint32_t q = from; q < k && consider(q); ++q) {
    }
    for (std::uint32_t q = from; q > 0 && consider(q - 1); --q) {
    }
    moved = moved || nearest != cluster[i];
    cluster[i] = nearest;
  }
  return moved;
}

// Each centre to its members' weighted mean; a centre left with no member stays where it was.
void recentre(const std::vector<weighted_point>& points, const std::vector<std::uint32_t>& cluster,
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

std::size_t distinct_points(const std::vector<weighted_point>& points, std::size_t at_most) {
  std::unordered_set<std::pair<double, double>, point_hash> seen;
  for (const auto& p : points) {
    if (seen.size() >= at_most) break;
    seen.emplace(p.x, p.y);
  }
  return seen.size();
}

// The distance from each point to its nearest centre is kept and lowered as each centre is added:
// O(points * k) in all.
std::vector<weighted_point> farthest_first(const std::vector<weighted_point>& points, std::size_t k,
                                           std::vector<weighted_point> given) {
  if (given.size() > k) given.resize(k);
  auto centres = std::move(given);
  if (points.empty()) return centres;
  if (centres.empty() && k > 0) {
    weighted_point centroid{0, 0, 0};
    for (const auto& p : points) {
      centroid.x += p.x * p.weight;
      centroid.y += p.y * p.weight;
      centroid.weight += p.weight;
    }
    centroid.x /= centroid.weight;
    centroid.y /= centroid.weight;
    centres.push_back(
        points[argmax_point(points.size(), [&](std::size_t i) { return squared_distance(points[i], centroid); })]);
  }
  if (centres.size() >= k) return centres;
  std::vector<double> nearest(points.size(), 0.0);
  for (std::size_t i = 0; i < points.size(); ++i) {
    nearest[i] = squared_distance(points[i], centres[0]);
    for (const auto& c : centres) nearest[i] = std::min(nearest[i], squared_distance(points[i], c));
  }
  while (centres.size() < k) {
    centres.push_back(points[argmax_point(points.size(), [&](std::size_t i) { return nearest[i]; })]);
    for (std::size_t i = 0; i < points.size(); ++i) {
      nearest[i] = std::min(nearest[i], squared_distance(points[i], centres.back()));
    }
  }
  return centres;
}

void lloyd(const std::vector<weighted_point>& points, std::vector<weighted_point>& centres,
           std::vector<std::uint32_t>& cluster, std::size_t rounds) {
  if (cluster.size() != points.size() || centres.size() <= 1) cluster.assign(points.size(), 0);
  if (points.empty() || centres.size() <= 1) return;
  assign_nearest(points, centres, cluster);
  for (std::size_t round = 0; round < rounds; ++round) {
    recentre(points, cluster, centres);
    if (!assign_nearest(points, centres, cluster)) break;
  }
}

std::vector<std::uint32_t> kmeans(const std::vector<weighted_point>& points, std::size_t k) {
  std::vector<std::uint32_t> cluster(points.size(), 0);
  if (points.empty() || k <= 1) return cluster;
  auto centres = farthest_first(points, k);
  lloyd(points, centres, cluster, 100);
  return cluster;
}

double silhouette(const std::vector<weighted_point>& points, const std::vector<std::uint32_t>& cluster, std::size_t k) {
  std::vector<double> size(k, 0.0);
  for (std::size_t i = 0; i < points.size(); ++i) size[cluster[i]] += points[i].weight;
  double total = 0.0;
  double weight = 0.0;
  std::vector<double> sum(k, 0.0);  // weighted distances to each cluster
  for (std::size_t i = 0; i < points.size(); ++i) {
    std::fill(sum.begin(), sum.end(), 0.0);
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

void base_clusters(const std::vector<point2>& points, std::size_t most, const std::vector<weighted_point>& previous,
                   std::size_t warm_rounds, base_clustering& out) {
  auto& weighted = out.weighted;
  weighted.resize(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) weighted[i] = {points[i].x, points[i].y, 1.0};
  out.of.resize(points.size());
  if (points.size() <= most) {
    out.centres = weighted;
    for (std::size_t i = 0; i < points.size(); ++i) out.of[i] = static_cast<std::uint32_t>(i);
    return;
  }
  const std::size_t k = distinct_points(weighted, most);
  if (previous.empty()) out.cluster.assign(points.size(), 0);
  auto centres = farthest_first(weighted, k, previous);
  lloyd(weighted, centres, out.cluster, previous.empty() ? 100 : warm_rounds);
  // Base clusters numbered in the order their first member comes; empty ones left out.
  std::vector<std::uint32_t> index(centres.size(), UINT32_MAX);  // k-means cluster -> base cluster
  std::vector<weighted_point> sums;
  for (std::size_t i = 0; i < points.size(); ++i) {
    auto& b = index[out.cluster[i]];
    if (b == UINT32_MAX) {
      b = static_cast<std::uint32_t>(sums.size());
      sums.push_back({0, 0, 0});
    }
    sums[b].x += points[i].x;
    sums[b].y += points[i].y;
    sums[b].weight += 1.0;
    out.of[i] = b;
  }
  out.centres.clear();
  for (auto& s : sums) out.centres.push_back({s.x / s.weight, s.y / s.weight, s.weight});
}

std::vector<group_label> match_labels(const std::vector<std::uint32_t>& cluster, std::size_t count,
                                      const std::vector<group_label>& previous) {
  std::map<std::pair<group_label, std::size_t>, std::size_t> overlap;  // (label, cluster) -> members
  for (std::size_t i = 0; i < cluster.size(); ++i) {
    if (previous[i] != no_label) ++overlap[{previous[i], cluster[i]}];
  }
  std::vector<std::tuple<std::size_t, group_label, std::size_t>> pairs;  // overlap, label, cluster
  pairs.reserve(overlap.size());
  for (const auto& [key, n] : overlap) pairs.emplace_back(n, key.first, key.second);
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
    return std::make_pair(std::get<1>(a), std::get<2>(a)) < std::make_pair(std::get<1>(b), std::get<2>(b));
  });
  std::vector<group_label> labels(count);
  std::vector<bool> labelled(count, false);
  std::set<group_label> taken;
  for (auto [n, label, c] : pairs) {
    if (labelled[c] || taken.count(label) != 0) continue;
    labels[c] = label;
    labelled[c] = true;
    taken.insert(label);
  }
  for (std::size_t c = 0; c < count; ++c) {
    if (labelled[c]) continue;
    group_label fresh = 0;
    while (taken.count(fresh) != 0) ++fresh;
    labels[c] = fresh;
    taken.insert(fresh);
  }
  return labels;
}

}  // namespace tribune::engine::opinion
