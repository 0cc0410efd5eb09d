// The structured debate, given events, when a command, then events or a rejection: formats and
// segments, the floor and talk time, arguments and their figures, polls and the Oxford swing.
#include "engine/decide.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine_fixtures.hpp"
#include "engine/formats.hpp"
#include "engine/views.hpp"
#include "engine/views_structured.hpp"

namespace tribune::engine::testing {
namespace {

using protocol::side;
using protocol::speaker;
using json = nlohmann::json;

actor panelist_actor(panelist_id id) {
  actor a{role::panelist, 0};
  a.panelist = id;
  return a;
}

ev::format_set installed(const cmd::set_format& f) { return ev::format_set{f.format, f.segments, f.seats}; }

// Folds the events of an accepted command, as the room does once they are durable.
void commit(room& r, const decision& d) {
  for (const auto& body : accepted(d)) r.fold(body);
}

// An Oxford debate with a For panelist (g1), an Against panelist (g2), a host (g3) and three
// audience members (p1..p3).
room oxford() {
  room r;
  r.created();
  r.fold(installed(*format_template("oxford")));
  r.fold(ev::panelist_added{1, "Green", protocol::panel_role::panelist, side::for_motion, cred("g1")});
  r.fold(ev::panelist_added{2, "Motor", protocol::panel_role::panelist, side::against_motion, cred("g2")});
  r.fold(ev::panelist_added{3, "Host", protocol::panel_role::host, side::none, cred("g3")});
  r.join("Ann");
  r.join("Bob");
  r.join("Chloe");
  return r;
}

TEST(structured, every_template_starts_at_its_first_segment_and_refuses_to_advance_past_the_last) {
  for (const auto name : format_names()) {
    room r;
    r.created();
    r.fold(installed(*format_template(name)));
    commit(r, r.decide(moderator, protocol::start_show{}));
    EXPECT_EQ(r.s.show.segment, 1u) << name;
    EXPECT_EQ(rejected(r.decide(moderator, protocol::start_show{})), error_code::show_started);
    while (r.s.show.segment < r.s.show.segments.size()) commit(r, r.decide(moderator, protocol::advance{}));
    EXPECT_EQ(rejected(r.decide(moderator, protocol::advance{})), error_code::no_next_segment) << name;
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
  EXPECT_EQ(rejected(r.decide(moderator, cmd::set_format{"custom", {}, 0})), error_code::forbidden);
}

TEST(structured, the_run_of_show_is_fixed_once_the_show_starts) {
  auto r = oxford();
  commit(r, r.decide(organizer, *format_template("talk_show")));
  EXPECT_EQ(r.s.show.format, "talk_show");
  commit(r, r.decide(moderator, protocol::start_show{}));
  EXPECT_EQ(rejected(r.decide(organizer, *format_template("oxford"))), error_code::show_started);
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

TEST(structured, a_fishbowl_seats_an_audience_member_in_the_open_seat_only) {
  room r;
  r.created();
  auto format = *format_template("fishbowl");
  format.seats = 2;
  r.fold(installed(format));
  r.fold(ev::panelist_added{1, "Host", protocol::panel_role::host, side::none, cred("g1")});
  r.join("Ann");
  r.join("Bob");
  commit(r, r.decide(audience(1), protocol::request_seat{}));
  EXPECT_EQ(r.s.show.seat_requests.size(), 1u);
  commit(r, r.decide(moderator, protocol::seat{1}));
  EXPECT_TRUE(r.s.on_stage(speaker{true, 1}));
  EXPECT_TRUE(r.s.show.seat_requests.empty());
  EXPECT_EQ(rejected(r.decide(moderator, protocol::seat{2})), error_code::no_open_seat);
  commit(r, r.decide(audience(1), protocol::raise_hand{protocol::lane::new_point}));
  commit(r, r.decide(moderator, protocol::unseat{1}));
  EXPECT_TRUE(r.s.show.hands.empty());
  EXPECT_EQ(rejected(r.decide(moderator, protocol::unseat{1})), error_code::not_seated);
  commit(r, r.decide(moderator, protocol::seat{2}));
  EXPECT_EQ(rejected(oxford().decide(audience(1), protocol::request_seat{})), error_code::no_seats);
}

TEST(structured, audience_arguments_wait_for_a_moderator_while_panelists_publish_at_once) {
  auto r = oxford();
  const auto by_panelist =
      r.decide(panelist_actor(1), protocol::post_argument{"Cleaner air", side::for_motion, std::nullopt, protocol::relation::none, ""});
  const auto* mine = single<ev::argument_posted>(by_panelist);
  ASSERT_NE(mine, nullptr);
  EXPECT_TRUE(mine->published);
  commit(r, r.decide(panelist_actor(1), protocol::post_argument{"Cleaner air", side::for_motion, std::nullopt, protocol::relation::none, ""}));
  const auto by_audience =
      r.decide(audience(1), protocol::post_argument{"Jobs", side::against_motion, 1, protocol::relation::rebuts, ""});
  const auto* theirs = single<ev::argument_posted>(by_audience);
  ASSERT_NE(theirs, nullptr);
  EXPECT_FALSE(theirs->published);
  commit(r, r.decide(audience(1), protocol::post_argument{"Jobs", side::against_motion, 1, protocol::relation::rebuts, ""}));
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::post_argument{"Re", side::for_motion, 2, protocol::relation::opposes, ""})),
            error_code::argument_not_published);
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::rate_argument{2, protocol::rating::agree})),
            error_code::argument_not_published);
  EXPECT_EQ(rejected(r.decide(stage, protocol::post_argument{"x", side::for_motion, std::nullopt, protocol::relation::none, ""})),
            error_code::forbidden);
  commit(r, r.decide(moderator, protocol::dismiss_argument{2, "off topic"}));
  ASSERT_FALSE(r.s.log.empty());
  const auto entry = log_entry_view(r.s, r.s.log.back(), view::public_view);
  EXPECT_EQ(entry["argument"]["text"], "Jobs");
  EXPECT_EQ(entry["reason"], "off topic");
}

