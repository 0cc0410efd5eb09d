// Reactions: who may react, and the totals the room records; the audience's peak.
#include "engine/reactions/reactions.hpp"

#include <gtest/gtest.h>

#include "engine/report/report.hpp"
#include "engine/snapshot.hpp"
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

TEST(record_audience, only_the_system_records_a_peak_and_only_a_higher_one) {
  room r = with_pending_question();
  for (const auto& who : {organizer, moderator, stage, audience(1)}) {
    EXPECT_EQ(rejected(r.decide(who, cmd::record_audience{5})), error_code::forbidden) << to_string(who.role);
  }
  EXPECT_TRUE(no_events(r.decide(system_actor, cmd::record_audience{0})));
  const auto five = r.decide(system_actor, cmd::record_audience{5});
  const auto* e = single<ev::audience_peaked>(five);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->connected, 5u);
  r.fold(*e);
  EXPECT_EQ(r.s.peak_audience, 5u);
  EXPECT_TRUE(no_events(r.decide(system_actor, cmd::record_audience{5}))) << "the same peak again";
  EXPECT_TRUE(no_events(r.decide(system_actor, cmd::record_audience{3}))) << "fewer people now";
  commit(r, r.decide(system_actor, cmd::record_audience{8}));
  EXPECT_EQ(r.s.peak_audience, 8u);
  EXPECT_EQ(report_of(r.s, history{}, view::public_view).counts.peak_audience, 8u);
  const auto back = decode_state(encode_state(r.s));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->peak_audience, 8u) << "a snapshot keeps the peak";
}

TEST(record_audience, a_peak_is_sent_to_no_screen) {
  room r = with_pending_question();
  const auto d = r.decide(system_actor, cmd::record_audience{4});
  const auto* e = single<ev::audience_peaked>(d);
  ASSERT_TRUE(e);
  EXPECT_TRUE(coalesced(event_body{*e}));
}

}  // namespace
}  // namespace tribune::engine::testing
