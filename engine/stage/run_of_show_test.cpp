// The run of show changed during the show: the moderator extends the current segment (its end and
// the automatic advance move with it) or moves a segment still to come; what has run cannot move,
// and nobody else may change it.
#include <gtest/gtest.h>

#include "engine/stage/stage.hpp"
#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

std::vector<std::string> names_of(const state& s) {
  std::vector<std::string> out;
  for (const auto& seg : s.show.segments) out.push_back(seg.name);
  return out;
}

TEST(run_of_show, the_current_segment_runs_longer_and_the_clock_moves_with_it) {
  auto r = oxford(true);
  const auto t = r.next_at();
  commit_at(r, r.decide_at(moderator, protocol::start_show{}, t), t);
  // The vote segment opens its poll at once; then the next due moment is the segment's end.
  while (next_due(r.s) && *next_due(r.s) <= t) commit_at(r, r.decide_at(system_actor, cmd::clock_tick{}, t), t);
  const auto end = next_due(r.s);
  ASSERT_TRUE(end);
  for (const auto& who : {audience(1), stage, panelist_actor(1)}) {
    EXPECT_EQ(rejected(r.decide(who, protocol::extend_segment{5})), error_code::forbidden);
  }
  EXPECT_EQ(rejected(r.decide(moderator, protocol::extend_segment{61})), error_code::invalid_field);
  const auto minutes = r.s.show.segments[0].minutes;
  const auto extended = r.fold_as(moderator, r.decide(moderator, protocol::extend_segment{5}));
  ASSERT_EQ(extended.size(), 1u);
  EXPECT_EQ(r.s.show.segments[0].minutes, minutes + 5);
  EXPECT_EQ(data_of(r, extended.front(), view::public_view)["run_of_show"]["segments"][0]["minutes"], minutes + 5);
  EXPECT_EQ(next_due(r.s), *end + 5 * 60'000);
  EXPECT_TRUE(no_events(r.decide_at(system_actor, cmd::clock_tick{}, *end))) << "no longer due at the old end";
}

TEST(run_of_show, a_segment_still_to_come_moves_and_what_has_run_stays) {
  auto r = oxford();
  const auto before = names_of(r.s);
  ASSERT_EQ(before.size(), 6u);
  commit(r, r.decide(moderator, protocol::start_show{}));
  commit(r, r.decide(moderator, protocol::advance{}));  // s2 runs
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::move_segment{4, 3})), error_code::forbidden);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::move_segment{9, 3})), error_code::unknown_segment);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::move_segment{2, 4})), error_code::segment_passed) << "running";
  EXPECT_EQ(rejected(r.decide(moderator, protocol::move_segment{4, 1})), error_code::segment_passed) << "over";
  EXPECT_TRUE(no_events(r.decide(moderator, protocol::move_segment{4, 4})));

  commit(r, r.decide(moderator, protocol::move_segment{4, 3}));  // the audience's questions before the free debate
  auto expected = before;
  std::swap(expected[2], expected[3]);
  EXPECT_EQ(names_of(r.s), expected);
  commit(r, r.decide(moderator, protocol::move_segment{3, 5}));  // moved down: the ones between move up
  EXPECT_EQ(names_of(r.s),
            (std::vector<std::string>{before[0], before[1], before[2], before[4], before[3], before[5]}));
  commit(r, r.decide(moderator, protocol::advance{}));
  EXPECT_EQ(r.s.show.current()->name, before[2]);
}

}  // namespace
}  // namespace tribune::engine::testing