TEST(structured, ratings_count_once_each_and_give_agreement_and_divisiveness) {
  auto r = oxford();
  r.join("Dan");
  commit(r, r.decide(panelist_actor(1), protocol::post_argument{"Cleaner air", side::for_motion, std::nullopt, protocol::relation::none, ""}));
  for (participant_id p : {1u, 2u, 3u}) commit(r, r.decide(audience(p), protocol::rate_argument{1, protocol::rating::agree}));
  commit(r, r.decide(audience(4), protocol::rate_argument{1, protocol::rating::disagree}));
  EXPECT_TRUE(accepted(r.decide(audience(4), protocol::rate_argument{1, protocol::rating::disagree})).empty());
  const auto figures = structured::argument_figures(*r.s.find_argument(1));
  EXPECT_EQ(figures["agree"], 3);
  EXPECT_EQ(figures["disagree"], 1);
  EXPECT_DOUBLE_EQ(figures["agreement"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(figures["divisiveness"].get<double>(), 0.5);
  commit(r, r.decide(audience(4), protocol::rate_argument{1, protocol::rating::agree}));  // changed, not added
  EXPECT_EQ(structured::argument_figures(*r.s.find_argument(1))["agree"], 4);
  EXPECT_EQ(structured::argument_figures(*r.s.find_argument(1))["disagree"], 0);
}

TEST(structured, a_ballot_counts_once_can_change_until_the_poll_closes_and_fits_its_poll) {
  auto r = oxford();
  commit(r, r.decide(moderator, protocol::create_poll{protocol::poll_kind::single, "Best?", {"A", "B"}}));
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::vote{1, std::uint32_t{0}, std::nullopt})), error_code::poll_not_open);
  commit(r, r.decide(moderator, protocol::open_poll{1}));
  commit(r, r.decide(audience(1), protocol::vote{1, std::uint32_t{0}, std::nullopt}));
  EXPECT_TRUE(accepted(r.decide(audience(1), protocol::vote{1, std::uint32_t{0}, std::nullopt})).empty());
  commit(r, r.decide(audience(1), protocol::vote{1, std::uint32_t{1}, std::nullopt}));
  EXPECT_EQ(r.s.find_poll(1)->counts, (std::vector<std::uint64_t>{0, 1}));
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::vote{1, std::uint32_t{2}, std::nullopt})), error_code::invalid_choice);
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::vote{1, std::string("word"), std::nullopt})), error_code::invalid_choice);
  EXPECT_EQ(rejected(r.decide(panelist_actor(1), protocol::vote{1, std::uint32_t{0}, std::nullopt})), error_code::forbidden);
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::vote{9, std::uint32_t{0}, std::nullopt})), error_code::unknown_poll);
  commit(r, r.decide(moderator, protocol::close_poll{1}));
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::vote{1, std::uint32_t{0}, std::nullopt})), error_code::poll_not_open);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::open_poll{1})), error_code::poll_not_draft);
}

