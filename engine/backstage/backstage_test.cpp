// Backstage, given events, when a command, then events or a rejection: who may send a cue and to
// whom, who acknowledges it, the moderators' messages, and that no public view holds any of it.
#include "engine/backstage/backstage.hpp"

#include <gtest/gtest.h>

#include "engine/archive.hpp"
#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

using protocol::cue_kind;

TEST(backstage, only_moderators_send_cues_and_only_to_a_panelist_of_the_debate) {
  auto r = oxford();
  for (const auto& who : {audience(1), panelist_actor(1), stage}) {
    EXPECT_EQ(rejected(r.decide(who, protocol::send_cue{2, cue_kind::wrap_up, ""})), error_code::forbidden)
        << to_string(who.role);
  }
  EXPECT_EQ(rejected(r.decide(moderator, protocol::send_cue{9, cue_kind::wrap_up, ""})), error_code::unknown_panelist);
  const auto decided = r.decide(moderator, protocol::send_cue{2, cue_kind::wrap_up, "Conclude"});
  const auto* sent = single<ev::cue_sent>(decided);
  ASSERT_NE(sent, nullptr);
  EXPECT_EQ(sent->cue, 1u);
  EXPECT_EQ(sent->panelist, 2u);
  EXPECT_EQ(sent->kind, cue_kind::wrap_up);
  commit(r, r.decide(organizer, protocol::send_cue{1, cue_kind::note, "Louder, please"}));
  EXPECT_EQ(r.s.cues.size(), 1u);
  EXPECT_EQ(r.s.cues[0].panelist, 1u);
  EXPECT_EQ(r.s.cues[0].text, "Louder, please");
}

TEST(backstage, a_cue_is_acknowledged_once_by_the_panelist_it_was_sent_to_and_nobody_else) {
  auto r = oxford();
  commit(r, r.decide(moderator, protocol::send_cue{1, cue_kind::thirty_seconds, ""}));
  EXPECT_EQ(rejected(r.decide(panelist_actor(2), protocol::acknowledge_cue{1})), error_code::unknown_cue);
  EXPECT_EQ(rejected(r.decide(panelist_actor(1), protocol::acknowledge_cue{2})), error_code::unknown_cue);
  EXPECT_EQ(rejected(r.decide(moderator, protocol::acknowledge_cue{1})), error_code::forbidden);
  EXPECT_EQ(rejected(r.decide(audience(1), protocol::acknowledge_cue{1})), error_code::forbidden);
  ASSERT_EQ(open_cues(r.s, 1).size(), 1u);
  const auto at = r.next_at();
  commit(r, r.decide(panelist_actor(1), protocol::acknowledge_cue{1}));
  EXPECT_EQ(r.s.cues[0].acknowledged_at, at);
  EXPECT_TRUE(open_cues(r.s, 1).empty());
  EXPECT_TRUE(no_events(r.decide(panelist_actor(1), protocol::acknowledge_cue{1}))) << "acknowledged already";
}

TEST(backstage, staff_messages_are_for_moderators_only) {
  auto r = oxford();
  for (const auto& who : {audience(1), panelist_actor(1), stage}) {
    EXPECT_EQ(rejected(r.decide(who, protocol::post_staff_message{"Take Ann next"})), error_code::forbidden);
  }
  commit(r, r.decide(moderator, protocol::post_staff_message{"Take Ann next"}));
  commit(r, r.decide(organizer, protocol::post_staff_message{"OK"}));
  ASSERT_EQ(r.s.staff_messages.size(), 2u);
  EXPECT_EQ(r.s.staff_messages[1].id, 2u);
  EXPECT_EQ(r.s.staff_messages[1].text, "OK");
}

TEST(backstage, the_public_view_never_holds_backstage_but_moderators_and_the_panelist_addressed_do) {
  auto r = oxford();
  commit(r, r.decide(moderator, protocol::send_cue{1, cue_kind::note, "Secret cue"}));
  commit(r, r.decide(moderator, protocol::post_staff_message{"Secret chat"}));
  const auto cue = r.log[r.log.size() - 2];
  const auto chat = r.log.back();
  EXPECT_TRUE(backstage_only(cue.body));
  EXPECT_TRUE(backstage_only(chat.body));
  EXPECT_EQ(addressee(r.s, cue.body), 1u);
  EXPECT_EQ(addressee(r.s, chat.body), 0u);
  commit(r, r.decide(panelist_actor(1), protocol::acknowledge_cue{1}));
  EXPECT_EQ(addressee(r.s, r.log.back().body), 1u) << "the panelist's other screens learn it too";
  EXPECT_FALSE(backstage_only(r.log.front().body));
  // The public archive seals both.
  EXPECT_FALSE(public_in_archive(r.s, cue.body));
  EXPECT_FALSE(public_in_archive(r.s, chat.body));
  // Snapshots: the moderators' holds both; the public one neither.
  const auto mod = snapshot_state(r, view::moderator_view, std::nullopt);
  EXPECT_EQ(mod["backstage"]["cues"][0]["text"], "Secret cue");
  EXPECT_EQ(mod["backstage"]["cues"][0]["panelist"], "g1");
  EXPECT_EQ(mod["backstage"]["messages"][0]["text"], "Secret chat");
  for (const auto me : {std::optional<participant_id>{}, std::optional<participant_id>{1}}) {
    const auto text = encode_snapshot(r.s, view::public_view, me);
    EXPECT_EQ(text.find("Secret"), std::string::npos) << text;
  }
  // The panelist's welcome holds their open cues (not the one acknowledged), and only theirs.
  commit(r, r.decide(moderator, protocol::send_cue{1, cue_kind::you_are_next, ""}));
  const auto to_green = json::parse(protocol::encode_welcome(welcome_for(r.s, panelist_actor(1))));
  ASSERT_EQ(to_green["cues"].size(), 1u) << to_green;
  EXPECT_EQ(to_green["cues"][0]["cue"], "you_are_next");
  const auto to_motor = json::parse(protocol::encode_welcome(welcome_for(r.s, panelist_actor(2))));
  EXPECT_TRUE(to_motor["cues"].empty());
}

}  // namespace
}  // namespace tribune::engine::testing
