// The engine as a whole: commands on a debate that does not exist, evolve's invariants and
// determinism, what no view ever shows, acks' results, and a late joiner's snapshot.
#include "engine/engine.hpp"

#include <gtest/gtest.h>

#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

using protocol::side;
using protocol::speaker;

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
      {organizer, cmd::rotate_links{cred("m"), cred("s"), cred("o")}},
      {system_actor, cmd::record_reactions{{1, 0, 0, 0, 0}}},
  };
  for (const auto& [who, c] : commands) EXPECT_EQ(rejected(r.decide(who, c)), error_code::not_found) << c.index();
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

TEST(views, an_event_message_carries_its_seq_time_and_name) {
  room r = two_people();
  r.ask(1, "Who pays?");
  const auto e = r.fold(ev::question_approved{1});
  const auto j = encoded(r, e, view::public_view);
  EXPECT_EQ(j["type"], "event");
  EXPECT_EQ(j["seq"], e.seq);
  EXPECT_EQ(j["at"], e.at);
  EXPECT_EQ(j["event"], "question_approved");
}

TEST(views, credentials_never_appear_in_any_encoded_event_or_snapshot) {
  room r;
  r.created();
  r.join("Ann");
  r.join("Bob");
  r.approved(1, "Q", true);
  r.fold(ev::upvote_changed{1, 2, true});
  r.fold(ev::participant_muted{2, true});
  r.fold(ev::links_rotated{cred("mod2"), cred("stage2"), {}});
  r.fold(ev::moderation_visibility_changed{true});
  r.fold(ev::participant_banned{2, "x"});
  r.fold(ev::question_dismissed{1, "y"});
  r.fold(ev::reactions_recorded{{1, 1, 1, 1, 1}});

  std::vector<std::string> secrets;
  for (const auto& tag : {"mod", "stage", "mod2", "stage2", "p1", "p2"}) {
    secrets.push_back(cred(tag).selector);
    secrets.push_back(cred(tag).verifier_hash);
  }
  std::vector<std::string> outputs;
  for (const auto v : {view::public_view, view::moderator_view}) {
    // Each event encoded in the state just after it, as the room does.
    room replay;
    for (const auto& e : r.log) {
      evolve(replay.s, e);
      outputs.push_back(encode_event(replay.s, e, v));
    }
    const std::array<std::optional<participant_id>, 3> viewers = {std::nullopt, 1u, 2u};
    for (const auto me : viewers) outputs.push_back(encode_snapshot(r.s, v, me));
  }
  for (const auto& out : outputs) {
    for (const auto& secret : secrets) EXPECT_EQ(out.find(secret), std::string::npos) << secret << " in " << out;
    EXPECT_EQ(out.find("SEL"), std::string::npos) << out;
    EXPECT_EQ(out.find("HASH"), std::string::npos) << out;
  }
}

TEST(structured, a_snapshot_holds_segment_floor_polls_and_figures_for_a_late_joiner) {
  auto r = oxford();
  commit(r, r.decide(moderator, protocol::start_show{}));
  commit(r, r.decide(moderator, protocol::advance{}));
  commit(r, r.decide(moderator, protocol::grant_floor{speaker{false, 1}, std::nullopt}));
  commit(r, r.decide(moderator, protocol::create_oxford_poll{protocol::oxford_phase::before}));
  commit(r, r.decide(moderator, protocol::open_poll{1}));
  commit(r, r.decide(panelist_actor(1), protocol::post_argument{"Cleaner air", side::for_motion, std::nullopt,
                                                                protocol::relation::none, ""}));
  commit(r, r.decide(audience(2), protocol::rate_argument{1, protocol::rating::agree}));
  const auto snapshot = json::parse(encode_snapshot(r.s, view::public_view, 3))["state"];
  EXPECT_EQ(snapshot["show"]["segment"], "s2");
  EXPECT_EQ(snapshot["show"]["floor"]["speaker"]["name"], "Green");
  EXPECT_EQ(snapshot["show"]["floor"]["allotted_ms"], 300000);
  EXPECT_EQ(snapshot["polls"][0]["status"], "open");
  EXPECT_EQ(snapshot["arguments"][0]["figures"]["agree"], 1);
  EXPECT_EQ(snapshot["arguments"][0]["speaker"]["name"], "Green");
  EXPECT_EQ(snapshot["panelists"].size(), 3u);
  EXPECT_EQ(snapshot["panelists"][0].dump().find("HASH"), std::string::npos);
}

TEST(results, the_ack_of_ask_names_the_new_question) {
  room r = two_people();
  EXPECT_EQ(result_json(r, protocol::ask{"Q", false}, {ev::question_asked{1, 1, "Q", false, {}}}),
            (json{{"question", "q1"}}));
}

TEST(results, the_ack_of_upvote_is_the_vote_count_after_it_even_when_nothing_changed) {
  room r = two_people();
  r.approved(1, "Q");
  r.fold(ev::upvote_changed{1, 1, true});
  EXPECT_EQ(result_json(r, protocol::upvote{1, true}, {ev::upvote_changed{1, 2, true}}), (json{{"votes", 2}}));
  EXPECT_EQ(result_json(r, protocol::upvote{1, true}, {}), (json{{"votes", 2}})) << "a repeated upvote";
  EXPECT_EQ(result_json(r, protocol::upvote{1, false}, {ev::upvote_changed{1, 2, false}}), (json{{"votes", 1}}));
}

TEST(results, the_ack_of_join_names_the_participant_and_never_a_credential) {
  room r = two_people();
  const auto result = result_json(r, cmd::join{"", cred("p3")}, {ev::participant_joined{3, "Guest 3", cred("p3")}});
  EXPECT_EQ(result, (json{{"participant", "p3"}, {"name", "Guest 3"}}));
  EXPECT_EQ(result.dump().find("SEL"), std::string::npos);
}

TEST(results, the_ack_of_other_commands_has_no_result) {
  room r = two_people();
  r.ask(1, "Q");
  EXPECT_TRUE(result_json(r, protocol::approve{1}, {ev::question_approved{1}}).is_null());
  EXPECT_TRUE(result_json(r, protocol::pin{1, true}, {}).is_null());
}

}  // namespace
}  // namespace tribune::engine::testing
