// Arguments, given events, when a command, then events or a rejection: who publishes at once,
// moderation, ratings and their figures.
#include "engine/arguments/arguments.hpp"

#include <gtest/gtest.h>

#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

using protocol::side;
using protocol::speaker;

TEST(structured, audience_arguments_wait_for_a_moderator_while_panelists_publish_at_once) {
  auto r = oxford();
  const auto by_panelist =
      r.decide(panelist_actor(1),
               protocol::post_argument{"Cleaner air", side::for_motion, std::nullopt, protocol::relation::none, ""});
  const auto* mine = single<ev::argument_posted>(by_panelist);
  ASSERT_NE(mine, nullptr);
  EXPECT_TRUE(mine->published);
  commit(r, r.decide(panelist_actor(1), protocol::post_argument{"Cleaner air", side::for_motion, std::nullopt,
                                                                protocol::relation::none, ""}));
  const auto by_audience =
      r.decide(audience(1), protocol::post_argument{"Jobs", side::against_motion, 1, protocol::relation::rebuts, ""});
  const auto* theirs = single<ev::argument_posted>(by_audience);
  ASSERT_NE(theirs, nullptr);
  EXPECT_FALSE(theirs->published);
  commit(r, r.decide(audience(1),
                     protocol::post_argument{"Jobs", side::against_motion, 1, protocol::relation::rebuts, ""}));
  EXPECT_EQ(rejected(r.decide(audience(2),
                              protocol::post_argument{"Re", side::for_motion, 2, protocol::relation::opposes, ""})),
            error_code::argument_not_published);
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::rate_argument{2, protocol::rating::agree})),
            error_code::argument_not_published);
  EXPECT_EQ(rejected(r.decide(
                stage, protocol::post_argument{"x", side::for_motion, std::nullopt, protocol::relation::none, ""})),
            error_code::forbidden);
  commit(r, r.decide(moderator, protocol::dismiss_argument{2, "off topic"}));
  ASSERT_FALSE(r.s.log.empty());
  const json entry = log_view(r.s, r.s.log.back(), view::public_view);
  EXPECT_EQ(entry["argument"]["text"], "Jobs");
  EXPECT_EQ(entry["reason"], "off topic");
}

TEST(structured, ratings_count_once_each_and_give_agreement_and_divisiveness) {
  auto r = oxford();
  r.join("Dan");
  commit(r, r.decide(panelist_actor(1), protocol::post_argument{"Cleaner air", side::for_motion, std::nullopt,
                                                                protocol::relation::none, ""}));
  for (participant_id p : {1u, 2u, 3u})
    commit(r, r.decide(audience(p), protocol::rate_argument{1, protocol::rating::agree}));
  commit(r, r.decide(audience(4), protocol::rate_argument{1, protocol::rating::disagree}));
  EXPECT_TRUE(accepted(r.decide(audience(4), protocol::rate_argument{1, protocol::rating::disagree})).empty());
  const auto figures = figures_json(*r.s.find_argument(1));
  EXPECT_EQ(figures["agree"], 3);
  EXPECT_EQ(figures["disagree"], 1);
  EXPECT_DOUBLE_EQ(figures["agreement"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(figures["divisiveness"].get<double>(), 0.5);
  commit(r, r.decide(audience(4), protocol::rate_argument{1, protocol::rating::agree}));  // changed, not added
  EXPECT_EQ(figures_json(*r.s.find_argument(1))["agree"], 4);
  EXPECT_EQ(figures_json(*r.s.find_argument(1))["disagree"], 0);
}

}  // namespace
}  // namespace tribune::engine::testing
