// What each view shows of questions and the moderation log: the public view (audience, stage)
// against the moderator view, for encoded events and snapshots.
#include "engine/questions/questions.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>

#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

std::vector<std::string> ids_of(const json& questions) {
  std::vector<std::string> out;
  for (const auto& q : questions) out.push_back(q["id"].get<std::string>());
  return out;
}

TEST(views, public_view_of_an_anonymous_approved_question_has_no_author) {
  room r = two_people();
  r.ask(1, "Who pays?", true);
  const auto e = r.fold(ev::question_approved{1});

  const auto pub = data_of(r, e, view::public_view)["question"];
  EXPECT_EQ(pub["id"], "q1");
  EXPECT_EQ(pub["text"], "Who pays?");
  EXPECT_EQ(pub["status"], "approved");
  EXPECT_TRUE(pub["author"].is_null());
  EXPECT_FALSE(pub.contains("anonymous"));
  EXPECT_EQ(encode_event(r.s, e, view::public_view).find("Ann"), std::string::npos);

  const auto mod = data_of(r, e, view::moderator_view)["question"];
  EXPECT_EQ(mod["author"], (json{{"id", "p1"}, {"name", "Ann"}}));
  EXPECT_EQ(mod["anonymous"], true);
}

TEST(views, public_view_of_a_named_question_shows_its_author) {
  room r = two_people();
  r.ask(2, "Trams?");
  const auto e = r.fold(ev::question_approved{1});
  EXPECT_EQ(data_of(r, e, view::public_view)["question"]["author"], (json{{"id", "p2"}, {"name", "Bob"}}));
}

TEST(views, public_view_of_question_asked_carries_only_the_id) {
  room r = two_people();
  const auto e = r.fold(ev::question_asked{1, 1, "Secret pending text", false, {}});
  EXPECT_EQ(data_of(r, e, view::public_view), (json{{"question", {{"id", "q1"}}}}));
  EXPECT_EQ(encode_event(r.s, e, view::public_view).find("Secret pending text"), std::string::npos);

  const auto mod = data_of(r, e, view::moderator_view)["question"];
  EXPECT_EQ(mod["text"], "Secret pending text");
  EXPECT_EQ(mod["status"], "pending");
  EXPECT_EQ(mod["author"]["id"], "p1");
}

TEST(views, dismissed_question_stays_in_public_log_with_reason) {
  room r = two_people();
  r.ask(1, "Buy my product");
  const auto e = r.fold(ev::question_dismissed{1, "advertising"});

  const auto pub = data_of(r, e, view::public_view);
  EXPECT_EQ(pub["question"], "q1");
  EXPECT_FALSE(pub.contains("reason"));
  const auto& entry = pub["entry"];
  EXPECT_EQ(entry["seq"], e.seq);
  EXPECT_EQ(entry["at"], e.at);
  EXPECT_EQ(entry["action"], "dismissed");
  EXPECT_EQ(entry["question"], (json{{"id", "q1"}, {"text", "Buy my product"}}));
  EXPECT_EQ(entry["reason"], "advertising");

  EXPECT_EQ(data_of(r, e, view::moderator_view)["reason"], "advertising");
  const auto log = snapshot_state(r, view::public_view, std::nullopt)["log"];
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0], entry);
}

TEST(views, private_moderation_hides_text_and_reason_from_the_public_but_not_from_moderators) {
  room r = two_people();
  r.ask(1, "Buy my product");
  r.fold(ev::moderation_visibility_changed{true});
  // Each event is encoded in the state right after it, as the room does.
  const auto dismissed = r.fold(ev::question_dismissed{1, "advertising"});
  const auto pub = data_of(r, dismissed, view::public_view)["entry"];
  const auto mod = data_of(r, dismissed, view::moderator_view);
  auto public_text = encode_event(r.s, dismissed, view::public_view);
  const auto banned = r.fold(ev::participant_banned{1, "spammer"});
  public_text += encode_event(r.s, banned, view::public_view) + encode_snapshot(r.s, view::public_view, 2);

  EXPECT_EQ(pub["action"], "dismissed");  // the removal is never silent
  EXPECT_EQ(pub["question"], (json{{"id", "q1"}}));
  EXPECT_FALSE(pub.contains("reason"));
  EXPECT_EQ(public_text.find("Buy my product"), std::string::npos);
  EXPECT_EQ(public_text.find("advertising"), std::string::npos);
  EXPECT_EQ(public_text.find("spammer"), std::string::npos);

  EXPECT_EQ(mod["reason"], "advertising");
  EXPECT_EQ(mod["entry"]["question"]["text"], "Buy my product");
  EXPECT_EQ(mod["entry"]["reason"], "advertising");
  const auto mod_log = snapshot_state(r, view::moderator_view, std::nullopt)["log"];
  ASSERT_EQ(mod_log.size(), 3u);
  EXPECT_EQ(mod_log[2]["reason"], "spammer");
  EXPECT_EQ(snapshot_state(r, view::public_view, std::nullopt)["log"].size(), 3u);
  EXPECT_EQ(snapshot_state(r, view::public_view, std::nullopt)["moderation"], "private");
}

