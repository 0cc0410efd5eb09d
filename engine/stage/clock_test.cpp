// The show's clock in automatic mode, given events, when time passes, then events: an Oxford debate
// runs from "start" to its result with no other moderator action, turns alternate sides, votes
// open and close with their segments, and the moderator can still take over.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

using protocol::oxford_phase;
using protocol::poll_status;
using protocol::show_status;

constexpr std::int64_t minute = 60'000;

room automatic_oxford() { return oxford(true); }

// Lets the clock tick at every due moment up to `until`, as the room does.
void run_until(room& r, std::int64_t until) {
  for (int guard = 0; guard < 100; ++guard) {
    const auto due = next_due(r.s);
    if (!due || *due > until) return;
    const auto before = r.s.seq;
    // The room ticks at the due moment, or at once when it is already past.
    const auto at = std::max(*due, r.log.back().at);
    commit_at(r, r.decide_at(system_actor, cmd::clock_tick{}, at), at);
    ASSERT_GT(r.s.seq, before) << "a due moment must change something, or the clock would spin";
  }
  FAIL() << "the clock did not settle";
}

std::optional<speaker> on_floor(const room& r) {
  if (!r.s.show.floor) return std::nullopt;
  return r.s.show.floor->who;
}

TEST(clock, an_automatic_oxford_debate_runs_from_start_to_its_result_with_no_other_moderator_action) {
  auto r = automatic_oxford();
  const auto t = r.next_at();
  commit_at(r, r.decide_at(moderator, protocol::start_show{}, t), t);
  run_until(r, t);
  ASSERT_EQ(r.s.polls.size(), 1u);
  EXPECT_EQ(r.s.polls[0].phase, oxford_phase::before);
  EXPECT_EQ(r.s.polls[0].status, poll_status::open) << "the vote opens with its segment";
  for (participant_id p : {1u, 2u, 3u}) {
    commit_at(r, r.decide_at(audience(p), protocol::vote{1, std::uint32_t{p - 1}, std::nullopt}, t + 1000), t + 1000);
  }
  run_until(r, t + 2 * minute - 1);
  EXPECT_EQ(r.s.show.segment, 1u) << "not before its two minutes";
  run_until(r, t + 2 * minute);
  EXPECT_EQ(r.s.polls[0].status, poll_status::closed);
  EXPECT_EQ(r.s.show.segment, 2u);
  EXPECT_EQ(on_floor(r), (speaker{false, 1})) << "opening statements: For first";
  run_until(r, t + 2 * minute + 5 * minute);
  EXPECT_EQ(on_floor(r), (speaker{false, 2})) << "then Against, each for the run of show's five minutes";
  run_until(r, t + 12 * minute);
  EXPECT_EQ(r.s.show.segment, 3u);
  run_until(r, t + 37 * minute);
  EXPECT_EQ(r.s.show.segment, 5u) << "free debate (15 min) and questions (10 min) went by";
  EXPECT_EQ(on_floor(r), (speaker{false, 1})) << "closing statements: For first again";
  run_until(r, t + 43 * minute);
  EXPECT_EQ(r.s.show.segment, 6u);
  ASSERT_EQ(r.s.polls.size(), 2u);
  EXPECT_EQ(r.s.polls[1].phase, oxford_phase::after);
  for (participant_id p : {1u, 2u, 3u}) {
    commit_at(r, r.decide_at(audience(p), protocol::vote{2, std::uint32_t{0}, std::nullopt}, t + 44 * minute),
              t + 44 * minute);
  }
  run_until(r, t + 45 * minute);
  EXPECT_EQ(r.s.show.status, show_status::ended);
  EXPECT_EQ(r.s.polls[1].status, poll_status::closed);
  const auto result = oxford_json(r.s);
  EXPECT_EQ(result["winner"], "for");
  EXPECT_EQ(result["swing"]["for"], 66.7);
  EXPECT_FALSE(next_due(r.s)) << "nothing is due once the show ended";
}

