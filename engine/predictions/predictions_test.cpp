// Predictions, given events, when a command, then events or a rejection: who opens, locks,
// resolves and cancels one; one prediction per person while it is open; counts through tallies,
// each person's own outcome in their snapshot, and who predicted what never in the public archive.
#include "engine/predictions/predictions.hpp"

#include <gtest/gtest.h>

#include "engine/archive.hpp"
#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

using protocol::prediction_status;

protocol::create_prediction who_wins() { return {"Who wins the vote?", {"For", "Against", "A tie"}}; }

TEST(predictions, only_moderators_open_lock_resolve_or_cancel_one) {
  auto r = two_people();
  for (const auto& who : {audience(1), stage}) {
    EXPECT_EQ(rejected(r.decide(who, who_wins())), error_code::forbidden) << to_string(who.role);
  }
  const auto decided = r.decide(moderator, who_wins());
  const auto* made = single<ev::prediction_created>(decided);
  ASSERT_NE(made, nullptr);
  EXPECT_EQ(made->prediction, 1u);
  EXPECT_EQ(made->outcomes.size(), 3u);
  commit(r, r.decide(moderator, who_wins()));
  for (const auto& who : {audience(1), stage}) {
    EXPECT_EQ(rejected(r.decide(who, protocol::lock_prediction{1})), error_code::forbidden);
    EXPECT_EQ(rejected(r.decide(who, protocol::resolve_prediction{1, 0})), error_code::forbidden);
    EXPECT_EQ(rejected(r.decide(who, protocol::cancel_prediction{1})), error_code::forbidden);
  }
  EXPECT_EQ(rejected(r.decide(moderator, protocol::lock_prediction{2})), error_code::unknown_prediction);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::resolve_prediction{1, 3})), error_code::invalid_outcome);
  commit(r, r.decide(moderator, protocol::lock_prediction{1}));
  EXPECT_EQ(r.s.predictions[0].status, prediction_status::locked);
  EXPECT_TRUE(no_events(r.decide(moderator, protocol::lock_prediction{1}))) << "locked already";
  commit(r, r.decide(moderator, protocol::resolve_prediction{1, 2}));
  EXPECT_EQ(r.s.predictions[0].status, prediction_status::resolved);
  EXPECT_EQ(r.s.predictions[0].winner, 2u);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::resolve_prediction{1, 0})), error_code::prediction_closed);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::cancel_prediction{1})), error_code::prediction_closed);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::lock_prediction{1})), error_code::prediction_closed);
}

TEST(predictions, each_person_predicts_once_while_it_is_open) {
  auto r = two_people();
  commit(r, r.decide(moderator, who_wins()));
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::predict{2, 0})), error_code::unknown_prediction);
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::predict{1, 3})), error_code::invalid_outcome);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::predict{1, 0})), error_code::forbidden);
  commit(r, r.decide(audience(1), protocol::predict{1, 0}));
  EXPECT_TRUE(no_events(r.decide(audience(1), protocol::predict{1, 0}))) << "the same outcome again";
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::predict{1, 1})), error_code::already_predicted);
  commit(r, r.decide(audience(2), protocol::predict{1, 0}));
  EXPECT_EQ(r.s.predictions[0].counts, (std::vector<std::uint64_t>{2, 0, 0}));
  commit(r, r.decide(moderator, protocol::lock_prediction{1}));
  r.join("Chloe");
  EXPECT_EQ(rejected(r.decide(audience(3), protocol::predict{1, 1})), error_code::prediction_not_open);
  commit(r, r.decide(moderator, protocol::ban{2, "spam"}));
  commit(r, r.decide(moderator, who_wins()));
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::predict{2, 1})), error_code::banned);
}

TEST(predictions, counts_reach_screens_as_tallies_and_each_person_sees_their_own_outcome) {
  auto r = two_people();
  commit(r, r.decide(moderator, who_wins()));
  const auto made = r.fold(accepted(r.decide(audience(1), protocol::predict{1, 1})).at(0));
  EXPECT_TRUE(coalesced(made.body)) << "never one message per prediction";
  tally_marks marks;
  mark(marks, made.body);
  const auto tallies = json::parse(encode_tallies(r.s, view::public_view, marks));
  EXPECT_EQ(tallies["predictions"]["r1"], json::array({0, 1, 0}));
  EXPECT_FALSE(json::parse(encode_tallies(r.s, view::public_view, polls_marked({}))).contains("predictions"));

  const auto mine = snapshot_state(r, view::public_view, participant_id{1});
  EXPECT_EQ(mine["predictions"][0]["id"], "r1");
  EXPECT_EQ(mine["predictions"][0]["counts"], json::array({0, 1, 0}));
  EXPECT_EQ(mine["me"]["predictions"]["r1"], 1);
  EXPECT_TRUE(snapshot_state(r, view::public_view, participant_id{2})["me"]["predictions"].empty());

  const auto resolved = r.fold(accepted(r.decide(moderator, protocol::resolve_prediction{1, 1})).at(0));
  const auto shown = data_of(r, resolved, view::public_view)["prediction"];
  EXPECT_EQ(shown["status"], "resolved");
  EXPECT_EQ(shown["winner"], 1);
  EXPECT_FALSE(public_in_archive(r.s, made.body)) << "who predicted what is not public";
  EXPECT_TRUE(public_in_archive(r.s, resolved.body));
}

}  // namespace
}  // namespace tribune::engine::testing