TEST(structured, multiple_choice_scale_and_word_cloud_ballots_are_counted) {
  auto r = oxford();
  commit(r, r.decide(moderator, protocol::create_poll{protocol::poll_kind::multiple, "Which?", {"A", "B", "C"}}));
  commit(r, r.decide(moderator, protocol::create_poll{protocol::poll_kind::scale, "How much?", {}}));
  commit(r, r.decide(moderator, protocol::create_poll{protocol::poll_kind::word_cloud, "One word", {}}));
  for (poll_id p : {1u, 2u, 3u}) commit(r, r.decide(moderator, protocol::open_poll{p}));
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::vote{1, std::vector<std::uint32_t>{0, 0}, std::nullopt})),
            error_code::invalid_choice);
  commit(r, r.decide(audience(1), protocol::vote{1, std::vector<std::uint32_t>{0, 2}, std::nullopt}));
  EXPECT_EQ(r.s.find_poll(1)->counts, (std::vector<std::uint64_t>{1, 0, 1}));
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::vote{2, std::uint32_t{6}, std::nullopt})), error_code::invalid_choice);
  commit(r, r.decide(audience(1), protocol::vote{2, std::uint32_t{5}, std::nullopt}));
  commit(r, r.decide(audience(2), protocol::vote{2, std::uint32_t{2}, std::nullopt}));
  EXPECT_DOUBLE_EQ(structured::poll_tally(*r.s.find_poll(2))["mean"].get<double>(), 3.5);
  commit(r, r.decide(audience(1), protocol::vote{3, protocol::fold_word("Écologie "), std::nullopt}));
  commit(r, r.decide(audience(2), protocol::vote{3, protocol::fold_word("ecologie"), std::nullopt}));
  EXPECT_EQ(r.s.find_poll(3)->words.at("ecologie"), 2u);
}

// Before: For 1, Against 1, Undecided 1 (33.3% each). After: as given.
json swing_after(const std::vector<std::uint32_t>& after) {
  auto r = oxford();
  r.join("Dan");
  commit(r, r.decide(moderator, protocol::create_oxford_poll{protocol::oxford_phase::before}));
  EXPECT_EQ(rejected(r.decide(moderator, protocol::create_oxford_poll{protocol::oxford_phase::before})),
            error_code::oxford_poll_exists);
  commit(r, r.decide(moderator, protocol::open_poll{1}));
  for (participant_id p : {1u, 2u, 3u}) commit(r, r.decide(audience(p), protocol::vote{1, std::uint32_t{p - 1}, std::nullopt}));
  commit(r, r.decide(moderator, protocol::close_poll{1}));
  commit(r, r.decide(moderator, protocol::create_oxford_poll{protocol::oxford_phase::after}));
  commit(r, r.decide(moderator, protocol::open_poll{2}));
  for (std::size_t i = 0; i < after.size(); ++i) {
    commit(r, r.decide(audience(static_cast<participant_id>(i + 1)), protocol::vote{2, after[i], std::nullopt}));
  }
  EXPECT_TRUE(structured::oxford_result(r.s).is_null()) << "no result before the after vote closes";
  commit(r, r.decide(moderator, protocol::close_poll{2}));
  return structured::oxford_result(r.s);
}

