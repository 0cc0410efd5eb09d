// The opinion map's plane and groups piece by piece: power iteration against known components, the
// sign rule, the sparsity-aware scaling, k-means, the silhouette and the label matching.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/opinion/clusters.hpp"
#include "engine/opinion/opinion.hpp"
#include "engine/opinion/pca.hpp"

namespace tribune::engine::opinion {
namespace {

// Rows (2, 0), (-2, 0), (0, 1), (0, -1): C'C = diag(8, 2), so the components are the two axes.
centred_matrix axes() { return {4, 2, {2, 0, -2, 0, 0, 1, 0, -1}, {2, 2, 2, 2}}; }

TEST(opinion_plane, given_a_known_matrix_when_power_iterating_then_the_components_are_its_axes) {
  const auto c = axes();
  auto first = power_component(c, {}, {}, 50);
  fix_sign(first, {});
  auto second = power_component(c, {}, first, 50);
  fix_sign(second, {});
  ASSERT_EQ(first.size(), 2u);
  EXPECT_NEAR(first[0], 1.0, 1e-9);
  EXPECT_NEAR(first[1], 0.0, 1e-9);
  EXPECT_NEAR(second[0], 0.0, 1e-9);
  EXPECT_NEAR(second[1], 1.0, 1e-9);
}

TEST(opinion_plane, given_no_variance_when_power_iterating_then_the_component_is_zero) {
  const centred_matrix flat{3, 2, std::vector<double>(6, 0.0), {2, 2, 2}};
  EXPECT_EQ(power_component(flat, {}, {}, 10), (std::vector<double>{0.0, 0.0}));
  // One column: nothing is left orthogonal to the first component.
  const centred_matrix line{2, 1, {1, -1}, {1, 1}};
  const auto first = power_component(line, {}, {}, 10);
  EXPECT_EQ(power_component(line, {}, first, 10), (std::vector<double>{0.0}));
}

TEST(opinion_plane, given_a_component_when_its_sign_is_fixed_then_it_follows_the_previous_or_the_largest_loading) {
  std::vector<double> v{0.6, -0.8};
  fix_sign(v, {});
  EXPECT_EQ(v, (std::vector<double>{-0.6, 0.8}));  // the largest loading made positive
  fix_sign(v, {1.0, 0.0});
  EXPECT_EQ(v, (std::vector<double>{0.6, -0.8}));  // agrees with the previous
  fix_sign(v, {1.0, 0.0});
  EXPECT_EQ(v, (std::vector<double>{0.6, -0.8}));  // and stays
}

TEST(opinion_plane, given_a_participant_who_rated_few_arguments_when_projected_then_the_sum_is_scaled_up) {
  // Row 0 rated one argument of four, row 1 all four: scales 2 and 1.
  const centred_matrix c{2, 4, {1, 0, 0, 0, 1, 1, 1, 1}, {1, 4}};
  const auto points = project(c, {1, 0, 0, 0}, {0, 1, 0, 0});
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
  const auto base = base_clusters(points, 4);
  double total = 0;
  for (const auto& c : base.centres) total += c.weight;
  EXPECT_DOUBLE_EQ(total, 30.0);
  EXPECT_EQ(base.centres.size(), 2u);  // only two distinct points
  EXPECT_DOUBLE_EQ(base.centres[base.of[0]].weight, 20.0);
  EXPECT_NE(base.of[0], base.of[29]);
}

TEST(opinion_plane, given_previous_groups_when_new_clusters_come_in_another_order_then_they_keep_their_labels) {
  const std::map<participant_id, group_label> previous{{1, 0}, {2, 0}, {3, 1}, {4, 1}, {5, 3}};
  // 3 and 4 (label 1) now first; 1 and 2 (label 0) second; 6 and 7 are new: the smallest free label, 2.
  const auto labels = match_labels({{3, 4, 1}, {2}, {6, 7}}, previous);
  EXPECT_EQ(labels, (std::vector<group_label>{1, 0, 2}));
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
