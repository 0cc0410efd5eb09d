// The stage, given events, when a command, then events or a rejection: formats and segments, the
// floor and talk time, hands and fishbowl seats.
#include "engine/stage/stage.hpp"

#include <gtest/gtest.h>

#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

using protocol::side;
using protocol::speaker;

TEST(structured, every_template_starts_at_its_first_segment_and_refuses_to_advance_past_the_last) {
  for (const auto name : format_names()) {
    room r;
    r.created();
    r.fold(installed(*format_template(name)));
    commit(r, r.decide(moderator, protocol::start_show{}));
    EXPECT_EQ(r.s.show.segment, 1u) << protocol::word(name);
    EXPECT_EQ(rejected(r.decide(moderator, protocol::start_show{})), error_code::show_started);
    while (r.s.show.segment < r.s.show.segments.size()) commit(r, r.decide(moderator, protocol::advance{}));
    EXPECT_EQ(rejected(r.decide(moderator, protocol::advance{})), error_code::no_next_segment) << protocol::word(name);
    commit(r, r.decide(moderator, protocol::end_show{}));
    EXPECT_EQ(r.s.show.status, show_status::ended);
    EXPECT_EQ(rejected(r.decide(moderator, protocol::advance{})), error_code::show_not_running);
  }
}

TEST(structured, only_moderators_run_the_show) {
  auto r = oxford();
  for (const auto& who : {audience(1), stage, panelist_actor(1)}) {
    EXPECT_EQ(rejected(r.decide(who, protocol::start_show{})), error_code::forbidden);
    EXPECT_EQ(rejected(r.decide(who, protocol::grant_floor{speaker{false, 1}, std::nullopt})), error_code::forbidden);
    EXPECT_EQ(rejected(r.decide(who, protocol::create_oxford_poll{protocol::oxford_phase::before})),
              error_code::forbidden);
  }
  EXPECT_EQ(rejected(r.decide(moderator, cmd::set_format{protocol::show_format::custom, {}, 0})),
            error_code::forbidden);
}

TEST(structured, the_run_of_show_is_fixed_once_the_show_starts) {
  auto r = oxford();
  commit(r, r.decide(organizer, *format_template(protocol::show_format::talk_show)));
  EXPECT_EQ(r.s.show.format, protocol::show_format::talk_show);
  commit(r, r.decide(moderator, protocol::start_show{}));
  EXPECT_EQ(rejected(r.decide(organizer, *format_template(protocol::show_format::oxford))), error_code::show_started);
}

TEST(structured, the_floor_goes_only_to_someone_on_stage_whom_the_segment_allows) {
  auto r = oxford();
  commit(r, r.decide(moderator, protocol::start_show{}));  // vote before: the host speaks
  EXPECT_EQ(rejected(r.decide(moderator, protocol::grant_floor{speaker{false, 1}, std::nullopt})),
            error_code::not_allowed_in_segment);
  commit(r, r.decide(moderator, protocol::advance{}));  // opening statements: for and against
  EXPECT_EQ(rejected(r.decide(moderator, protocol::grant_floor{speaker{false, 3}, std::nullopt})),
            error_code::not_allowed_in_segment);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::grant_floor{speaker{true, 1}, std::nullopt})),
            error_code::not_on_stage);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::grant_floor{speaker{false, 9}, std::nullopt})),
            error_code::unknown_panelist);
  commit(r, r.decide(moderator, protocol::set_on_stage{2, false}));
  EXPECT_EQ(rejected(r.decide(moderator, protocol::grant_floor{speaker{false, 2}, std::nullopt})),
            error_code::not_on_stage);
  const auto grant = r.decide(moderator, protocol::grant_floor{speaker{false, 1}, std::nullopt});
  const auto* granted = single<ev::floor_granted>(grant);
  ASSERT_NE(granted, nullptr);
  EXPECT_EQ(granted->allotted_ms, 300000);  // the opening segment's turn length
}

TEST(structured, talk_time_accumulates_per_speaker_and_side_without_pauses) {
  auto r = oxford();
  commit(r, r.decide(moderator, protocol::start_show{}));
  commit(r, r.decide(moderator, protocol::advance{}));
  // Events are one second apart in the fixture.
  commit(r, r.decide(moderator, protocol::grant_floor{speaker{false, 1}, 60}));
  r.fold(ev::show_paused{});
  r.fold(ev::show_resumed{});  // one paused second
  commit(r, r.decide(moderator, protocol::grant_floor{speaker{false, 2}, std::nullopt}));
  commit(r, r.decide(moderator, protocol::extend_floor{30}));
  EXPECT_EQ(r.s.show.floor->allotted_ms, 330000);
  commit(r, r.decide(moderator, protocol::end_floor{}));
  EXPECT_EQ(r.s.show.talk_ms["g1"], 2000);  // granted at t, paused at t+1 s, resumed t+2 s, ended t+3 s
  EXPECT_EQ(r.s.show.talk_ms["g2"], 2000);
  EXPECT_EQ(r.s.show.side_talk_ms[static_cast<std::size_t>(side::for_motion)], 2000);
  EXPECT_EQ(r.s.show.side_talk_ms[static_cast<std::size_t>(side::against_motion)], 2000);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::end_floor{})), error_code::no_speaker);
}