TEST(clock, the_moderator_takes_over_at_any_moment_and_the_clock_carries_on_from_there) {
  auto r = automatic_oxford();
  const auto t = r.next_at();
  commit_at(r, r.decide_at(moderator, protocol::start_show{}, t), t);
  run_until(r, t);
  // Skipping the vote by hand closes it on the next tick; the first turn follows at once.
  commit_at(r, r.decide_at(moderator, protocol::advance{}, t + 1000), t + 1000);
  run_until(r, t + 1000);
  EXPECT_EQ(r.s.polls[0].status, poll_status::closed);
  EXPECT_EQ(on_floor(r), (speaker{false, 1}));
  // Taking the floor back gives it to the next in turn; extending a turn moves its end.
  commit_at(r, r.decide_at(moderator, protocol::end_floor{}, t + 2000), t + 2000);
  run_until(r, t + 2000);
  EXPECT_EQ(on_floor(r), (speaker{false, 2}));
  commit_at(r, r.decide_at(moderator, protocol::extend_floor{60}, t + 3000), t + 3000);
  EXPECT_EQ(next_due(r.s), t + 2000 + 5 * minute + minute);
  // Paused, nothing is due; resumed, the time paused is added.
  commit_at(r, r.decide_at(moderator, protocol::pause{}, t + 4000), t + 4000);
  EXPECT_FALSE(next_due(r.s));
  commit_at(r, r.decide_at(moderator, protocol::resume{}, t + 14000), t + 14000);
  EXPECT_EQ(next_due(r.s), t + 2000 + 6 * minute + 10000);
  // After both turns, the floor is simply given back until the segment ends.
  run_until(r, t + 2000 + 6 * minute + 10000);
  EXPECT_FALSE(on_floor(r));
  EXPECT_EQ(r.s.show.segment, 2u);
}

// A fishbowl with a host and a guest on stage and one open seat, run by the clock; Ann (p1), Bob
// (p2), Chloe (p3) and Dan (p4) in the audience.
room automatic_fishbowl(bool automatic = true) {
  room r;
  r.created();
  auto format = *format_template(protocol::show_format::fishbowl);
  format.automatic = automatic;
  format.seats = 3;
  r.fold(installed(format));
  r.fold(ev::panelist_added{1, "Host", protocol::panel_role::host, protocol::side::none, cred("g1")});
  r.fold(ev::panelist_added{2, "Guest", protocol::panel_role::guest, protocol::side::none, cred("g2")});
  for (const auto* name : {"Ann", "Bob", "Chloe", "Dan"}) r.join(name);
  return r;
}

std::vector<participant_id> seated(const room& r) { return r.s.show.seated; }

