// Reactions: who may react, and the totals the room records.
#include "engine/reactions/reactions.hpp"

#include <gtest/gtest.h>

#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

TEST(record_reactions, only_the_system_records_reactions_and_all_zero_is_a_no_op) {
  room r = with_pending_question();
  const protocol::reaction_counts some{3, 0, 1, 0, 2};
  for (const auto& who : {organizer, moderator, stage, audience(1)}) {
    EXPECT_EQ(rejected(r.decide(who, cmd::record_reactions{some})), error_code::forbidden) << to_string(who.role);
  }
  EXPECT_TRUE(no_events(r.decide(system_actor, cmd::record_reactions{})));
  const auto d = r.decide(system_actor, cmd::record_reactions{some});
  const auto* e = single<ev::reactions_recorded>(d);
  ASSERT_TRUE(e);
  r.fold(*e);
  r.fold(*e);
  EXPECT_EQ(r.s.reactions, (protocol::reaction_counts{6, 0, 2, 0, 4}));
}

TEST(record_reactions, the_audience_reacts_before_and_during_the_show_and_not_once_it_has_ended) {
  auto r = oxford();
  EXPECT_FALSE(may_react(r.s, audience(1))) << "warming up before the show";
  commit(r, r.decide(moderator, protocol::start_show{}));
  EXPECT_FALSE(may_react(r.s, audience(1)));
  commit(r, r.decide(moderator, protocol::end_show{}));
  const auto refused = may_react(r.s, audience(1));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, error_code::show_not_running);
}

}  // namespace
}  // namespace tribune::engine::testing
