// The opinion map's plane and groups piece by piece: power iteration against known components, the
// sign rule, the sparsity-aware scaling, k-means, the silhouette, base clusters (cold and warm) and
// the label matching.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/opinion/clusters.hpp"
#include "engine/opinion/opinion.hpp"
#include "engine/opinion/pca.hpp"

namespace tribune::engine::opinion {
namespace {

// A sparse matrix from rows of (column, code) cells and each cell value's centred value.
centred_matrix sparse(std::size_t cols, const std::vector<std::vector<cell>>& rows,
                      const std::vector<std::pair<cell, double>>& values) {
  centred_matrix c;
  c.cols = cols;
  for (std::uint32_t j = 0; j < cols; ++j) c.columns.push_back(j);
  c.row_start.push_back(0);
  for (const auto& row : rows) {
    c.cells.insert(c.cells.end(), row.begin(), row.end());
    c.row_start.push_back(c.cells.size());
  }
  c.centred.assign(4 * cols, 0.0);
  for (const auto& [x, value] : values) c.centred[x] = value;
  c.count.assign(4 * cols, 0);
  for (const cell x : c.cells) ++c.count[x];
  return c;
}

constexpr cell agree(std::uint32_t j) { return cell_of(j, code_agree); }
constexpr cell disagree(std::uint32_t j) { return cell_of(j, code_disagree); }

// Rows (2, 0), (-2, 0), (0, 1), (0, -1): C'C = diag(8, 2), so the components are the two axes.
centred_matrix axes() {
  return sparse(2, {{agree(0)}, {disagree(0)}, {agree(1)}, {disagree(1)}},
                {{agree(0), 2}, {disagree(0), -2}, {agree(1), 1}, {disagree(1), -1}});
}

TEST(opinion_plane, given_a_known_matrix_when_power_iterating_then_the_components_are_its_axes) {
  const auto c = axes();
  auto first = power_component(c, {}, {}, 50);
  fix_sign(first, {}, c.columns);
  auto second = power_component(c, {}, first, 50);
  fix_sign(second, {}, c.columns);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_NEAR(first[0], 1.0, 1e-9);
  EXPECT_NEAR(first[1], 0.0, 1e-9);
  EXPECT_NEAR(second[0], 0.0, 1e-9);
  EXPECT_NEAR(second[1], 1.0, 1e-9);
}

TEST(opinion_plane, given_no_variance_when_power_iterating_then_the_component_is_zero) {
  const auto flat = sparse(2, {{agree(0), agree(1)}, {agree(0), agree(1)}, {agree(0), agree(1)}}, {});
  EXPECT_EQ(power_component(flat, {}, {}, 10), (std::vector<double>{0.0, 0.0}));
  // One column: nothing is left orthogonal to the first component.
  const auto line = sparse(1, {{agree(0)}, {disagree(0)}}, {{agree(0), 1}, {disagree(0), -1}});
  const auto first = power_component(line, {}, {}, 10);
  EXPECT_EQ(power_component(line, {}, first, 10), (std::vector<double>{0.0}));
}

TEST(opinion_plane, given_a_component_when_its_sign_is_fixed_then_it_follows_the_previous_or_the_largest_loading) {
  const std::vector<std::uint32_t> columns{0, 1};
  std::vector<double> v{0.6, -0.8};
  fix_sign(v, {}, columns);
  EXPECT_EQ(v, (std::vector<double>{-0.6, 0.8}));  // the largest loading made positive
  fix_sign(v, {1.0, 0.0}, columns);
  EXPECT_EQ(v, (std::vector<double>{0.6, -0.8}));  // agrees with the previous
  fix_sign(v, {1.0, 0.0}, columns);
  EXPECT_EQ(v, (std::vector<double>{0.6, -0.8}));  // and stays
}

TEST(opinion_plane, given_a_participant_who_rated_few_arguments_when_projected_then_the_sum_is_scaled_up) {
  // Row 0 rated one argument of four, row 1 all four: scales 2 and 1.
  const auto c = sparse(4, {{agree(0)}, {agree(0), agree(1), agree(2), agree(3)}},
                        {{agree(0), 1}, {agree(1), 1}, {agree(2), 1}, {agree(3), 1}});
  std::vector<point2> points;
  project(c, {1, 0, 0, 0}, {0, 1, 0, 0}, points);
  EXPECT_DOUBLE_EQ(points[0].x, 2.0);
  EXPECT_DOUBLE_EQ(points[0].y, 0.0);
  EXPECT_DOUBLE_EQ(points[1].x, 1.0);
  EXPECT_DOUBLE_EQ(points[1].y, 1.0);
}

TEST(opinion_plane, given_two_blobs_when_clustered_then_kmeans_splits_them_and_the_silhouette_is_high) {
  const std::vector<weighted_point> points{{0, 0, 1}, {0.1, 0, 1}, {0, 0.1, 2}, {5, 5, 1}, {5.1, 5, 1}};
  const auto two = kmeans(points, 2);
  EXPECT_EQ(two[0], two[1]);
  EXPECT_EQ(two[0], two[2]);
  EXPECT_EQ(two[3], two[4]);
  EXPECT_NE(two[0], two[3]);
  EXPECT_GT(silhouette(points, two, 2), 0.95);
  EXPECT_LT(silhouette(points, kmeans(points, 3), 3), silhouette(points, two, 2));
  EXPECT_EQ(distinct_points(points), 5u);
}

TEST(opinion_plane, given_many_points_when_base_clustered_then_each_base_cluster_weighs_its_members) {
  std::vector<point2> points(30);
  for (std::size_t i = 20; i < points.size(); ++i) points[i].x = 9.0;
  base_clustering base;
  base_clusters(points, 4, {}, 10, base);
  double total = 0;
  for (const auto& c : base.centres) total += c.weight;
  EXPECT_DOUBLE_EQ(total, 30.0);
  EXPECT_EQ(base.centres.size(), 2u);  // only two distinct points
  EXPECT_DOUBLE_EQ(base.centres[base.of[0]].weight, 20.0);
  EXPECT_NE(base.of[0], base.of[29]);
}

TEST(opinion_plane, given_previous_groups_when_new_clusters_come_in_another_order_then_they_keep_their_labels) {
  // Participants 1..7 were labelled 0, 0, 1, 1, 3 and nothing (6 and 7 are new). Now 3, 4 and 1
  // form cluster 0 (two of label 1), 2 alone cluster 1 (label 0), 6 and 7 cluster 2: the smallest
  // free label, 2. Participant 5 is not counted any more.
  const std::vector<std::uint32_t> cluster{0, 1, 0, 0, 2, 2};  // participants 1, 2, 3, 4, 6, 7
  const std::vector<group_label> previous{0, 0, 1, 1, no_label, no_label};
  const auto labels = match_labels(cluster, 3, previous);
  EXPECT_EQ(labels, (std::vector<group_label>{1, 0, 2}));
}

TEST(opinion_plane, given_previous_centres_when_base_clustered_warm_then_they_start_the_rounds) {
  // Two blobs; the previous centres sit near them in the other order, so cluster 0 is the far blob.
  std::vector<point2> points(40);
  for (std::size_t i = 20; i < points.size(); ++i) points[i] = {9.0 + 0.01 * static_cast<double>(i % 3), 1.0};
  for (std::size_t i = 0; i < 20; ++i) points[i] = {0.01 * static_cast<double>(i % 4), 0.0};
  base_clustering base;
  base_clusters(points, 2, {{8.0, 1.0, 20}, {0.5, 0.0, 20}}, 10, base);
  ASSERT_EQ(base.centres.size(), 2u);
  EXPECT_EQ(base.of[0], 0u);  // numbered by first member, whatever the starting centres
  EXPECT_EQ(base.of[39], 1u);
  EXPECT_DOUBLE_EQ(base.centres[0].weight, 20.0);
  EXPECT_NEAR(base.centres[1].x, 9.01, 1e-12);
  // Farthest-first tops the given centres up to k, and keeps at most k of them.
  const std::vector<weighted_point> line{{0, 0, 1}, {1, 0, 1}, {5, 0, 1}};
  const auto three = farthest_first(line, 3, {{1, 0, 1}});
  ASSERT_EQ(three.size(), 3u);
  EXPECT_DOUBLE_EQ(three[1].x, 5.0);
  EXPECT_DOUBLE_EQ(three[2].x, 0.0);
  EXPECT_EQ(farthest_first(line, 1, {{1, 0, 1}, {5, 0, 1}}).size(), 1u);
}

TEST(opinion_plane, given_a_growing_room_when_published_after_each_arrival_then_the_map_does_not_flip) {
  map m({.min_ratings = 4, .min_group_size = 1});
  double first_x = 0;
  for (participant_id p = 1; p <= 20; ++p) {
    for (argument_id x = 1; x <= 6; ++x) {
      const bool agree = (p % 2 == 0) == (x <= 3) || (p + x) % 7 == 0;
      m.rate(p, x, agree ? protocol::rating::agree : protocol::rating::disagree);
    }
    const auto r = m.publish();
    if (p < 2) continue;
    ASSERT_FALSE(r.positions.empty());
    if (first_x == 0) first_x = r.positions[0].x;
    EXPECT_GT(r.positions[0].x * first_x, 0.0) << "after participant " << p;
  }
}

}  // namespace
}  // namespace tribune::engine::opinion