TEST(clock, fishbowl_seats_rotate_when_a_seated_person_s_time_is_up_and_someone_waits) {
  auto r = automatic_fishbowl();
  const auto t = r.next_at();
  commit_at(r, r.decide_at(moderator, protocol::start_show{}, t), t);
  commit_at(r, r.decide_at(audience(1), protocol::request_seat{}, t + 1000), t + 1000);
  run_until(r, t + 3 * minute - 1);
  EXPECT_TRUE(seated(r).empty()) << "the introduction has no open seat to fill";
  run_until(r, t + 3 * minute);
  EXPECT_EQ(seated(r), std::vector<participant_id>{1}) << "the fishbowl fills its open seat at once";
  // Nobody waits: Ann keeps her seat past her two minutes.
  run_until(r, t + 6 * minute);
  EXPECT_EQ(seated(r), std::vector<participant_id>{1});
  // Bob asks: Ann's time is already up, so she gives him the seat at once.
  commit_at(r, r.decide_at(audience(2), protocol::request_seat{}, t + 6 * minute), t + 6 * minute);
  run_until(r, t + 6 * minute);
  EXPECT_EQ(seated(r), std::vector<participant_id>{2});
  // Bob takes the floor for two minutes after one minute seated: he keeps his seat until his turn
  // ends, then Chloe, who waits, takes it.
  commit_at(r, r.decide_at(audience(3), protocol::request_seat{}, t + 7 * minute), t + 7 * minute);
  commit_at(r, r.decide_at(moderator, protocol::grant_floor{speaker{true, 2}, std::nullopt}, t + 7 * minute),
            t + 7 * minute);
  EXPECT_EQ(next_due(r.s), t + 9 * minute);
  run_until(r, t + 9 * minute - 1);
  EXPECT_EQ(seated(r), std::vector<participant_id>{2});
  run_until(r, t + 9 * minute);
  EXPECT_EQ(seated(r), std::vector<participant_id>{3});
  EXPECT_FALSE(r.s.show.floor) << "Bob's turn ended with his seat";
  // Dan waits; a pause of thirty seconds moves the end of Chloe's seat time with it.
  commit_at(r, r.decide_at(audience(4), protocol::request_seat{}, t + 9 * minute + 1000), t + 9 * minute + 1000);
  commit_at(r, r.decide_at(moderator, protocol::pause{}, t + 10 * minute), t + 10 * minute);
  EXPECT_FALSE(next_due(r.s));
  commit_at(r, r.decide_at(moderator, protocol::resume{}, t + 10 * minute + 30'000), t + 10 * minute + 30'000);
  EXPECT_EQ(next_due(r.s), t + 11 * minute + 30'000);
  run_until(r, t + 11 * minute + 30'000);
  EXPECT_EQ(seated(r), std::vector<participant_id>{4});
}

// Every screen counts a seat's time down from the show's `seat_ends`: the moment the clock
// rotates the seat, pauses and a turn at the floor included.
TEST(clock, every_view_of_the_show_says_when_each_seat_s_time_is_up) {
  auto r = automatic_fishbowl();
  const auto t = r.next_at();
  commit_at(r, r.decide_at(moderator, protocol::start_show{}, t), t);
  commit_at(r, r.decide_at(audience(1), protocol::request_seat{}, t + 1000), t + 1000);
  EXPECT_FALSE(snapshot_state(r, view::public_view, std::nullopt)["show"].contains("seat_ends"))
      << "nobody is seated yet";
  run_until(r, t + 3 * minute);
  const auto seg = r.s.show.current();
  ASSERT_NE(seg, nullptr);
  const auto turn = static_cast<std::int64_t>(seg->speaker_seconds) * 1000;
  EXPECT_EQ(snapshot_state(r, view::public_view, std::nullopt)["show"]["seat_ends"],
            (json{{"p1", t + 3 * minute + turn}}));
  // Bob waits, a pause of 30 s moves Ann's end with it: the room rotates her seat at that moment.
  commit_at(r, r.decide_at(audience(2), protocol::request_seat{}, t + 4 * minute), t + 4 * minute);
  commit_at(r, r.decide_at(moderator, protocol::pause{}, t + 4 * minute), t + 4 * minute);
  const auto resumed = r.decide_at(moderator, protocol::resume{}, t + 4 * minute + 30'000);
  commit_at(r, resumed, t + 4 * minute + 30'000);
  const auto end = t + 3 * minute + turn + 30'000;
  EXPECT_EQ(next_due(r.s), end);
  EXPECT_EQ(data_of(r, r.log.back(), view::public_view)["show"]["seat_ends"]["p1"], end)
      << "show_resumed brings the moved end";
  EXPECT_EQ(snapshot_state(r, view::moderator_view, std::nullopt)["show"]["seat_ends"]["p1"], end);
  // A manual show rotates nothing, so it counts nothing down.
  auto manual = automatic_fishbowl(false);
  commit_at(manual, manual.decide_at(moderator, protocol::start_show{}, t), t);
  commit_at(manual, manual.decide_at(moderator, protocol::advance{}, t + 1000), t + 1000);
  commit_at(manual, manual.decide_at(moderator, protocol::seat{1}, t + 2000), t + 2000);
  ASSERT_EQ(seated(manual), std::vector<participant_id>{1});
  EXPECT_FALSE(snapshot_state(manual, view::public_view, std::nullopt)["show"].contains("seat_ends"));
}

TEST(clock, a_fishbowl_seat_goes_to_the_first_who_waits_and_may_take_it) {
  auto r = automatic_fishbowl();
  const auto t = r.next_at();
  commit_at(r, r.decide_at(moderator, protocol::start_show{}, t), t);
  commit_at(r, r.decide_at(audience(1), protocol::request_seat{}, t + 1000), t + 1000);
  commit_at(r, r.decide_at(audience(2), protocol::request_seat{}, t + 2000), t + 2000);
  commit_at(r, r.decide_at(moderator, protocol::ban{1, "insults"}, t + 3000), t + 3000);
  run_until(r, t + 3 * minute);
  EXPECT_EQ(seated(r), std::vector<participant_id>{2}) << "a banned participant is never seated";
  // The moderator unseats Bob by hand; nobody else may take the seat, so it stays open.
  commit_at(r, r.decide_at(moderator, protocol::unseat{2}, t + 4 * minute), t + 4 * minute);
  EXPECT_TRUE(seated(r).empty());
  EXPECT_EQ(next_due(r.s), t + 43 * minute) << "only the end of the segment is due";
}

TEST(clock, a_show_the_moderator_advances_never_moves_on_its_own) {
  auto r = oxford();
  const auto t = r.next_at();
  commit_at(r, r.decide_at(moderator, protocol::start_show{}, t), t);
  EXPECT_FALSE(next_due(r.s));
  EXPECT_TRUE(no_events(r.decide_at(system_actor, cmd::clock_tick{}, t + 60 * minute)));
  EXPECT_EQ(rejected(r.decide_at(moderator, cmd::clock_tick{}, t + 60 * minute)), error_code::forbidden);
}

}  // namespace
}  // namespace tribune::engine::testing
