// The opinion map's updates: the matrix from the ratings, the plane by warm-started power
// iteration, the groups by k-means with k held steady and labels carried over.
#include <algorithm>

#include "engine/opinion/analysis.hpp"
#include "engine/opinion/clusters.hpp"
#include "engine/opinion/opinion.hpp"

namespace tribune::engine::opinion {
namespace {

// The rows and columns: participants who rated enough arguments still in, and what they rated.
analysis gather(const std::map<participant_id, std::map<argument_id, double>>& votes,
                const std::set<argument_id>& excluded, std::size_t min_ratings) {
  analysis a;
  std::set<argument_id> columns;
  for (const auto& [p, row] : votes) {
    std::size_t n = 0;
    for (const auto& cell : row) n += excluded.count(cell.first) == 0 ? 1 : 0;
    if (n == 0 || n < min_ratings) continue;
    a.participants.push_back(p);
    for (const auto& cell : row) {
      if (excluded.count(cell.first) == 0) columns.insert(cell.first);
    }
  }
  a.arguments.assign(columns.begin(), columns.end());
  return a;
}

// The raw cells, then the centred ones: a rating minus its column's mean; 0 where unseen.
void fill(analysis& a, const std::map<participant_id, std::map<argument_id, double>>& votes) {
  auto& m = a.matrix;
  m.rows = a.participants.size();
  m.cols = a.arguments.size();
  a.raw.assign(m.rows * m.cols, not_rated);
  m.cells.assign(m.rows * m.cols, 0.0);
  m.rated.assign(m.rows, 0);
  std::vector<double> sum(m.cols, 0.0);
  std::vector<double> count(m.cols, 0.0);
  for (std::size_t r = 0; r < m.rows; ++r) {
    for (const auto& [argument, value] : votes.at(a.participants[r])) {
      const auto it = std::lower_bound(a.arguments.begin(), a.arguments.end(), argument);
      if (it == a.arguments.end() || *it != argument) continue;  // excluded
      const auto j = static_cast<std::size_t>(it - a.arguments.begin());
      a.raw[r * m.cols + j] = static_cast<std::int8_t>(value);
      sum[j] += value;
      count[j] += 1.0;
      ++m.rated[r];
    }
  }
  for (std::size_t i = 0; i < a.raw.size(); ++i) {
    const std::size_t j = i % m.cols;
    if (a.raw[i] != not_rated) m.cells[i] = static_cast<double>(a.raw[i]) - sum[j] / count[j];
  }
}

std::vector<double> loadings_for(const std::vector<argument_id>& columns, const std::map<argument_id, double>& kept) {
  std::vector<double> v(columns.size(), 0.0);
  for (std::size_t j = 0; j < columns.size(); ++j) {
    if (auto it = kept.find(columns[j]); it != kept.end()) v[j] = it->second;
  }
  return v;
}

std::map<argument_id, double> loadings_of(const std::vector<argument_id>& columns, const std::vector<double>& v) {
  std::map<argument_id, double> kept;
  for (std::size_t j = 0; j < columns.size(); ++j) kept.emplace(columns[j], v[j]);
  return kept;
}

// Clusters as lists of participants, empty ones left out.
std::vector<std::vector<participant_id>> members_of(const analysis& a, const base_clustering& base,
                                                    const std::vector<std::size_t>& cluster, std::size_t k) {
  std::vector<std::vector<participant_id>> members(k);
  for (std::size_t i = 0; i < a.participants.size(); ++i) members[cluster[base.of[i]]].push_back(a.participants[i]);
  members.erase(std::remove_if(members.begin(), members.end(), [](const auto& m) { return m.empty(); }), members.end());
  return members;
}

// The k with the best silhouette in [min_k, max_k], the smaller on a tie, and its clustering.
std::pair<std::size_t, std::vector<std::size_t>> best_k(const std::vector<weighted_point>& points, std::size_t lo,
                                                        std::size_t hi) {
  std::pair<std::size_t, std::vector<std::size_t>> best{0, {}};
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
std::size_t settle_k(map::memory& memory, std::size_t winner, std::size_t patience) {
  if (memory.k == 0 || winner == memory.k) {
    memory.k = winner;
    memory.candidate = 0;
    memory.streak = 0;
    return memory.k;
  }
  memory.streak = winner == memory.candidate ? memory.streak + 1 : 1;
  memory.candidate = winner;
  if (memory.streak >= patience) {
    memory.k = winner;
    memory.candidate = 0;
    memory.streak = 0;
  }
  return memory.k;
}

}  // namespace

void map::rate(participant_id who, argument_id what, protocol::rating r) {
  if (dropped_.count(who) != 0) return;
  double value = 0.0;
  if (r == protocol::rating::agree) value = 1.0;
  if (r == protocol::rating::disagree) value = -1.0;
  votes_[who][what] = value;
}

void map::exclude_argument(argument_id a) { excluded_.insert(a); }

void map::drop_participant(participant_id p) {
  dropped_.insert(p);
  votes_.erase(p);
  for (auto& [question, upvoters] : upvotes_) upvoters.erase(p);
  memory_.labels.erase(p);
}

void map::upvote(participant_id who, question_id q) {
  if (dropped_.count(who) != 0) return;
  upvotes_[q].insert(who);
}

result map::publish() {
  auto a = gather(votes_, excluded_, params_.min_ratings);
  fill(a, votes_);
  const auto& columns = a.arguments;
  const std::size_t iterations = memory_.first.empty() ? params_.cold_iterations : params_.warm_iterations;
  const auto start1 = loadings_for(columns, memory_.first);
  const auto start2 = loadings_for(columns, memory_.second);
  auto first = power_component(a.matrix, start1, {}, iterations);
  fix_sign(first, start1);
  auto second = power_component(a.matrix, start2, first, iterations);
  fix_sign(second, start2);
  memory_.first = loadings_of(columns, first);
  memory_.second = loadings_of(columns, second);
  a.points = project(a.matrix, first, second);
  group(a);
  return assemble(a, upvotes_, params_);
}

void map::group(analysis& a) {
  a.labels.clear();
  a.k = 0;
  if (a.participants.empty()) {
    memory_.labels.clear();
    return;
  }
  const auto base = base_clusters(a.points, std::max<std::size_t>(params_.base_clusters, 1));
  const std::size_t distinct = distinct_points(base.centres);
  std::vector<std::size_t> cluster(base.centres.size(), 0);
  std::size_t k = 1;
  if (distinct >= 2) {
    const std::size_t hi = std::clamp<std::size_t>(params_.max_k, 2, distinct);
    const std::size_t lo = std::clamp<std::size_t>(params_.min_k, 2, hi);
    auto [winner, clustering] = best_k(base.centres, lo, hi);
    k = std::min(settle_k(memory_, winner, params_.k_patience), distinct);
    cluster = k == winner ? std::move(clustering) : kmeans(base.centres, k);
  }
  const auto members = members_of(a, base, cluster, k);
  const auto labels = match_labels(members, memory_.labels);
  memory_.labels.clear();
  for (std::size_t c = 0; c < members.size(); ++c) {
    for (auto p : members[c]) memory_.labels.emplace(p, labels[c]);
  }
  for (auto p : a.participants) a.labels.push_back(memory_.labels.at(p));
  a.k = members.size();
}

}  // namespace tribune::engine::opinion