// A turn ended by a new segment, or by its speaker leaving the stage, is in the moderators' balance
// as soon as that event arrives, not only in the next snapshot.
TEST(structured, every_event_that_ends_a_turn_brings_the_moderators_the_balance_with_it) {
  auto r = oxford();
  commit(r, r.decide(moderator, protocol::start_show{}));
  commit(r, r.decide(moderator, protocol::advance{}));  // opening statements
  commit(r, r.decide(moderator, protocol::grant_floor{speaker{false, 1}, std::nullopt}));
  commit(r, r.decide(moderator, protocol::set_on_stage{1, false}));
  const auto left = encoded(r, r.log.back(), view::moderator_view);
  EXPECT_EQ(left["event"], "panelist_stage_changed");
  EXPECT_EQ(left["data"]["talk_time"]["speakers"]["g1"], 1000) << left.dump();
  EXPECT_FALSE(data_of(r, r.log.back(), view::public_view).contains("talk_time"));
  commit(r, r.decide(moderator, protocol::grant_floor{speaker{false, 2}, std::nullopt}));
  commit(r, r.decide(moderator, protocol::advance{}));
  const auto next = encoded(r, r.log.back(), view::moderator_view);
  EXPECT_EQ(next["event"], "segment_started");
  EXPECT_EQ(next["data"]["talk_time"]["speakers"]["g2"], 1000) << "the turn the new segment ended";
  EXPECT_EQ(next["data"]["talk_time"]["sides"]["against"], 1000);
  EXPECT_FALSE(data_of(r, r.log.back(), view::public_view).contains("talk_time")) << "talk time is the moderators'";
}

TEST(structured, hands_wait_in_two_lanes_and_the_floor_lowers_them) {
  auto r = oxford();
  commit(r, r.decide(panelist_actor(1), protocol::raise_hand{protocol::lane::new_point}));
  EXPECT_TRUE(accepted(r.decide(panelist_actor(1), protocol::raise_hand{protocol::lane::new_point})).empty());
  commit(r, r.decide(panelist_actor(2), protocol::raise_hand{protocol::lane::direct_reply}));
  ASSERT_EQ(r.s.show.hands.size(), 2u);
  EXPECT_EQ(r.s.show.hands[1].in, protocol::lane::direct_reply);
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::raise_hand{protocol::lane::new_point})), error_code::forbidden);
  commit(r, r.decide(moderator, protocol::grant_floor{speaker{false, 2}, std::nullopt}));
  ASSERT_EQ(r.s.show.hands.size(), 1u);
  EXPECT_EQ(r.s.show.hands[0].who, (speaker{false, 1}));
}

TEST(structured, ending_the_show_takes_the_question_off_the_air_and_lowers_every_hand) {
  auto r = oxford();
  r.fold(ev::question_approved{r.ask(1, "Who pays for the buses?")});
  r.fold(ev::on_air_changed{1});
  commit(r, r.decide(moderator, protocol::start_show{}));
  commit(r, r.decide(panelist_actor(1), protocol::raise_hand{protocol::lane::new_point}));
  ASSERT_EQ(r.s.show.hands.size(), 1u);
  const auto ended = accepted(r.decide(moderator, protocol::end_show{}));
  ASSERT_EQ(ended.size(), 2u);
  EXPECT_FALSE(std::get<ev::on_air_changed>(ended[0]).question);
  for (const auto& e : ended) r.fold(e);
  EXPECT_FALSE(r.s.on_air);
  EXPECT_TRUE(r.s.show.hands.empty());
  EXPECT_EQ(r.s.show.status, show_status::ended);
  // Without a question on air, the show simply ends.
  auto quiet = oxford();
  commit(quiet, quiet.decide(moderator, protocol::start_show{}));
  EXPECT_EQ(accepted(quiet.decide(moderator, protocol::end_show{})).size(), 1u);
}

TEST(structured, a_fishbowl_seats_an_audience_member_in_the_open_seat_only) {
  room r;
  r.created();
  auto format = *format_template(protocol::show_format::fishbowl);
  format.seats = 2;
  r.fold(installed(format));
  r.fold(ev::panelist_added{1, "Host", protocol::panel_role::host, side::none, cred("g1")});
  r.join("Ann");
  r.join("Bob");
  commit(r, r.decide(audience(1), protocol::request_seat{}));
  EXPECT_EQ(r.s.show.seat_requests.size(), 1u);
  commit(r, r.decide(moderator, protocol::seat{1}));
  EXPECT_TRUE(on_stage(r.s, speaker{true, 1}));
  EXPECT_TRUE(r.s.show.seat_requests.empty());
  EXPECT_EQ(rejected(r.decide(moderator, protocol::seat{2})), error_code::no_open_seat);
  commit(r, r.decide(audience(1), protocol::raise_hand{protocol::lane::new_point}));
  commit(r, r.decide(moderator, protocol::unseat{1}));
  EXPECT_TRUE(r.s.show.hands.empty());
  EXPECT_EQ(rejected(r.decide(moderator, protocol::unseat{1})), error_code::not_seated);
  commit(r, r.decide(moderator, protocol::seat{2}));
  EXPECT_EQ(rejected(oxford().decide(audience(1), protocol::request_seat{})), error_code::no_seats);
}

}  // namespace
}  // namespace tribune::engine::testing