TEST(views, public_snapshot_lists_open_questions_and_me_holds_my_own_questions_and_votes) {
  room r = two_people();
  r.ask(2, "Pending by Bob");        // q1
  r.approved(1, "Approved by Ann");  // q2
  const auto q3 = r.approved(1, "Answered by Ann");
  r.fold(ev::question_answered{q3});
  r.ask(1, "Dismissed by Ann");  // q4
  r.fold(ev::question_dismissed{4, "dup"});
  r.fold(ev::upvote_changed{3, 2, true});

  const auto pub = snapshot_state(r, view::public_view, 2);
  EXPECT_EQ(ids_of(pub["questions"]), (std::vector<std::string>{"q3", "q2"}));  // q3 has a vote
  EXPECT_EQ(pub["pending_count"], 1);
  EXPECT_FALSE(pub.contains("participants"));
  const auto& me = pub["me"];
  EXPECT_EQ(me["id"], "p2");
  EXPECT_EQ(me["name"], "Bob");
  EXPECT_EQ(me["muted"], false);
  EXPECT_EQ(me["votes"], (json{"q3"}));
  ASSERT_EQ(me["questions"].size(), 1u);
  EXPECT_EQ(me["questions"][0]["text"], "Pending by Bob");
  EXPECT_EQ(me["questions"][0]["status"], "pending");

  EXPECT_FALSE(snapshot_state(r, view::public_view, std::nullopt).contains("me"));  // the stage
  EXPECT_EQ(encode_snapshot(r.s, view::public_view, std::nullopt).find("Pending by Bob"), std::string::npos);
}

TEST(views, moderator_snapshot_lists_every_question_and_participant) {
  room r = two_people();
  r.ask(2, "Pending");
  r.approved(1, "Approved", true);
  r.ask(1, "Dismissed");
  r.fold(ev::question_dismissed{3, "dup"});
  r.fold(ev::participant_muted{2, true});
  r.fold(ev::on_air_changed{2});
  r.fold(ev::reactions_recorded{{4, 0, 1, 0, 0}});

  const auto mod = snapshot_state(r, view::moderator_view, std::nullopt);
  auto ids = ids_of(mod["questions"]);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"q1", "q2", "q3"}));
  EXPECT_EQ(mod["participants"], (json{{{"id", "p1"}, {"name", "Ann"}, {"muted", false}, {"banned", false}},
                                       {{"id", "p2"}, {"name", "Bob"}, {"muted", true}, {"banned", false}}}));
  EXPECT_EQ(mod["on_air"], "q2");
  EXPECT_EQ(mod["reactions"]["applause"], 4);
  EXPECT_EQ(mod["reactions"]["disagree"], 1);
  EXPECT_EQ(mod["debate"]["code"], "KX7P2M");
  EXPECT_EQ(json::parse(encode_snapshot(r.s, view::moderator_view, std::nullopt))["seq"], r.s.seq);
}

TEST(views, questions_are_ordered_pinned_first_then_by_votes_then_oldest_first) {
  room r = two_people();
  for (int i = 1; i <= 4; ++i) r.approved(1, "Q" + std::to_string(i));
  r.fold(ev::upvote_changed{3, 1, true});
  r.fold(ev::upvote_changed{3, 2, true});
  r.fold(ev::upvote_changed{2, 1, true});
  r.fold(ev::question_pinned{4, true});
  EXPECT_EQ(ids_of(snapshot_state(r, view::public_view, std::nullopt)["questions"]),
            (std::vector<std::string>{"q4", "q3", "q2", "q1"}));
}

TEST(views, upvote_changed_public_view_has_the_count_but_not_the_voter) {
  room r = two_people();
  r.approved(1, "Q");
  r.fold(ev::upvote_changed{1, 1, true});
  const auto e = r.fold(ev::upvote_changed{1, 2, true});
  EXPECT_EQ(data_of(r, e, view::public_view), (json{{"question", "q1"}, {"votes", 2}}));
  EXPECT_EQ(data_of(r, e, view::moderator_view),
            (json{{"question", "q1"}, {"votes", 2}, {"participant", "p2"}, {"on", true}}));
}

TEST(views, on_air_changed_to_null_is_encoded_as_null) {
  room r = two_people();
  r.approved(1, "Q");
  r.fold(ev::on_air_changed{1});
  const auto e = r.fold(ev::on_air_changed{std::nullopt});
  EXPECT_TRUE(data_of(r, e, view::public_view)["question"].is_null());
  EXPECT_TRUE(snapshot_state(r, view::public_view, std::nullopt)["on_air"].is_null());
}

TEST(views, a_question_says_which_segment_was_running_when_it_was_asked) {
  auto r = oxford();
  commit(r, r.decide(audience(1), protocol::ask{"Before the show?", false}));
  commit(r, r.decide(moderator, protocol::start_show{}));
  commit(r, r.decide(moderator, protocol::advance{}));
  const auto asked = r.fold_as(audience(2), r.decide(audience(2), protocol::ask{"During the openings?", false}));
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(data_of(r, asked.front(), view::moderator_view)["question"]["segment"], "s2");
  const auto listed = snapshot_state(r, view::moderator_view, std::nullopt)["questions"];
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_TRUE(listed[0]["segment"].is_null()) << "asked before the show";
  EXPECT_EQ(listed[1]["segment"], "s2");
}

}  // namespace
}  // namespace tribune::engine::testing
