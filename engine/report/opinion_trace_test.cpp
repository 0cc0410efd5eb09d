// The report's opinion map: updated at the end of each minute of the show that changed it and at
// the show's end, from the events' times alone, so the same log always gives the same report.
#include "engine/report/opinion_trace.hpp"

#include <gtest/gtest.h>

#include "engine/testing/given.hpp"

namespace tribune::engine {
namespace {

using testing::t0;
constexpr std::int64_t minute = 60'000;
constexpr argument_id arguments = 8;

// How each of three camps rates the eight arguments.
protocol::rating rating_of(int camp, argument_id a) {
  static constexpr int pattern[3][arguments] = {
      {1, 1, 1, 1, -1, -1, -1, -1}, {-1, -1, -1, -1, 1, 1, 1, 1}, {1, 1, -1, -1, 1, 1, -1, -1}};
  return pattern[camp][a - 1] > 0 ? protocol::rating::agree : protocol::rating::disagree;
}

class opinion_trace_test : public ::testing::Test {
 protected:
  void at(std::int64_t when, event_body body) {
    follow(trace_, started_, after_, event{++seq_, when, std::move(body), {}});
  }
  // `people` participants from `first`, split across the camps, each rating every argument.
  void rate(participant_id first, participant_id people, std::int64_t when) {
    for (participant_id p = first; p < first + people; ++p) {
      for (argument_id a = 1; a <= arguments; ++a)
        at(when, ev::argument_rated{a, p, rating_of(static_cast<int>(p % 3), a)});
    }
  }

  opinion_trace trace_;
  std::optional<std::int64_t> started_ = t0;
  state after_;
  seq_t seq_ = 0;
};

TEST_F(opinion_trace_test, updates_at_each_minute_closed_and_at_the_end) {
  rate(1, 18, t0 + 10'000);
  EXPECT_TRUE(trace_.report.minutes.empty()) << "minute 0 is not over yet";
  rate(19, 3, t0 + 2 * minute + 1);  // closes minute 0
  ASSERT_EQ(trace_.report.minutes.size(), 1u);
  EXPECT_EQ(trace_.report.minutes[0].minute, 0);
  EXPECT_EQ(trace_.report.minutes[0].counted, 18u);
  EXPECT_EQ(trace_.report.minutes[0].groups.size(), 3u);
  EXPECT_TRUE(trace_.report.minutes[0].groups[0].representatives.empty()) << "minutes keep sizes and places only";

  at(t0 + 3 * minute, ev::participant_banned{19, "spam"});  // closes minute 2
  at(t0 + 3 * minute + 5, ev::show_ended{});                // closes minute 3, the last
  ASSERT_EQ(trace_.report.minutes.size(), 3u);
  EXPECT_EQ(trace_.report.minutes[1].minute, 2);
  EXPECT_EQ(trace_.report.minutes[1].counted, 21u);
  EXPECT_EQ(trace_.report.minutes[2].minute, 3);
  EXPECT_EQ(trace_.report.minutes[2].counted, 20u);
  ASSERT_TRUE(trace_.report.final.has_value());
  EXPECT_EQ(trace_.report.final->dots.size(), 20u);
  EXPECT_EQ(trace_.report.final->groups.size(), 3u);
}

TEST_F(opinion_trace_test, the_same_log_gives_the_same_maps) {
  rate(1, 30, t0);
  rate(31, 6, t0 + minute);
  at(t0 + 2 * minute, ev::show_ended{});
  opinion_trace again;
  std::swap(again, trace_);
  seq_ = 0;
  rate(1, 30, t0);
  rate(31, 6, t0 + minute);
  at(t0 + 2 * minute, ev::show_ended{});
  ASSERT_TRUE(trace_.report.final && again.report.final);
  EXPECT_EQ(protocol::opinion_wire::encode_body(*trace_.report.final, protocol::opinion_wire::audience::screens),
            protocol::opinion_wire::encode_body(*again.report.final, protocol::opinion_wire::audience::screens));
  ASSERT_EQ(trace_.report.minutes.size(), again.report.minutes.size());
  for (std::size_t i = 0; i < trace_.report.minutes.size(); ++i) {
    ASSERT_EQ(trace_.report.minutes[i].groups.size(), again.report.minutes[i].groups.size());
    for (std::size_t g = 0; g < trace_.report.minutes[i].groups.size(); ++g) {
      EXPECT_EQ(trace_.report.minutes[i].groups[g].label, again.report.minutes[i].groups[g].label);
      EXPECT_EQ(trace_.report.minutes[i].groups[g].size, again.report.minutes[i].groups[g].size);
    }
  }
}

TEST_F(opinion_trace_test, a_room_too_small_to_show_groups_lists_nothing) {
  rate(1, 4, t0);
  at(t0 + minute, ev::show_ended{});
  EXPECT_TRUE(trace_.report.minutes.empty());
  EXPECT_FALSE(trace_.report.final.has_value());
}

TEST_F(opinion_trace_test, ratings_before_the_show_count_in_minute_zero) {
  started_.reset();
  rate(1, 18, t0 - 10 * minute);
  started_ = t0;
  rate(19, 3, t0 + minute);
  ASSERT_EQ(trace_.report.minutes.size(), 1u);
  EXPECT_EQ(trace_.report.minutes[0].minute, 0);
  EXPECT_EQ(trace_.report.minutes[0].counted, 18u);
}

}  // namespace
}  // namespace tribune::engine
