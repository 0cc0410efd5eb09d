// What the screens are shown of an update (shape.hpp) and what the map takes from the events
// (feed.hpp): one scale for both axes, group centres, the lists cut and ordered, the dots sampled,
// hidden groups left out; each kind of event turned into its input.
#include "engine/opinion/shape.hpp"

#include <gtest/gtest.h>

#include "engine/opinion/feed.hpp"
#include "engine/testing/given.hpp"

namespace tribune::engine::opinion {
namespace {

result two_groups() {
  result r;
  r.k = 3;  // a third group, too small, is computed but not published
  r.counted = 5;
  r.positions = {{1, -2.0, 1.0, 0}, {2, -4.0, 0.0, 0}, {3, 2.0, -1.0, 1}, {4, 3.0, 0.5, 1}};
  r.groups = {{0, 2, {{7, 0.9, 0.2, 4.5, 2.1}}}, {1, 2, {}}};
  r.arguments = {{5, 4, {0.75, 0.25}, 0.1875, 0.5},
                 {6, 4, {0.75, 0.75}, 0.5625, 0.0},
                 {7, 4, {0.5, 0.5}, 0.25, 0.0},
                 {8, 4, {0.9, 0.6}, 0.54, 0.3}};
  r.questions = {{1, 3, {0.5, 0.5}, 0.5}, {2, 0, {0.0, 0.0}, 0.0}, {3, 4, {1.0, 0.0}, 0.0}, {4, 2, {0.5, 0.5}, 0.5}};
  return r;
}

TEST(opinion_shape, puts_the_map_on_one_scale_with_group_centres_and_places) {
  const auto s = shape(two_groups(), 7);
  EXPECT_EQ(s.map.counted, 5u);
  EXPECT_EQ(s.map.min_ratings, 7u);
  ASSERT_EQ(s.map.groups.size(), 2u);
  // The farthest coordinate, |-4|, is 1 on both axes.
  EXPECT_DOUBLE_EQ(s.map.groups[0].x, (-0.5 - 1.0) / 2);
  EXPECT_DOUBLE_EQ(s.map.groups[0].y, (0.25 + 0.0) / 2);
  EXPECT_DOUBLE_EQ(s.map.groups[1].x, (0.5 + 0.75) / 2);
  ASSERT_EQ(s.map.groups[0].representatives.size(), 1u);
  EXPECT_EQ(s.map.groups[0].representatives[0].argument, 7u);
  ASSERT_EQ(s.map.dots.size(), 4u);
  EXPECT_DOUBLE_EQ(s.map.dots[1].x, -1.0);
  EXPECT_EQ(s.map.dots[2].group, 1u);
  ASSERT_EQ(s.places.size(), 4u);
  EXPECT_EQ(s.places.at(3).group, 1u);
  EXPECT_DOUBLE_EQ(s.places.at(3).x, 0.5);
}

TEST(opinion_shape, orders_what_unites_what_divides_and_what_bridges) {
  const auto s = shape(two_groups(), 7);
  // Only argument 6 has a majority of every group; 7 stands at one half in both.
  ASSERT_EQ(s.map.unites.size(), 2u);
  EXPECT_EQ(s.map.unites[0].argument, 6u);  // the highest consensus first
  EXPECT_EQ(s.map.unites[1].argument, 8u);
  EXPECT_DOUBLE_EQ(s.map.unites[0].score, 0.5625);
  // 5 has a gap; 8 has one too but unites, so it is not listed twice; 7 has none.
  ASSERT_EQ(s.map.divides.size(), 1u);
  EXPECT_EQ(s.map.divides[0].argument, 5u);
  // Upvoted questions only; by bridging, then upvotes, then id.
  ASSERT_EQ(s.map.questions.size(), 3u);
  EXPECT_EQ(s.map.questions[0].question, 1u);
  EXPECT_EQ(s.map.questions[1].question, 4u);
  EXPECT_EQ(s.map.questions[2].question, 3u);
}

TEST(opinion_shape, leaves_hidden_groups_out_and_keeps_an_empty_room_empty) {
  auto r = two_groups();
  r.positions.push_back({9, 100.0, 100.0, 2});  // in the unpublished group: no dot, no place, no scale
  const auto s = shape(r, 7);
  EXPECT_EQ(s.map.dots.size(), 4u);
  EXPECT_EQ(s.places.count(9), 0u);
  EXPECT_DOUBLE_EQ(s.map.dots[1].x, -1.0);

  const auto empty = shape(result{}, 7);
  EXPECT_TRUE(empty.map.groups.empty());
  EXPECT_TRUE(empty.map.dots.empty());
  EXPECT_TRUE(empty.map.unites.empty());
  EXPECT_TRUE(empty.places.empty());
}

TEST(opinion_shape, samples_the_dots_evenly_beyond_the_cap) {
  result r;
  r.groups = {{0, 5000, {}}};
  for (participant_id p = 1; p <= 5000; ++p) r.positions.push_back({p, static_cast<double>(p), 0.0, 0});
  const auto s = shape(r, 7);
  ASSERT_EQ(s.map.dots.size(), protocol::opinion_wire::max_dots);
  EXPECT_DOUBLE_EQ(s.map.dots[0].x, 1.0 / 5000);
  EXPECT_DOUBLE_EQ(s.map.dots[1].x, 3.0 / 5000);  // every 2.5th participant
  EXPECT_EQ(s.places.size(), 5000u) << "everyone still gets their own place";
}

TEST(opinion_feed, turns_each_event_into_what_the_map_needs) {
  state after;
  std::vector<input> out;
  const auto of = [&](event_body body) {
    out.clear();
    inputs_of(after, event{1, testing::t0, std::move(body), {}}, out);
    return out;
  };
  auto i = of(ev::argument_rated{3, 8, protocol::rating::disagree});
  ASSERT_EQ(i.size(), 1u);
  EXPECT_EQ(i[0].what, input::kind::rate);
  EXPECT_EQ(i[0].who, 8u);
  EXPECT_EQ(i[0].item, 3u);
  EXPECT_EQ(i[0].value, protocol::rating::disagree);
  EXPECT_EQ(of(ev::upvote_changed{2, 8, false}).at(0).what, input::kind::withdraw);
  EXPECT_EQ(of(ev::upvote_changed{2, 8, true}).at(0).what, input::kind::upvote);
  EXPECT_EQ(of(ev::argument_dismissed{3, "off topic"}).at(0).what, input::kind::exclude);
  EXPECT_EQ(of(ev::participant_banned{8, "spam"}).at(0).what, input::kind::drop);
  EXPECT_EQ(of(ev::participant_erased{8, {}}).at(0).what, input::kind::drop);
  EXPECT_TRUE(of(ev::reactions_recorded{}).empty());
}

TEST(opinion_feed, a_map_fed_from_a_state_equals_one_fed_its_events) {
  map from_events;
  map from_state;
  state s;
  s.arguments.resize(2);
  s.arguments[0].id = 1;
  s.arguments[0].status = protocol::argument_status::published;
  s.arguments[1].id = 2;
  s.arguments[1].status = protocol::argument_status::dismissed;
  for (participant_id p = 1; p <= 12; ++p) {
    const auto r = p % 2 == 0 ? protocol::rating::agree : protocol::rating::disagree;
    s.arguments[0].ratings[p] = r;
    s.arguments[1].ratings[p] = r;
    from_events.rate(p, 1, r);
  }
  std::vector<input> inputs;
  inputs_of(s, inputs);
  EXPECT_EQ(inputs.size(), 12u) << "a dismissed argument's ratings are left out";
  for (const auto& i : inputs) apply(from_state, i);
  EXPECT_EQ(from_state.rated(4), 1u);
  EXPECT_EQ(from_events.rated(4), 1u);
}

}  // namespace
}  // namespace tribune::engine::opinion
