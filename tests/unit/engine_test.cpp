// The debate engine's decide: given past events, when a command, then the expected events or
// rejection. The invariants of evolve are in evolve_test.cpp.
#include "engine/decide.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "engine_fixtures.hpp"

namespace tribune::engine::testing {
namespace {

// ---- create_debate ----------------------------------------------------------------------------------

TEST(create_debate, the_organizer_creates_a_debate_with_its_links) {
  const room r;
  const auto d = r.decide(organizer, cmd::create_debate{sample_debate(), cred("mod"), cred("stage")});
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
    EXPECT_EQ(rejected(r.decide(who, cmd::create_debate{sample_debate(), cred("m"), cred("s")})), error_code::forbidden)
        << to_string(who.role);
  }
}

TEST(create_debate, a_debate_is_created_only_once) {
  room r;
  r.created();
  EXPECT_EQ(rejected(r.decide(organizer, cmd::create_debate{sample_debate(), cred("m"), cred("s")})),
            error_code::debate_exists);
}

// ---- join -----------------------------------------------------------------------------------------

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

// ---- ask ----------------------------------------------------------------------------------------

TEST(ask, an_audience_member_asks_a_pending_question) {
  room r = with_pending_question();
  const auto d = r.decide(audience(2), protocol::ask{"And the vans?", true});
  const auto* e = single<ev::question_asked>(d);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->question, 2u);
  EXPECT_EQ(e->author, 2u);
  EXPECT_EQ(e->text, "And the vans?");
  EXPECT_TRUE(e->anonymous);

  const auto folded = r.fold(*e);
  const auto* q = r.s.find_question(2);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->status, question_status::pending);
  EXPECT_EQ(q->asked_at, folded.at);
  EXPECT_EQ(r.s.pending_count, 2u);
}

TEST(ask, a_muted_participant_cannot_ask) {
  room r = with_pending_question();
  r.fold(ev::participant_muted{1, true});
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::ask{"Again?", false})), error_code::muted);
}

TEST(ask, a_banned_participant_cannot_ask) {
  room r = with_pending_question();
  r.fold(ev::participant_banned{1, "spam"});
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::ask{"Again?", false})), error_code::banned);
}

TEST(ask, moderators_organizer_and_stage_cannot_ask) {
  const room r = with_pending_question();
  for (const auto& who : {moderator, organizer, stage, system_actor}) {
    EXPECT_EQ(rejected(r.decide(who, protocol::ask{"Hello?", false})), error_code::forbidden) << to_string(who.role);
  }
}

TEST(ask, an_unknown_participant_is_unauthorized) {
  const room r = with_pending_question();
  EXPECT_EQ(rejected(r.decide(audience(99), protocol::ask{"Hello?", false})), error_code::unauthorized);
}

// ---- upvote -------------------------------------------------------------------------------------

TEST(upvote, upvoting_an_approved_question_adds_a_vote) {
  room r = with_pending_question();
  r.fold(ev::question_approved{1});
  const auto d = r.decide(audience(2), protocol::upvote{1, true});
  const auto* e = single<ev::upvote_changed>(d);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->question, 1u);
  EXPECT_EQ(e->participant, 2u);
  EXPECT_TRUE(e->on);
  r.fold(*e);
  EXPECT_EQ(r.s.find_question(1)->voters.size(), 1u);
}

TEST(upvote, only_approved_or_answered_questions_can_be_upvoted) {
  room r = with_pending_question();
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::upvote{1, true})), error_code::question_not_open);
  const auto answered = r.approved(2, "Answered one");
  r.fold(ev::question_answered{answered});
  EXPECT_TRUE(produced_one<ev::upvote_changed>(r.decide(audience(1), protocol::upvote{answered, true})));
  const auto dismissed = r.approved(2, "Dismissed one");
  r.fold(ev::question_dismissed{dismissed, "duplicate"});
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::upvote{dismissed, true})), error_code::question_not_open);
}

TEST(upvote, upvoting_twice_the_same_way_produces_no_events) {
  room r = with_pending_question();
  r.fold(ev::question_approved{1});
  r.fold(ev::upvote_changed{1, 2, true});
  EXPECT_TRUE(no_events(r.decide(audience(2), protocol::upvote{1, true})));
  // Withdrawing a vote never cast is a no-op too.
  EXPECT_TRUE(no_events(r.decide(audience(1), protocol::upvote{1, false})));
}

TEST(upvote, withdrawing_an_upvote_removes_it) {
  room r = with_pending_question();
  r.fold(ev::question_approved{1});
  r.fold(ev::upvote_changed{1, 2, true});
  const auto d = r.decide(audience(2), protocol::upvote{1, false});
  const auto* e = single<ev::upvote_changed>(d);
  ASSERT_TRUE(e);
  EXPECT_FALSE(e->on);
  r.fold(*e);
  EXPECT_TRUE(r.s.find_question(1)->voters.empty());
}

