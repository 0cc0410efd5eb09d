// evolve: the invariants a debate's state keeps while its events are folded, and determinism
// (the same events always fold to the same state).
#include "engine/state.hpp"

#include <gtest/gtest.h>

#include "engine_fixtures.hpp"
#include "engine/views.hpp"

namespace tribune::engine::testing {
namespace {

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

TEST(evolve, participants_are_found_by_their_credential_selector) {
  room r = with_pending_question();
  ASSERT_EQ(r.s.participant_by_selector.size(), 2u);
  EXPECT_EQ(r.s.participant_by_selector.at(cred("p1").selector), 1u);
  EXPECT_EQ(r.s.participant_by_selector.at(cred("p2").selector), 2u);
  EXPECT_FALSE(r.s.participant_by_selector.contains(cred("p1").verifier_hash));
}

TEST(evolve, folding_the_same_events_twice_gives_identical_snapshots) {
  room r = with_pending_question();
  const auto q2 = r.approved(2, "Second", true);
  const auto q3 = r.approved(1, "Third");
  for (participant_id p = 3; p <= 6; ++p) r.join("Voter " + std::to_string(p));
  for (participant_id p = 1; p <= 6; ++p) r.fold(ev::upvote_changed{p % 2 == 0 ? q2 : q3, p, true});
  r.fold(ev::upvote_changed{q3, 1, false});
  r.fold(ev::question_pinned{q3, true});
  r.fold(ev::on_air_changed{q2});
  r.fold(ev::participant_muted{4, true});
  r.fold(ev::reactions_recorded{{1, 2, 3, 4, 5}});
  r.fold(ev::moderation_visibility_changed{true});
  r.fold(ev::question_dismissed{1, "dup"});

  state again;
  for (const auto& e : r.log) evolve(again, e);
  for (const auto v : {view::public_view, view::moderator_view}) {
    EXPECT_EQ(encode_snapshot(again, v, std::nullopt), encode_snapshot(r.s, v, std::nullopt));
    for (participant_id p = 1; p <= 6; ++p) EXPECT_EQ(encode_snapshot(again, v, p), encode_snapshot(r.s, v, p));
  }
  EXPECT_EQ(again.seq, r.s.seq);
  EXPECT_EQ(again.pending_count, r.s.pending_count);
}

}  // namespace
}  // namespace tribune::engine::testing
