// The opinion map on synthetic audiences: planted camps, each with its own rating pattern plus
// noise, passes and unseen arguments, from a fixed-seed generator. The groups found must recover
// the camps, the same ratings must give the same map, and one more rating must not relabel it.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <vector>

#include "engine/opinion/opinion.hpp"

namespace tribune::engine::opinion {
namespace {

using protocol::rating;

constexpr std::size_t camp_arguments = 30;
constexpr std::size_t camp_size = 20;

struct camp_lcg {
  std::uint64_t state;
  double next() {  // in [0, 1)
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11U) * 0x1.0p-53;
  }
};

// Camp c's stance on argument j, +1 or -1. Up to three camps: independent patterns. Four camps:
// the corners of a square (two blocks of arguments, each camp for or against each block, each
// argument's sign shuffled), so that the four differ within the two dimensions the map shows.
int stance(std::size_t camps, std::size_t c, std::size_t j) {
  camp_lcg g{1000 + (camps == 4 ? 0 : c)};
  int sign = 1;
  for (std::size_t i = 0; i <= j; ++i) sign = g.next() < 0.5 ? 1 : -1;
  if (camps != 4) return sign;
  const bool first_block = j < camp_arguments / 2;
  const bool for_it = first_block ? (c & 1U) != 0 : (c & 2U) != 0;
  return for_it ? sign : -sign;
}

struct audience {
  map m;
  std::vector<std::size_t> camp;  // camp[p - 1]
};

struct one_rating {
  participant_id who;
  argument_id what;
  rating how;
};

// Each member sees 3/4 of the arguments; of those, passes 15%, goes against the camp 10%.
std::vector<one_rating> ratings_of(std::size_t camps) {
  std::vector<one_rating> out;
  camp_lcg g{42};
  for (std::size_t i = 0; i < camps * camp_size; ++i) {
    const std::size_t c = i % camps;
    for (std::size_t j = 0; j < camp_arguments; ++j) {
      if (g.next() < 0.25) continue;
      const double roll = g.next();
      int v = roll < 0.1 ? -stance(camps, c, j) : stance(camps, c, j);
      const rating r = roll > 0.85 ? rating::pass : v > 0 ? rating::agree : rating::disagree;
      out.push_back({static_cast<participant_id>(i + 1), static_cast<argument_id>(j + 1), r});
    }
  }
  return out;
}

audience planted(std::size_t camps, parameters params = {}, bool publish_as_they_come = false) {
  audience a{map(params), {}};
  for (std::size_t i = 0; i < camps * camp_size; ++i) a.camp.push_back(i % camps);
  const auto all = ratings_of(camps);
  for (std::size_t i = 0; i < all.size(); ++i) {
    a.m.rate(all[i].who, all[i].what, all[i].how);
    const bool last_of_member = i + 1 == all.size() || all[i + 1].who != all[i].who;
    if (publish_as_they_come && last_of_member && all[i].who % 4 == 0) a.m.publish();  // every fourth member
  }
  return a;
}

double pairs(double n) { return n * (n - 1) / 2; }

// Adjusted Rand index of two labellings of the same items.
double adjusted_rand(const std::vector<std::size_t>& x, const std::vector<std::size_t>& y) {
  std::map<std::size_t, double> rows;
  std::map<std::size_t, double> cols;
  std::map<std::pair<std::size_t, std::size_t>, double> cells;
  for (std::size_t i = 0; i < x.size(); ++i) {
    ++rows[x[i]];
    ++cols[y[i]];
    ++cells[{x[i], y[i]}];
  }
  double index = 0;
  double a = 0;
  double b = 0;
  for (const auto& c : cells) index += pairs(c.second);
  for (const auto& r : rows) a += pairs(r.second);
  for (const auto& c : cols) b += pairs(c.second);
  const double expected = a * b / pairs(static_cast<double>(x.size()));
  const double most = (a + b) / 2;
  return most == expected ? 1.0 : (index - expected) / (most - expected);
}

double recovery(const audience& a, const result& r) {
  std::vector<std::size_t> truth;
  std::vector<std::size_t> found;
  for (const auto& p : r.positions) {
    truth.push_back(a.camp[p.participant - 1]);
    found.push_back(p.group);
  }
  return adjusted_rand(truth, found);
}

std::map<participant_id, group_label> labels_of(const result& r) {
  std::map<participant_id, group_label> out;
  for (const auto& p : r.positions) out.emplace(p.participant, p.group);
  return out;
}

TEST(opinion_camps, given_a_known_split_when_scored_then_the_adjusted_rand_index_is_one_or_near_zero) {
  EXPECT_DOUBLE_EQ(adjusted_rand({0, 0, 1, 1}, {5, 5, 3, 3}), 1.0);
  EXPECT_LT(adjusted_rand({0, 0, 1, 1}, {0, 1, 0, 1}), 0.0);
}

// A few participants far out on the noise may form a group of their own; it is too small to be
// published, so the published groups are the camps, and every participant is still well placed.
TEST(opinion_camps, given_two_three_or_four_planted_camps_when_published_then_the_groups_recover_them) {
  for (std::size_t camps : {2U, 3U, 4U}) {
    auto shown = planted(camps);
    const auto r = shown.m.publish();
    EXPECT_EQ(r.k, camps) << camps << " camps";
    EXPECT_EQ(r.groups.size(), camps) << camps << " camps";
    EXPECT_GE(r.positions.size() * 10, camps * camp_size * 9) << camps << " camps";
    EXPECT_GE(recovery(shown, r), 0.9) << camps << " camps";
    auto all = planted(camps, {.min_group_size = 1});
    const auto everyone = all.m.publish();
    EXPECT_EQ(everyone.positions.size(), camps * camp_size) << camps << " camps";
    EXPECT_GE(recovery(all, everyone), 0.9) << camps << " camps";
  }
}

TEST(opinion_camps, given_more_participants_than_base_clusters_when_published_then_camps_are_still_recovered) {
  auto a = planted(4, {.base_clusters = 10});
  const auto r = a.m.publish();
  EXPECT_EQ(r.k, 4u);
  EXPECT_GE(recovery(a, r), 0.9);
}

TEST(opinion_camps, given_the_same_ratings_when_published_twice_over_then_the_maps_are_identical) {
  auto one = planted(3, {}, true);
  auto two = planted(3, {}, true);
  const auto r1 = one.m.publish();
  const auto r2 = two.m.publish();
  EXPECT_EQ(r1.k, r2.k);
  ASSERT_EQ(r1.positions.size(), r2.positions.size());
  for (std::size_t i = 0; i < r1.positions.size(); ++i) {
    EXPECT_EQ(r1.positions[i].participant, r2.positions[i].participant);
    EXPECT_EQ(r1.positions[i].x, r2.positions[i].x);  // bit for bit
    EXPECT_EQ(r1.positions[i].y, r2.positions[i].y);
    EXPECT_EQ(r1.positions[i].group, r2.positions[i].group);
  }
  EXPECT_GE(recovery(one, r1), 0.9);  // warm starts along the way still find the camps
}

// Rows are taken by participant id and cells by argument id, so the map depends on the ratings
// held, not on the order participants and arguments first appeared in.
TEST(opinion_camps, given_the_same_ratings_in_reverse_order_when_published_then_the_maps_are_identical) {
  auto forward = planted(3);
  map backward;
  const auto all = ratings_of(3);
  for (auto it = all.rbegin(); it != all.rend(); ++it) backward.rate(it->who, it->what, it->how);
  backward.upvote(60, 1);  // a newcomer with the largest id first, then smaller ones
  forward.m.upvote(60, 1);
  const auto r1 = forward.m.publish();
  const auto r2 = backward.publish();
  ASSERT_EQ(r1.positions.size(), r2.positions.size());
  for (std::size_t i = 0; i < r1.positions.size(); ++i) {
    EXPECT_EQ(r1.positions[i].participant, r2.positions[i].participant);
    EXPECT_EQ(r1.positions[i].x, r2.positions[i].x);  // bit for bit
    EXPECT_EQ(r1.positions[i].y, r2.positions[i].y);
    EXPECT_EQ(r1.positions[i].group, r2.positions[i].group);
  }
  ASSERT_EQ(r1.arguments.size(), r2.arguments.size());
  for (std::size_t i = 0; i < r1.arguments.size(); ++i) {
    EXPECT_EQ(r1.arguments[i].argument, r2.arguments[i].argument);
    EXPECT_EQ(r1.arguments[i].consensus, r2.arguments[i].consensus);
  }
}

TEST(opinion_camps, given_a_published_map_when_one_more_rating_arrives_then_no_one_else_is_relabelled) {
  auto a = planted(3);
  const auto before = labels_of(a.m.publish());
  for (participant_id who : {1U, 7U, 20U, 33U}) {
    for (auto how : {rating::agree, rating::disagree}) {
      map next = a.m;
      next.rate(who, 3, how);
      auto after = labels_of(next.publish());
      after.erase(who);
      for (const auto& [p, label] : after) EXPECT_EQ(label, before.at(p)) << "participant " << p;
    }
  }
}

// Camp 0 agrees with everything, camp 1 disagrees with everything, camp 2 alternates.
void join_camp(map& m, std::size_t c) {
  for (participant_id p = 1; p <= 10; ++p) {
    const auto who = static_cast<participant_id>(c * 10 + p);
    for (argument_id x = 1; x <= 8; ++x) {
      const bool agree = c == 0 || (c == 2 && x % 2 == 0);
      m.rate(who, x, agree ? rating::agree : rating::disagree);
    }
  }
}

TEST(opinion_camps, given_a_new_camp_when_it_wins_several_updates_then_k_changes_only_after_the_patience) {
  map m({.k_patience = 3});
  join_camp(m, 0);
  join_camp(m, 1);
  EXPECT_EQ(m.publish().k, 2u);
  join_camp(m, 2);
  EXPECT_EQ(m.publish().k, 2u);  // 3 wins once
  EXPECT_EQ(m.publish().k, 2u);  // twice
  const auto r = m.publish();    // three times: adopted
  EXPECT_EQ(r.k, 3u);
  EXPECT_EQ(r.groups.size(), 3u);
}

}  // namespace
}  // namespace tribune::engine::opinion