TEST(upvote, upvoting_an_unknown_question_is_unknown_question) {
  const room r = with_pending_question();
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::upvote{7, true})), error_code::unknown_question);
}

TEST(upvote, a_banned_participant_cannot_upvote_but_a_muted_one_can) {
  room r = with_pending_question();
  r.fold(ev::question_approved{1});
  r.fold(ev::participant_muted{1, true});
  r.fold(ev::participant_banned{2, "spam"});
  EXPECT_TRUE(produced_one<ev::upvote_changed>(r.decide(audience(1), protocol::upvote{1, true})));
  EXPECT_EQ(rejected(r.decide(audience(2), protocol::upvote{1, true})), error_code::banned);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::upvote{1, true})), error_code::forbidden);
}

// ---- moderation: who may -----------------------------------------------------------------------

// Each moderation command, run on with_pending_question() after `setup`, and the event it yields.
struct moderation_case {
  const char* name;
  std::function<void(room&)> setup;
  command c;
  std::string_view event;
};

std::vector<moderation_case> moderation_cases() {
  const auto nothing = [](room&) {};
  const auto approve_q1 = [](room& r) { r.fold(ev::question_approved{1}); };
  return {
      {"approve", nothing, protocol::approve{1}, ev::question_approved::name},
      {"dismiss", nothing, protocol::dismiss{1, "off topic"}, ev::question_dismissed::name},
      {"mark_answered", approve_q1, protocol::mark_answered{1}, ev::question_answered::name},
      {"pin", approve_q1, protocol::pin{1, true}, ev::question_pinned::name},
      {"put_on_air", approve_q1, protocol::put_on_air{1}, ev::on_air_changed::name},
      {"mute", nothing, protocol::mute{2, true}, ev::participant_muted::name},
      {"ban", nothing, protocol::ban{2, "spam"}, ev::participant_banned::name},
  };
}

TEST(moderation, moderator_and_organizer_may_use_every_moderation_command) {
  for (const auto& who : {moderator, organizer}) {
    for (const auto& mc : moderation_cases()) {
      room r = with_pending_question();
      mc.setup(r);
      const auto events = accepted(r.decide(who, mc.c));
      ASSERT_EQ(events.size(), 1u) << mc.name << " by " << to_string(who.role);
      EXPECT_EQ(event_name(events[0]), mc.event) << mc.name << " by " << to_string(who.role);
    }
  }
}

TEST(moderation, audience_and_stage_are_forbidden_every_moderation_command) {
  for (const auto& who : {audience(1), audience(2), stage}) {
    for (const auto& mc : moderation_cases()) {
      room r = with_pending_question();
      mc.setup(r);
      EXPECT_EQ(rejected(r.decide(who, mc.c)), error_code::forbidden) << mc.name << " by " << to_string(who.role);
    }
  }
}

// ---- moderation: what happens ------------------------------------------------------------------------

TEST(moderation, approving_a_question_that_is_not_pending_is_question_not_pending) {
  room r = with_pending_question();
  r.fold(ev::question_approved{1});
  EXPECT_EQ(rejected(r.decide(moderator, protocol::approve{1})), error_code::question_not_pending);
  r.fold(ev::question_answered{1});
  EXPECT_EQ(rejected(r.decide(moderator, protocol::approve{1})), error_code::question_not_pending);
  const auto q2 = r.ask(2, "Dismissed");
  r.fold(ev::question_dismissed{q2, "rude"});
  EXPECT_EQ(rejected(r.decide(moderator, protocol::approve{q2})), error_code::question_not_pending);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::approve{42})), error_code::unknown_question);
}

TEST(moderation, dismissing_a_question_twice_is_already_dismissed) {
  room r = with_pending_question();
  const auto d = r.decide(moderator, protocol::dismiss{1, "off topic"});
  const auto* e = single<ev::question_dismissed>(d);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->reason, "off topic");
  r.fold(*e);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::dismiss{1, "again"})), error_code::already_dismissed);
}

TEST(moderation, dismissing_the_on_air_question_clears_the_stage) {
  room r = with_pending_question();
  r.fold(ev::question_approved{1});
  r.fold(ev::question_pinned{1, true});
  r.fold(ev::on_air_changed{1});
  ASSERT_EQ(r.s.on_air, 1u);
  r.fold(ev::question_dismissed{1, "answered elsewhere"});
  EXPECT_FALSE(r.s.on_air);
  EXPECT_FALSE(r.s.find_question(1)->pinned);
  EXPECT_EQ(r.s.find_question(1)->dismiss_reason, "answered elsewhere");
}

