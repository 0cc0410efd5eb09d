// Questions, given events, when a command, then events or a rejection: asking, upvoting, and
// the pending count as they are moderated.
#include "engine/questions/questions.hpp"

#include <gtest/gtest.h>

#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

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

TEST(evolve, pending_count_follows_asks_approvals_and_dismissals) {
  room r = with_pending_question();
  r.ask(2, "Second");
  r.ask(2, "Third");
  EXPECT_EQ(r.s.pending_count, 3u);
  r.fold(ev::question_approved{1});
  EXPECT_EQ(r.s.pending_count, 2u);
  r.fold(ev::question_dismissed{2, "dup"});
  EXPECT_EQ(r.s.pending_count, 1u);
  r.fold(ev::question_dismissed{1, "approved, then dismissed"});  // was not pending
  r.fold(ev::question_answered{3});
  EXPECT_EQ(r.s.pending_count, 1u);
}

}  // namespace
}  // namespace tribune::engine::testing

namespace tribune::engine::testing {
namespace {

TEST(sent_before, the_server_brings_them_in_as_pending_questions_naming_who_sent_them) {
  room r = with_pending_question();
  const cmd::import_advance items{{{"Et les PME ?", sent_before{"Ana", false, protocol::side::none}},
                                   {"Moins de trajets", sent_before{"Bob", true, protocol::side::for_motion}}}};
  EXPECT_EQ(rejected(r.decide(moderator, items)), error_code::forbidden);
  EXPECT_EQ(rejected(r.decide(audience(1), items)), error_code::forbidden);
  const auto d = r.decide(organizer, items);
  const auto* made = std::get_if<std::vector<event_body>>(&d);
  ASSERT_TRUE(made);
  ASSERT_EQ(made->size(), 2U);
  for (const auto& e : *made) r.fold(e);
  const auto* q = r.s.find_question(3);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->author, 0U);
  EXPECT_EQ(q->before.by, "Bob");
  EXPECT_TRUE(q->before.argument);
  EXPECT_EQ(r.s.pending_count, 3U);
  const auto mod = question_view(r.s, *q, view::moderator_view);
  EXPECT_FALSE(mod.author.has_value()) << "no participant of the room sent it";
  ASSERT_TRUE(mod.before.has_value());
  EXPECT_EQ(mod.before->stance, protocol::side::for_motion);
  const cmd::import_advance nameless{{{"?", sent_before{}}}};
  EXPECT_EQ(rejected(r.decide(organizer, nameless)), error_code::invalid_field);
}

}  // namespace
}  // namespace tribune::engine::testing
