// Moderation, given events, when a command, then events or a rejection: who may moderate, what
// each command does, and the public log it writes.
#include "engine/questions/questions.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

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

TEST(evolve, moderation_actions_are_written_to_the_log_with_their_seq_and_time) {
  room r = with_pending_question();
  const auto dismissed = r.fold(ev::question_dismissed{1, "off topic"});
  const auto dismissed_seq = dismissed.seq;
  r.fold(ev::participant_muted{2, true});
  r.fold(ev::participant_muted{2, false});
  r.fold(ev::participant_banned{1, "spam"});
  r.fold(ev::moderation_visibility_changed{true});
  const auto last = r.fold(ev::moderation_visibility_changed{false});
  r.fold(ev::question_approved{1});  // not a moderation action: no entry

  ASSERT_EQ(r.s.log.size(), 6u);
  const auto& log = r.s.log;
  EXPECT_EQ(log[0].action, moderation_action::dismissed);
  EXPECT_EQ(log[0].seq, dismissed_seq);
  EXPECT_EQ(log[0].question, 1u);
  EXPECT_EQ(log[0].reason, "off topic");
  EXPECT_EQ(log[1].action, moderation_action::muted);
  EXPECT_EQ(log[1].participant, 2u);
  EXPECT_EQ(log[2].action, moderation_action::unmuted);
  EXPECT_EQ(log[3].action, moderation_action::banned);
  EXPECT_EQ(log[3].reason, "spam");
  EXPECT_EQ(log[4].action, moderation_action::made_private);
  EXPECT_EQ(log[5].action, moderation_action::made_public);
  EXPECT_EQ(log[5].at, last.at);
  EXPECT_TRUE(r.s.find_participant(1)->banned);
  EXPECT_FALSE(r.s.find_participant(2)->muted);
}

TEST(moderation, many_questions_are_approved_or_dismissed_as_one_command_and_each_lands_in_the_log) {
  auto r = two_people();
  for (int i = 0; i < 4; ++i)
    commit(r, r.decide(audience(1 + i % 2), protocol::ask{"Question " + std::to_string(i), false}));
  commit(r, r.decide(moderator, protocol::approve{2}));
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::moderate_questions{{1, 3}, protocol::bulk_action::approve, ""})),
            error_code::forbidden);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::moderate_questions{{1, 9}, protocol::bulk_action::approve, ""})),
            error_code::unknown_question)
      << "one unknown id: nothing changes";
  // q2 is approved already: approving it again changes nothing, and the ack says two changed.
  const command approve_all = protocol::moderate_questions{{1, 2, 3}, protocol::bulk_action::approve, ""};
  const auto approved = accepted(r.decide(moderator, approve_all));
  ASSERT_EQ(approved.size(), 2u);
  EXPECT_EQ(result_json(r, approve_all, approved), json({{"changed", 2}}));
  EXPECT_EQ(r.s.pending_count, 1u);
  // Dismissing with one public reason: each dismissal is its own line of the public log.
  const command dismiss = protocol::moderate_questions{{3, 4}, protocol::bulk_action::dismiss, "Hors sujet"};
  const auto dismissed = accepted(r.decide(moderator, dismiss));
  ASSERT_EQ(dismissed.size(), 2u);
  EXPECT_EQ(result_json(r, dismiss, dismissed), json({{"changed", 2}}));
  EXPECT_EQ(r.s.find_question(3)->status, question_status::dismissed);
  EXPECT_EQ(r.s.find_question(4)->dismiss_reason, "Hors sujet");
  EXPECT_EQ(r.s.pending_count, 0u);
  ASSERT_EQ(r.s.log.size(), 2u);
  EXPECT_EQ(r.s.log[1].question, 4u);
  EXPECT_TRUE(no_events(r.decide(moderator, protocol::moderate_questions{{3, 4}, protocol::bulk_action::dismiss, "x"})))
      << "a second moderator doing the same finds nothing left to do";
}

TEST(moderation, duplicates_merge_into_one_question_whose_votes_they_add_once_per_person) {
  auto r = two_people();
  for (int i = 0; i < 4; ++i)
    commit(r, r.decide(audience(1 + i % 2), protocol::ask{"Et les bus ? " + std::to_string(i), false}));
  commit(r, r.decide(moderator, protocol::moderate_questions{{1, 2}, protocol::bulk_action::approve, ""}));
  commit(r, r.decide(audience(1), protocol::upvote{1, true}));
  commit(r, r.decide(audience(1), protocol::upvote{2, true}));
  commit(r, r.decide(audience(2), protocol::upvote{2, true}));
  commit(r, r.decide(moderator, protocol::put_on_air{2}));
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::merge_questions{1, {2}})), error_code::forbidden);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::merge_questions{9, {2}})), error_code::unknown_question);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::merge_questions{1, {2, 9}})), error_code::unknown_question)
      << "one unknown id: nothing changes";

  // q2 (approved, on air, upvoted by Ann and Bob) and q3 (pending) go into q1 (upvoted by Ann).
  const command merge = protocol::merge_questions{1, {2, 3}};
  const auto merged = accepted(r.decide(moderator, merge));
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(result_json(r, merge, merged), json({{"changed", 2}}));
  EXPECT_EQ(r.s.find_question(1)->voters.size(), 2u) << "Ann's two votes count once";
  EXPECT_EQ(r.s.find_question(2)->status, question_status::dismissed);
  EXPECT_EQ(r.s.find_question(3)->status, question_status::dismissed);
  EXPECT_EQ(r.s.pending_count, 1u);
  EXPECT_FALSE(r.s.on_air.has_value()) << "a merged question leaves the air";
  ASSERT_EQ(r.s.log.size(), 2u);
  EXPECT_EQ(r.s.log[1].action, moderation_action::merged);
  EXPECT_EQ(r.s.log[1].into, 1u);

  // Everyone reads the merge and the new count; the public log names the approved question it
  // went to, never the text of a pending one.
  const auto last = r.log.back();
  const auto pub = data_of(r, last, view::public_view);
  EXPECT_EQ(pub["question"], "q3");
  EXPECT_EQ(pub["into"], "q1");
  EXPECT_EQ(pub["votes"], 2);
  EXPECT_EQ(pub["entry"]["into"], (json{{"id", "q1"}, {"text", "Et les bus ? 0"}}));
  EXPECT_TRUE(no_events(r.decide(moderator, merge))) << "a second moderator merging the same finds nothing to do";
  commit(r, r.decide(moderator, protocol::merge_questions{4, {1}}));
  EXPECT_EQ(data_of(r, r.log.back(), view::public_view)["entry"]["into"], (json{{"id", "q4"}}))
      << "q4 is pending: the public log gives its id alone";
  EXPECT_EQ(rejected(r.decide(moderator, protocol::merge_questions{1, {4}})), error_code::already_dismissed);
}

}  // namespace
}  // namespace tribune::engine::testing