TEST(moderation, put_on_air_null_clears_the_stage_and_is_a_no_op_when_it_is_clear) {
  room r = with_pending_question();
  EXPECT_TRUE(no_events(r.decide(moderator, protocol::put_on_air{std::nullopt})));
  r.fold(ev::question_approved{1});
  r.fold(ev::on_air_changed{1});
  EXPECT_TRUE(no_events(r.decide(moderator, protocol::put_on_air{1})));
  const auto d = r.decide(moderator, protocol::put_on_air{std::nullopt});
  const auto* e = single<ev::on_air_changed>(d);
  ASSERT_TRUE(e);
  EXPECT_FALSE(e->question);
  r.fold(*e);
  EXPECT_FALSE(r.s.on_air);
}

TEST(moderation, only_open_questions_go_on_air_get_pinned_or_answered) {
  const room r = with_pending_question();
  EXPECT_EQ(rejected(r.decide(moderator, protocol::put_on_air{1})), error_code::question_not_open);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::pin{1, true})), error_code::question_not_open);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::mark_answered{1})), error_code::question_not_open);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::put_on_air{9})), error_code::unknown_question);
}

TEST(moderation, repeating_pin_answer_mute_or_ban_produces_no_events) {
  room r = with_pending_question();
  r.fold(ev::question_approved{1});
  r.fold(ev::question_pinned{1, true});
  r.fold(ev::question_answered{1});
  r.fold(ev::participant_muted{2, true});
  r.fold(ev::participant_banned{2, "spam"});
  EXPECT_TRUE(no_events(r.decide(moderator, protocol::pin{1, true})));
  EXPECT_TRUE(no_events(r.decide(moderator, protocol::mark_answered{1})));
  EXPECT_TRUE(no_events(r.decide(moderator, protocol::mute{2, true})));
  EXPECT_TRUE(no_events(r.decide(moderator, protocol::ban{2, "again"})));
  EXPECT_TRUE(no_events(r.decide(moderator, protocol::mute{1, false})));
}

TEST(moderation, muting_or_banning_an_unknown_participant_is_unknown_participant) {
  const room r = with_pending_question();
  EXPECT_EQ(rejected(r.decide(moderator, protocol::mute{5, true})), error_code::unknown_participant);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::ban{5, "x"})), error_code::unknown_participant);
}

// ---- organizer and system commands ----------------------------------------------------------------

TEST(set_moderation_private, only_the_organizer_switches_privacy_and_unchanged_is_a_no_op) {
  room r = with_pending_question();
  for (const auto& who : {moderator, stage, system_actor, audience(1)}) {
    EXPECT_EQ(rejected(r.decide(who, cmd::set_moderation_private{true})), error_code::forbidden) << to_string(who.role);
  }
  EXPECT_TRUE(no_events(r.decide(organizer, cmd::set_moderation_private{false})));
  const auto d = r.decide(organizer, cmd::set_moderation_private{true});
  const auto* e = single<ev::moderation_visibility_changed>(d);
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->is_private);
  r.fold(*e);
  EXPECT_TRUE(r.s.moderation_private);
  EXPECT_TRUE(no_events(r.decide(organizer, cmd::set_moderation_private{true})));
}

TEST(rotate_links, only_the_organizer_rotates_links_and_the_state_keeps_the_new_ones) {
  room r = with_pending_question();
  for (const auto& who : {moderator, stage, system_actor, audience(1)}) {
    EXPECT_EQ(rejected(r.decide(who, cmd::rotate_links{cred("m2"), cred("s2")})), error_code::forbidden)
        << to_string(who.role);
  }
  const auto d = r.decide(organizer, cmd::rotate_links{cred("m2"), cred("s2")});
  const auto* e = single<ev::links_rotated>(d);
  ASSERT_TRUE(e);
  r.fold(*e);
  EXPECT_EQ(r.s.moderator.selector, cred("m2").selector);
  EXPECT_EQ(r.s.stage.verifier_hash, cred("s2").verifier_hash);
}

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

TEST(decide, any_command_on_a_debate_that_does_not_exist_is_not_found) {
  const room r;
  const std::vector<std::pair<actor, command>> commands = {
      {system_actor, cmd::join{"Ann", cred("a")}},
      {audience(1), protocol::ask{"Hello?", false}},
      {audience(1), protocol::upvote{1, true}},
      {moderator, protocol::approve{1}},
      {moderator, protocol::dismiss{1, "x"}},
      {moderator, protocol::mark_answered{1}},
      {moderator, protocol::pin{1, true}},
      {moderator, protocol::put_on_air{std::nullopt}},
      {moderator, protocol::mute{1, true}},
      {moderator, protocol::ban{1, "x"}},
      {organizer, cmd::set_moderation_private{true}},
      {organizer, cmd::rotate_links{cred("m"), cred("s")}},
      {system_actor, cmd::record_reactions{{1, 0, 0, 0, 0}}},
  };
  for (const auto& [who, c] : commands) EXPECT_EQ(rejected(r.decide(who, c)), error_code::not_found) << c.index();
}

}  // namespace
}  // namespace tribune::engine::testing
