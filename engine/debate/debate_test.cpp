// The debate and its people, given events, when a command, then events or a rejection.
#include "engine/debate/debate.hpp"

#include <gtest/gtest.h>

#include "engine/engine.hpp"
#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

TEST(create_debate, the_organizer_creates_a_debate_with_its_links) {
  const room r;
  const auto d = r.decide(organizer, cmd::create_debate{sample_debate(), cred("mod"), cred("stage"), cred("overlay")});
  const auto* e = single<ev::debate_created>(d);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->debate.id, "k3f9x2m4qa");
  EXPECT_EQ(e->debate.title, "Should cities ban cars?");
  EXPECT_EQ(e->moderator.selector, cred("mod").selector);
  EXPECT_EQ(e->stage.verifier_hash, cred("stage").verifier_hash);
}

TEST(create_debate, nobody_but_the_organizer_may_create_a_debate) {
  const room r;
  for (const auto& who : {moderator, stage, system_actor, audience(1)}) {
    EXPECT_EQ(rejected(r.decide(who, cmd::create_debate{sample_debate(), cred("m"), cred("s"), cred("o")})),
              error_code::forbidden)
        << to_string(who.role);
  }
}

TEST(create_debate, a_debate_is_created_only_once) {
  room r;
  r.created();
  EXPECT_EQ(rejected(r.decide(organizer, cmd::create_debate{sample_debate(), cred("m"), cred("s"), cred("o")})),
            error_code::debate_exists);
}

TEST(join, the_system_adds_a_participant_with_the_next_id) {
  room r;
  r.created();
  r.join("Ann");
  const auto d = r.decide(system_actor, cmd::join{"Bob", cred("bob")});
  const auto* e = single<ev::participant_joined>(d);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->participant, 2u);
  EXPECT_EQ(e->display_name, "Bob");
  EXPECT_EQ(e->cred.selector, cred("bob").selector);
}

TEST(join, nobody_but_the_system_joins_participants) {
  room r;
  r.created();
  for (const auto& who : {organizer, moderator, stage, audience(1)}) {
    EXPECT_EQ(rejected(r.decide(who, cmd::join{"Eve", cred("eve")})), error_code::forbidden) << to_string(who.role);
  }
}

TEST(join, a_participant_without_a_name_is_called_guest_n) {
  room r;
  r.created();
  r.join("Ann");
  r.join("Bob");
  const auto d = r.decide(system_actor, cmd::join{"", cred("x")});
  const auto* e = single<ev::participant_joined>(d);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->display_name, "Guest 3");
}

TEST(rotate_links, only_the_organizer_rotates_links_and_the_state_keeps_the_new_ones) {
  room r = with_pending_question();
  for (const auto& who : {moderator, stage, system_actor, audience(1)}) {
    EXPECT_EQ(rejected(r.decide(who, cmd::rotate_links{cred("m2"), cred("s2"), {}})), error_code::forbidden)
        << to_string(who.role);
  }
  const auto d = r.decide(organizer, cmd::rotate_links{cred("m2"), cred("s2"), {}});
  const auto* e = single<ev::links_rotated>(d);
  ASSERT_TRUE(e);
  r.fold(*e);
  EXPECT_EQ(r.s.moderator.selector, cred("m2").selector);
  EXPECT_EQ(r.s.stage.verifier_hash, cred("s2").verifier_hash);
  EXPECT_EQ(r.s.overlay.selector, cred("overlay").selector) << "a link not given keeps working";
}

TEST(rotate_links, one_link_alone_is_replaced_and_the_overlay_acts_as_a_stage) {
  room r = with_pending_question();
  const auto d = r.decide(organizer, cmd::rotate_links{{}, {}, cred("o2")});
  const auto* e = single<ev::links_rotated>(d);
  ASSERT_TRUE(e);
  r.fold(*e);
  EXPECT_EQ(r.s.overlay.selector, cred("o2").selector);
  EXPECT_EQ(r.s.moderator.selector, cred("mod").selector);
  EXPECT_EQ(r.s.stage.selector, cred("stage").selector);
  const auto holder = find_holder(r.s, cred("o2").selector);
  ASSERT_TRUE(holder);
  EXPECT_EQ(holder->who.role, protocol::role::stage);
  EXPECT_FALSE(find_holder(r.s, cred("overlay").selector)) << "the replaced overlay link is refused";
}

TEST(rotate_links, replacing_nothing_is_refused) {
  room r = with_pending_question();
  EXPECT_EQ(rejected(r.decide(organizer, cmd::rotate_links{})), error_code::invalid_field);
}

}  // namespace
}  // namespace tribune::engine::testing
