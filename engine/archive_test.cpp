// What the public archive shows of each event: what the public could read in the room, and never a
// credential, a ballot or a reason moderation keeps private.
#include "engine/archive.hpp"

#include <gtest/gtest.h>

#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

bool shown(const room& r, const event_body& body) { return public_in_archive(r.s, body); }

TEST(archive, credentials_and_who_voted_what_are_always_sealed) {
  auto r = with_pending_question();
  EXPECT_FALSE(shown(r, r.log.front().body)) << "debate_created holds the staff links' credentials";
  EXPECT_FALSE(shown(r, ev::participant_joined{1, "Ann", cred("p1")}));
  EXPECT_FALSE(shown(r, ev::links_rotated{cred("m2"), {}, {}}));
  EXPECT_FALSE(
      shown(r, ev::panelist_added{1, "Green", protocol::panel_role::panelist, protocol::side::for_motion, cred("g1")}));
  EXPECT_FALSE(shown(r, ev::upvote_changed{1, 2, true}));
  EXPECT_FALSE(shown(r, ev::argument_rated{1, 2, protocol::rating::agree}));
  EXPECT_TRUE(shown(r, ev::segment_started{1}));
  EXPECT_TRUE(shown(r, ev::reactions_recorded{}));
}

TEST(archive, a_question_is_shown_once_the_public_saw_it_and_its_author_is_not_anonymous) {
  auto r = with_pending_question();
  const ev::question_asked asked{1, 1, "Who pays for the buses?", false, {}};
  EXPECT_FALSE(shown(r, asked)) << "still pending: only moderators read it";
  r.fold(ev::question_approved{1});
  EXPECT_TRUE(shown(r, asked));
  const auto hidden = r.ask(2, "Anonymous one", true);
  r.fold(ev::question_approved{hidden});
  EXPECT_FALSE(shown(r, ev::question_asked{hidden, 2, "Anonymous one", true, {}})) << "the body names its author";
}

TEST(archive, dismissals_and_sanctions_are_shown_while_moderation_is_public_and_sealed_once_it_is_private) {
  auto r = with_pending_question();
  r.fold(ev::question_dismissed{1, "off topic"});
  const ev::question_dismissed dismissed{1, "off topic"};
  EXPECT_TRUE(shown(r, dismissed));
  EXPECT_TRUE(shown(r, ev::question_asked{1, 1, "Who pays for the buses?", false, {}}));
  EXPECT_TRUE(shown(r, ev::participant_banned{2, "spam"}));
  r.fold(ev::moderation_visibility_changed{true});
  EXPECT_FALSE(shown(r, dismissed));
  EXPECT_FALSE(shown(r, ev::question_asked{1, 1, "Who pays for the buses?", false, {}}));
  EXPECT_FALSE(shown(r, ev::participant_banned{2, "spam"}));
  EXPECT_FALSE(shown(r, ev::participant_muted{2, true}));
}

}  // namespace
}  // namespace tribune::engine::testing
