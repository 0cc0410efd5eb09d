// The opinion map on small rooms worked by hand: the statistics on counts, a two-group room, and
// each edge case's defined result.
#include "engine/opinion/opinion.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "engine/opinion/stats.hpp"

namespace tribune::engine::opinion {
namespace {

using protocol::rating;

// Every number a result holds is finite.
void expect_finite(const result& r) {
  for (const auto& p : r.positions) EXPECT_TRUE(std::isfinite(p.x) && std::isfinite(p.y));
  for (const auto& g : r.groups) {
    for (const auto& x : g.representatives) EXPECT_TRUE(std::isfinite(x.ra) && std::isfinite(x.z));
  }
  for (const auto& a : r.arguments) {
    EXPECT_TRUE(std::isfinite(a.consensus) && std::isfinite(a.divisiveness));
    for (double p : a.agree) EXPECT_TRUE(std::isfinite(p));
  }
  for (const auto& q : r.questions) EXPECT_TRUE(std::isfinite(q.bridging));
}

const group& group_of(const result& r, participant_id p) {
  for (const auto& pos : r.positions) {
    if (pos.participant != p) continue;
    for (const auto& g : r.groups) {
      if (g.label == pos.group) return g;
    }
  }
  throw std::out_of_range("no published group");
}

std::size_t slot_of(const result& r, const group& g) { return static_cast<std::size_t>(&g - r.groups.data()); }

TEST(opinion_stats, given_counts_when_smoothed_then_a_beta_one_one_prior_is_added) {
  EXPECT_DOUBLE_EQ(smoothed_agree(0, 0), 0.5);
  EXPECT_DOUBLE_EQ(smoothed_agree(3, 3), 0.8);
  EXPECT_DOUBLE_EQ(smoothed_agree(0, 2), 0.25);
}

TEST(opinion_stats, given_group_probabilities_when_combined_then_consensus_is_the_product_and_divisiveness_the_spread) {
  EXPECT_DOUBLE_EQ(consensus({0.8, 0.25}), 0.2);
  EXPECT_DOUBLE_EQ(consensus({}), 1.0);
  EXPECT_DOUBLE_EQ(divisiveness({0.8, 0.25, 0.5}), 0.55);
  EXPECT_DOUBLE_EQ(divisiveness({0.8}), 0.0);
}

// 3 of 3 agree inside, 0 of 3 outside: p1 = 4/4, p2 = 1/4, pooled = 5/8,
// z = 0.75 / sqrt(5/8 * 3/8 * (1/4 + 1/4)) = sqrt(4.8) = 2.19089.
TEST(opinion_stats, given_two_proportions_when_tested_then_z_follows_the_pseudo_counted_formula) {
  EXPECT_NEAR(two_proportion_z(3, 3, 0, 3), std::sqrt(4.8), 1e-12);
  EXPECT_NEAR(two_proportion_z(0, 3, 3, 3), -std::sqrt(4.8), 1e-12);
  EXPECT_DOUBLE_EQ(two_proportion_z(2, 2, 5, 5), 0.0);  // everyone agrees: no difference to test
}

TEST(opinion_stats, given_group_shares_when_bridging_then_the_coldest_group_decides) {
  EXPECT_DOUBLE_EQ(bridging({1.0, 2.0 / 3.0}), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(bridging({1.0, 0.0}), 0.0);
  EXPECT_DOUBLE_EQ(bridging({}), 0.0);
}

// Camp A (1, 2, 3) agrees with arguments 1 and 2 and disagrees with 3 and 4; camp B (4, 5, 6) the
// opposite, except that 5 passes on 2 and 6 never saw 1. By hand:
//   argument 1: A 4/5 = 0.8, B (0+1)/(2+2) = 0.25; consensus 0.2, divisiveness 0.55
//   argument 2: A 0.8, B (0+1)/(3+2) = 0.2 (a pass counts as a rating); consensus 0.16
//   A's repness on 2: ra = 0.8 / 0.2 = 4, z = sqrt(4.8) = 2.19089
//   A's repness on 1: ra = 0.8 / 0.25 = 3.2, z = (1 - 1/3) / sqrt(5/7 * 2/7 * (1/4 + 1/3)) = 1.93218
//   question 10 (1..5 upvote): shares A 3/3, B 2/3, bridging 2/3; question 11 (1, 2): bridging 0
map two_camps() {
  map m({.min_ratings = 3, .min_group_size = 3});
  m.rate(1, 1, rating::disagree);  // replaced below
  for (participant_id p = 1; p <= 6; ++p) {
    const bool a = p <= 3;
    for (argument_id x = 1; x <= 4; ++x) {
      if (p == 6 && x == 1) continue;
      const bool agree = (x <= 2) == a;
      m.rate(p, x, p == 5 && x == 2 ? rating::pass : agree ? rating::agree : rating::disagree);
    }
  }
  for (participant_id p = 1; p <= 5; ++p) m.upvote(p, 10);
  m.upvote(1, 11);
  m.upvote(2, 11);
  m.upvote(99, 12);  // never rated: not counted
  return m;
}

TEST(opinion_map, given_two_camps_when_published_then_groups_and_statistics_match_the_hand_values) {
  auto m = two_camps();
  const auto r = m.publish();
  ASSERT_EQ(r.k, 2u);
  ASSERT_EQ(r.groups.size(), 2u);
  EXPECT_EQ(r.counted, 6u);
  const auto& a = group_of(r, 1);
  const auto& b = group_of(r, 4);
  ASSERT_NE(a.label, b.label);
  for (participant_id p : {2u, 3u}) EXPECT_EQ(group_of(r, p).label, a.label);
  for (participant_id p : {5u, 6u}) EXPECT_EQ(group_of(r, p).label, b.label);
  const std::size_t ia = slot_of(r, a);
  const std::size_t ib = slot_of(r, b);
  ASSERT_EQ(r.arguments.size(), 4u);
  EXPECT_EQ(r.arguments[0].ratings, 5u);
  EXPECT_DOUBLE_EQ(r.arguments[0].agree[ia], 0.8);
  EXPECT_DOUBLE_EQ(r.arguments[0].agree[ib], 0.25);
  EXPECT_NEAR(r.arguments[0].consensus, 0.2, 1e-12);
  EXPECT_NEAR(r.arguments[0].divisiveness, 0.55, 1e-12);
  EXPECT_DOUBLE_EQ(r.arguments[1].agree[ib], 0.2);
  EXPECT_NEAR(r.arguments[1].consensus, 0.16, 1e-12);
  ASSERT_EQ(a.representatives.size(), 2u);
  EXPECT_EQ(a.representatives[0].argument, 2u);
  EXPECT_NEAR(a.representatives[0].ra, 4.0, 1e-12);
  EXPECT_NEAR(a.representatives[0].z, std::sqrt(4.8), 1e-12);
  EXPECT_EQ(a.representatives[1].argument, 1u);
  EXPECT_NEAR(a.representatives[1].ra, 3.2, 1e-12);
  EXPECT_NEAR(a.representatives[1].z, 1.9321835661585915, 1e-9);
  ASSERT_EQ(b.representatives.size(), 2u);
  EXPECT_EQ(b.representatives[0].argument, 3u);
  EXPECT_EQ(b.representatives[1].argument, 4u);
  ASSERT_EQ(r.questions.size(), 3u);
  EXPECT_DOUBLE_EQ(r.questions[0].shares[ia], 1.0);
  EXPECT_DOUBLE_EQ(r.questions[0].shares[ib], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.questions[0].bridging, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.questions[1].bridging, 0.0);
  EXPECT_EQ(r.questions[2].upvotes, 1u);
  EXPECT_DOUBLE_EQ(r.questions[2].bridging, 0.0);
  expect_finite(r);
}

TEST(opinion_edges, given_no_participant_when_published_then_the_result_is_empty) {
  map m;
  m.upvote(1, 1);
  const auto r = m.publish();
  EXPECT_EQ(r.k, 0u);
  EXPECT_EQ(r.counted, 0u);
  EXPECT_TRUE(r.positions.empty() && r.groups.empty() && r.arguments.empty());
  ASSERT_EQ(r.questions.size(), 1u);
  EXPECT_TRUE(r.questions[0].shares.empty());
  EXPECT_DOUBLE_EQ(r.questions[0].bridging, 0.0);
}

TEST(opinion_edges, given_one_participant_when_published_then_one_group_at_the_origin) {
  map m({.min_ratings = 2, .min_group_size = 1});
  m.rate(1, 1, rating::agree);
  m.rate(1, 2, rating::disagree);
  const auto r = m.publish();
  EXPECT_EQ(r.k, 1u);
  ASSERT_EQ(r.positions.size(), 1u);
  EXPECT_DOUBLE_EQ(r.positions[0].x, 0.0);
  EXPECT_DOUBLE_EQ(r.positions[0].y, 0.0);
  ASSERT_EQ(r.groups.size(), 1u);
  EXPECT_TRUE(r.groups[0].representatives.empty());  // no one outside to differ from
  EXPECT_DOUBLE_EQ(r.arguments[0].consensus, 2.0 / 3.0);
  expect_finite(r);
}

TEST(opinion_edges, given_a_single_camp_or_everyone_passing_when_published_then_one_group_of_everyone) {
  for (auto how : {rating::agree, rating::pass}) {
    map m({.min_ratings = 3});
    for (participant_id p = 1; p <= 8; ++p) {
      for (argument_id x = 1; x <= 3; ++x) m.rate(p, x, how);
    }
    const auto r = m.publish();
    EXPECT_EQ(r.k, 1u);
    ASSERT_EQ(r.groups.size(), 1u);
    EXPECT_EQ(r.groups[0].size, 8u);
    for (const auto& p : r.positions) EXPECT_TRUE(p.x == 0.0 && p.y == 0.0);
    EXPECT_DOUBLE_EQ(r.arguments[0].agree[0], how == rating::agree ? 0.9 : 0.1);
    EXPECT_DOUBLE_EQ(r.arguments[0].divisiveness, 0.0);
    expect_finite(r);
  }
}

TEST(opinion_edges, given_one_argument_when_published_then_the_map_is_a_line_split_by_the_rating) {
  map m({.min_ratings = 1, .min_group_size = 3});
  for (participant_id p = 1; p <= 6; ++p) m.rate(p, 1, p <= 3 ? rating::agree : rating::disagree);
  const auto r = m.publish();
  EXPECT_EQ(r.k, 2u);
  ASSERT_EQ(r.positions.size(), 6u);
  for (const auto& p : r.positions) EXPECT_DOUBLE_EQ(p.y, 0.0);
  EXPECT_LT(r.positions[0].x * r.positions[5].x, 0.0);  // on opposite sides
  EXPECT_NE(group_of(r, 1).label, group_of(r, 6).label);
  expect_finite(r);
}

TEST(opinion_edges, given_too_few_ratings_excluded_arguments_or_a_ban_when_published_then_they_leave_the_analysis) {
  auto m = two_camps();
  m.rate(7, 1, rating::agree);  // two ratings: under the minimum of 3
  m.rate(7, 2, rating::agree);
  m.rate(8, 9, rating::agree);  // rated only what is then excluded
  m.rate(8, 9, rating::disagree);
  m.exclude_argument(9);
  m.drop_participant(6);
  m.rate(6, 1, rating::agree);  // after the ban: ignored
  m.upvote(6, 10);
  const auto r = m.publish();
  EXPECT_EQ(r.counted, 5u);
  for (const auto& p : r.positions) EXPECT_TRUE(p.participant <= 5);
  EXPECT_EQ(r.arguments.size(), 4u);  // 9 is not among them
  EXPECT_EQ(r.questions[0].upvotes, 5u);
  EXPECT_EQ(r.arguments[0].ratings, 5u);  // 7's rating does not count
  expect_finite(r);
}

TEST(opinion_edges, given_a_group_under_the_minimum_size_when_published_then_it_and_its_positions_are_left_out) {
  map m({.min_ratings = 3, .min_group_size = 4});
  for (participant_id p = 1; p <= 7; ++p) {
    for (argument_id x = 1; x <= 3; ++x) m.rate(p, x, (p <= 5) == (x != 2) ? rating::agree : rating::disagree);
  }
  const auto r = m.publish();
  EXPECT_EQ(r.k, 2u);
  EXPECT_EQ(r.counted, 7u);
  ASSERT_EQ(r.groups.size(), 1u);
  EXPECT_EQ(r.groups[0].size, 5u);
  EXPECT_EQ(r.positions.size(), 5u);
  ASSERT_EQ(r.arguments[0].agree.size(), 1u);
  EXPECT_DOUBLE_EQ(r.arguments[0].agree[0], 6.0 / 7.0);
  // Repness counts the hidden group as everyone else: arguments 1 and 3, 5/5 inside against 0/2.
  ASSERT_EQ(r.groups[0].representatives.size(), 2u);
  EXPECT_NEAR(r.groups[0].representatives[0].ra, (6.0 / 7.0) / 0.25, 1e-12);
}

TEST(opinion_map, given_an_upvote_taken_back_when_published_then_it_leaves_the_counts_and_the_shares) {
  auto m = two_camps();
  m.withdraw_upvote(4, 10);   // B now 1 of 3 on question 10
  m.withdraw_upvote(1, 11);   // question 11: 2 alone
  m.withdraw_upvote(2, 11);   // and now nobody: the question is no longer listed
  m.withdraw_upvote(6, 10);   // never upvoted it: nothing
  m.withdraw_upvote(42, 10);  // a stranger: nothing
  m.withdraw_upvote(99, 12);
  m.upvote(99, 12);  // upvoted again after taking it back
  const auto r = m.publish();
  ASSERT_EQ(r.questions.size(), 2u);
  EXPECT_EQ(r.questions[0].question, 10u);
  EXPECT_EQ(r.questions[0].upvotes, 4u);
  const std::size_t ib = slot_of(r, group_of(r, 4));
  EXPECT_DOUBLE_EQ(r.questions[0].shares[ib], 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.questions[0].bridging, 1.0 / 3.0);
  EXPECT_EQ(r.questions[1].question, 12u);
  EXPECT_EQ(r.questions[1].upvotes, 1u);
}

TEST(opinion_map, given_ratings_when_asked_how_many_then_rated_counts_the_arguments_still_in) {
  map m({.min_ratings = 3});
  EXPECT_EQ(m.params().min_ratings, 3u);
  EXPECT_EQ(m.rated(1), 0u);  // never seen
  m.rate(1, 1, rating::agree);
  m.rate(1, 2, rating::pass);
  m.rate(1, 2, rating::disagree);  // replaces: still two
  EXPECT_EQ(m.rated(1), 2u);
  m.rate(1, 3, rating::agree);
  EXPECT_EQ(m.rated(1), 3u);
  m.exclude_argument(2);
  EXPECT_EQ(m.rated(1), 2u);    // one more needed to be counted again
  m.rate(1, 2, rating::agree);  // excluded: ignored
  EXPECT_EQ(m.rated(1), 2u);
  m.upvote(2, 5);
  EXPECT_EQ(m.rated(2), 0u);  // upvoted, never rated
  m.drop_participant(1);
  EXPECT_EQ(m.rated(1), 0u);
  m.rate(1, 4, rating::agree);
  EXPECT_EQ(m.rated(1), 0u);
}

TEST(opinion_map, given_a_copy_when_both_go_on_then_they_are_independent) {
  auto m = two_camps();
  const auto before = m.publish();
  map copy = m;
  copy.drop_participant(1);
  EXPECT_EQ(copy.publish().counted, 5u);
  const auto again = m.publish();
  EXPECT_EQ(again.counted, 6u);
  ASSERT_EQ(again.positions.size(), before.positions.size());
  map moved = std::move(copy);
  EXPECT_EQ(moved.rated(1), 0u);
  moved = m;
  EXPECT_EQ(moved.rated(1), 4u);
}

}  // namespace
}  // namespace tribune::engine::opinion