TEST(structured, the_oxford_winner_is_the_side_whose_share_grew_most) {
  const auto result = swing_after({0, 0, 2});  // For 66.7%, Against 0%, Undecided 33.3%
  EXPECT_EQ(result["winner"], "for");
  EXPECT_DOUBLE_EQ(result["swing"]["for"].get<double>(), 33.4);
  EXPECT_DOUBLE_EQ(result["swing"]["against"].get<double>(), -33.3);
  EXPECT_EQ(swing_after({1, 1, 2})["winner"], "against");
}

TEST(structured, equal_swings_are_a_tie_even_when_one_side_has_more_votes) {
  const auto result = swing_after({0, 1, 2});  // unchanged shares
  EXPECT_EQ(result["winner"], "tie");
}

TEST(structured, ballots_and_ratings_are_silent_and_tallies_show_only_revealed_polls_to_the_public) {
  auto r = oxford();
  commit(r, r.decide(moderator, protocol::create_poll{protocol::poll_kind::single, "Best?", {"A", "B"}}));
  commit(r, r.decide(moderator, protocol::open_poll{1}));
  const auto ballot = accepted(r.decide(audience(1), protocol::vote{1, std::uint32_t{1}, std::nullopt}));
  ASSERT_EQ(ballot.size(), 1u);
  EXPECT_TRUE(is_silent(ballot[0]));
  commit(r, r.decide(audience(1), protocol::vote{1, std::uint32_t{1}, std::nullopt}));
  auto hidden = json::parse(encode_tallies(r.s, view::public_view, {1}, {}));
  EXPECT_FALSE(hidden["polls"]["v1"].contains("tally"));
  EXPECT_EQ(json::parse(encode_tallies(r.s, view::moderator_view, {1}, {}))["polls"]["v1"]["tally"]["counts"][1], 1);
  commit(r, r.decide(moderator, protocol::reveal_poll{1}));
  EXPECT_EQ(json::parse(encode_tallies(r.s, view::public_view, {1}, {}))["polls"]["v1"]["tally"]["counts"][1], 1);
}

TEST(structured, a_snapshot_holds_segment_floor_polls_and_figures_for_a_late_joiner) {
  auto r = oxford();
  commit(r, r.decide(moderator, protocol::start_show{}));
  commit(r, r.decide(moderator, protocol::advance{}));
  commit(r, r.decide(moderator, protocol::grant_floor{speaker{false, 1}, std::nullopt}));
  commit(r, r.decide(moderator, protocol::create_oxford_poll{protocol::oxford_phase::before}));
  commit(r, r.decide(moderator, protocol::open_poll{1}));
  commit(r, r.decide(panelist_actor(1), protocol::post_argument{"Cleaner air", side::for_motion, std::nullopt, protocol::relation::none, ""}));
  commit(r, r.decide(audience(2), protocol::rate_argument{1, protocol::rating::agree}));
  const auto snapshot = json::parse(encode_snapshot(r.s, view::public_view, 3))["state"];
  EXPECT_EQ(snapshot["show"]["segment"], "s2");
  EXPECT_EQ(snapshot["show"]["floor"]["speaker"]["name"], "Green");
  EXPECT_EQ(snapshot["show"]["floor"]["allotted_ms"], 300000);
  EXPECT_EQ(snapshot["polls"][0]["status"], "open");
  EXPECT_EQ(snapshot["arguments"][0]["figures"]["agree"], 1);
  EXPECT_EQ(snapshot["arguments"][0]["speaker"]["name"], "Green");
  EXPECT_EQ(snapshot["panelists"].size(), 3u);
  EXPECT_EQ(snapshot["panelists"][0].dump().find("HASH"), std::string::npos);
}

}  // namespace
}  // namespace tribune::engine::testing
