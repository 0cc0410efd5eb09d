// The opinion map's groups in one update: base clusters, k by silhouette held steady by
// hysteresis, and labels carried over from the previous update.
#include <algorithm>

#include "engine/opinion/analysis.hpp"

namespace tribune::engine::opinion {
namespace {

// The k with the best silhouette in [min_k, max_k], the smaller on a tie, and its clustering.
std::pair<std::size_t, std::vector<std::uint32_t>> best_k(const std::vector<weighted_point>& points, std::size_t lo,
                                                          std::size_t hi) {
  std::pair<std::size_t, std::vector<std::uint32_t>> best{0, {}};
  double best_score = 0.0;
  for (std::size_t k = lo; k <= hi; ++k) {
    auto cluster = kmeans(points, k);
    const double score = silhouette(points, cluster, k);
    if (best.first == 0 || score > best_score) {
      best = {k, std::move(cluster)};
      best_score = score;
    }
  }
  return best;
}

// Hysteresis: a new k is adopted once it has won `patience` updates in a row.
std::size_t settle_k(memory& kept, std::size_t winner, std::size_t patience) {
  if (kept.k == 0 || winner == kept.k) {
    kept.k = winner;
    kept.candidate = 0;
    kept.streak = 0;
    return kept.k;
  }
  kept.streak = winner == kept.candidate ? kept.streak + 1 : 1;
  kept.candidate = winner;
  if (kept.streak >= patience) {
    kept.k = winner;
    kept.candidate = 0;
    kept.streak = 0;
  }
  return kept.k;
}

}  // namespace

void form_groups(analysis& a, memory& kept, const parameters& params) {
  a.labels.clear();
  a.k = 0;
  if (a.rows.empty()) {
    kept.labels.clear();
    kept.base.clear();
    return;
  }
  const std::size_t most = std::max<std::size_t>(params.base_clusters, 1);
  if (!kept.base.empty()) {  // each row's base cluster last time: where Lloyd's first round looks first
    a.base.cluster.resize(a.rows.size());
    for (std::size_t r = 0; r < a.rows.size(); ++r) {
      a.base.cluster[r] = a.rows[r] < kept.base_of.size() ? kept.base_of[a.rows[r]] : 0;
    }
  }
  base_clusters(a.points, most, kept.base, warm_base_rounds, a.base);
  kept.base.clear();
  if (a.points.size() > most) {
    kept.base = a.base.centres;
    kept.base_of.resize(a.row_of.size());
    for (std::size_t r = 0; r < a.rows.size(); ++r) kept.base_of[a.rows[r]] = a.base.of[r];
  }
  const auto& centres = a.base.centres;
  const std::size_t distinct = distinct_points(centres);
  std::vector<std::uint32_t> cluster(centres.size(), 0);
  std::size_t k = 1;
  if (distinct >= 2) {
    const std::size_t hi = std::clamp<std::size_t>(params.max_k, 2, distinct);
    const std::size_t lo = std::clamp<std::size_t>(params.min_k, 2, hi);
    auto [winner, clustering] = best_k(centres, lo, hi);
    k = std::min(settle_k(kept, winner, params.k_patience), distinct);
    cluster = k == winner ? std::move(clustering) : kmeans(centres, k);
  }
  // Clusters numbered in order with the empty ones left out, then each row's, and its label before.
  std::vector<std::uint32_t> compact(k, 0);
  for (std::size_t r = 0; r < a.rows.size(); ++r) compact[cluster[a.base.of[r]]] = 1;
  std::uint32_t count = 0;
  for (auto& c : compact) c = c != 0 ? count++ : UINT32_MAX;
  auto& row_cluster = a.row_cluster;
  auto& previous = a.previous;
  row_cluster.resize(a.rows.size());
  previous.assign(a.rows.size(), no_label);
  for (std::size_t r = 0; r < a.rows.size(); ++r) {
    row_cluster[r] = compact[cluster[a.base.of[r]]];
    if (a.rows[r] < kept.labels.size()) previous[r] = kept.labels[a.rows[r]];
  }
  const auto labels = match_labels(row_cluster, count, previous);
  kept.labels.assign(a.row_of.size(), no_label);
  a.labels.resize(a.rows.size());
  for (std::size_t r = 0; r < a.rows.size(); ++r) {
    a.labels[r] = labels[row_cluster[r]];
    kept.labels[a.rows[r]] = a.labels[r];
  }
  a.k = count;
}

}  // namespace tribune::engine::opinion
