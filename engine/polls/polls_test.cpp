// Polls and the Oxford vote, given events, when a command, then events or a rejection: ballots,
// tallies and who sees them, and the swing that decides the winner.
#include "engine/polls/polls.hpp"

#include <gtest/gtest.h>

#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

using protocol::side;
using protocol::speaker;

// Before: For 1, Against 1, Undecided 1 (33.3% each). After: as given.
json swing_after(const std::vector<std::uint32_t>& after) {
  auto r = oxford();
  r.join("Dan");
  commit(r, r.decide(moderator, protocol::create_oxford_poll{protocol::oxford_phase::before}));
  EXPECT_EQ(rejected(r.decide(moderator, protocol::create_oxford_poll{protocol::oxford_phase::before})),
            error_code::oxford_poll_exists);
  commit(r, r.decide(moderator, protocol::open_poll{1}));
  for (participant_id p : {1u, 2u, 3u})
    commit(r, r.decide(audience(p), protocol::vote{1, std::uint32_t{p - 1}, std::nullopt}));
  commit(r, r.decide(moderator, protocol::close_poll{1}));
  commit(r, r.decide(moderator, protocol::create_oxford_poll{protocol::oxford_phase::after}));
  commit(r, r.decide(moderator, protocol::open_poll{2}));
  for (std::size_t i = 0; i < after.size(); ++i) {
    commit(r, r.decide(audience(static_cast<participant_id>(i + 1)), protocol::vote{2, after[i], std::nullopt}));
  }
  EXPECT_TRUE(oxford_json(r.s).is_null()) << "no result before the after vote closes";
  commit(r, r.decide(moderator, protocol::close_poll{2}));
  return oxford_json(r.s);
}

TEST(structured, a_ballot_counts_once_can_change_until_the_poll_closes_and_fits_its_poll) {
  auto r = oxford();
  commit(r, r.decide(moderator, protocol::create_poll{protocol::poll_kind::single, "Best?", {"A", "B"}}));
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::vote{1, std::uint32_t{0}, std::nullopt})),
            error_code::poll_not_open);
  commit(r, r.decide(moderator, protocol::open_poll{1}));
  commit(r, r.decide(audience(1), protocol::vote{1, std::uint32_t{0}, std::nullopt}));
  EXPECT_TRUE(accepted(r.decide(audience(1), protocol::vote{1, std::uint32_t{0}, std::nullopt})).empty());
  commit(r, r.decide(audience(1), protocol::vote{1, std::uint32_t{1}, std::nullopt}));
  EXPECT_EQ(r.s.find_poll(1)->counts, (std::vector<std::uint64_t>{0, 1}));
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::vote{1, std::uint32_t{2}, std::nullopt})),
            error_code::invalid_choice);
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::vote{1, std::string("word"), std::nullopt})),
            error_code::invalid_choice);
  EXPECT_EQ(rejected(r.decide(panelist_actor(1), protocol::vote{1, std::uint32_t{0}, std::nullopt})),
            error_code::forbidden);
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::vote{9, std::uint32_t{0}, std::nullopt})),
            error_code::unknown_poll);
  commit(r, r.decide(moderator, protocol::close_poll{1}));
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::vote{1, std::uint32_t{0}, std::nullopt})),
            error_code::poll_not_open);
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
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::vote{2, std::uint32_t{6}, std::nullopt})),
            error_code::invalid_choice);
  commit(r, r.decide(audience(1), protocol::vote{2, std::uint32_t{5}, std::nullopt}));
  commit(r, r.decide(audience(2), protocol::vote{2, std::uint32_t{2}, std::nullopt}));
  EXPECT_DOUBLE_EQ(tally_json(*r.s.find_poll(2))["mean"].get<double>(), 3.5);
  commit(r, r.decide(audience(1), protocol::vote{3, protocol::fold_word("Écologie "), std::nullopt}));
  commit(r, r.decide(audience(2), protocol::vote{3, protocol::fold_word("ecologie"), std::nullopt}));
  EXPECT_EQ(r.s.find_poll(3)->words.at("ecologie"), 2u);
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
  EXPECT_TRUE(coalesced(ballot[0]));
  commit(r, r.decide(audience(1), protocol::vote{1, std::uint32_t{1}, std::nullopt}));
  auto hidden = json::parse(encode_tallies(r.s, view::public_view, polls_marked({1})));
  EXPECT_FALSE(hidden["polls"]["v1"].contains("tally"));
  EXPECT_EQ(
      json::parse(encode_tallies(r.s, view::moderator_view, polls_marked({1})))["polls"]["v1"]["tally"]["counts"][1],
      1);
  commit(r, r.decide(moderator, protocol::reveal_poll{1}));
  EXPECT_EQ(json::parse(encode_tallies(r.s, view::public_view, polls_marked({1})))["polls"]["v1"]["tally"]["counts"][1],
            1);
}

}  // namespace
}  // namespace tribune::engine::testing
