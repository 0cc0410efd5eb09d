// The live room over real sockets: questions through the moderator queue, votes, the public
// transparency log, reconnection by seq.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace tribune::testing {
namespace {

class live_room : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.start();
    debate_ = create_debate(server_);
  }

  temp_dir dir_;
  server_process server_{dir_.path() / "tribune.db"};
  debate debate_;
};

TEST_F(live_room, question_goes_through_the_moderator_queue_to_every_audience_member) {
  const auto ann = join(server_, debate_.id, "Ann");
  const auto bob = join(server_, debate_.id, "Bob");
  ws_client moderator(server_.port()), ann_ws(server_.port()), bob_ws(server_.port());
  EXPECT_EQ(moderator.hello(debate_.id, debate_.moderator_token).value("role", ""), "moderator");
  EXPECT_EQ(ann_ws.hello(debate_.id, ann.token).value("participant", ""), ann.id);
  EXPECT_EQ(bob_ws.hello(debate_.id, bob.token).value("role", ""), "audience");

  const auto ack = ann_ws.command({{"type", "ask"}, {"text", "Who pays for the buses?"}, {"anonymous", true}});
  ASSERT_EQ(ack.value("type", ""), "ack") << ack;
  const auto qid = ack.at("result").at("question").get<std::string>();

  // The moderator sees the pending question and who asked it; the public sees only that one exists.
  const auto pending = moderator.wait_for([](const json& m) { return is_event(m, "question_asked"); });
  EXPECT_EQ(pending["data"]["question"]["text"], "Who pays for the buses?");
  EXPECT_EQ(pending["data"]["question"]["author"]["name"], "Ann");
  const auto hidden = bob_ws.wait_for([](const json& m) { return is_event(m, "question_asked"); });
  EXPECT_FALSE(hidden["data"]["question"].contains("text"));

  ASSERT_EQ(moderator.command({{"type", "approve"}, {"question", qid}}).value("type", ""), "ack");
  const auto approved = bob_ws.wait_for([](const json& m) { return is_event(m, "question_approved"); });
  EXPECT_EQ(approved["data"]["question"]["text"], "Who pays for the buses?");
  EXPECT_TRUE(approved["data"]["question"]["author"].is_null()) << "an anonymous author leaked: " << approved;
}

TEST_F(live_room, upvote_counts_once_per_participant_and_toggles) {
  const auto ann = join(server_, debate_.id, "Ann");
  const auto bob = join(server_, debate_.id, "Bob");
  ws_client moderator(server_.port()), ann_ws(server_.port()), bob_ws(server_.port());
  moderator.hello(debate_.id, debate_.moderator_token);
  ann_ws.hello(debate_.id, ann.token);
  bob_ws.hello(debate_.id, bob.token);
  const auto qid = ann_ws.command({{"type", "ask"}, {"text", "Why now?"}})["result"]["question"];
  moderator.command({{"type", "approve"}, {"question", qid}});

  EXPECT_EQ(ann_ws.command({{"type", "upvote"}, {"question", qid}, {"on", true}})["result"]["votes"], 1);
  EXPECT_EQ(ann_ws.command({{"type", "upvote"}, {"question", qid}, {"on", true}})["result"]["votes"], 1);
  EXPECT_EQ(bob_ws.command({{"type", "upvote"}, {"question", qid}, {"on", true}})["result"]["votes"], 2);
  EXPECT_EQ(ann_ws.command({{"type", "upvote"}, {"question", qid}, {"on", false}})["result"]["votes"], 1);
  const auto last = moderator.wait_for([](const json& m) {
    return is_event(m, "upvote_changed") && m["data"]["votes"] == 1 && m["data"]["on"] == false;
  });
  EXPECT_EQ(last["data"]["participant"], ann.id);
}

TEST_F(live_room, dismissal_and_its_reason_appear_in_the_public_log_unless_moderation_is_private) {
  const auto ann = join(server_, debate_.id, "Ann");
  ws_client moderator(server_.port()), ann_ws(server_.port());
  moderator.hello(debate_.id, debate_.moderator_token);
  ann_ws.hello(debate_.id, ann.token);
  const auto q1 = ann_ws.command({{"type", "ask"}, {"text", "Is the sponsor polluting?"}})["result"]["question"];
  ASSERT_EQ(moderator.command({{"type", "dismiss"}, {"question", q1}, {"reason", "off topic"}})["type"], "ack");
  const auto dismissed = ann_ws.wait_for([](const json& m) { return is_event(m, "question_dismissed"); });
  EXPECT_EQ(dismissed["data"]["entry"]["reason"], "off topic");
  EXPECT_EQ(dismissed["data"]["entry"]["question"]["text"], "Is the sponsor polluting?");

  // Switching to private moderation is itself logged publicly; later entries hide text and reason.
  const auto privacy = http_request(server_.port(), "POST", "/api/debates/" + debate_.id + "/moderation",
                                    json{{"private", true}}, server_.admin_token());
  ASSERT_EQ(privacy.status, 200) << privacy.raw;
  const auto switched = ann_ws.wait_for([](const json& m) { return is_event(m, "moderation_visibility_changed"); });
  EXPECT_EQ(switched["data"]["entry"]["action"], "moderation_private");

  const auto q2 = ann_ws.command({{"type", "ask"}, {"text", "Second try"}})["result"]["question"];
  moderator.command({{"type", "dismiss"}, {"question", q2}, {"reason", "duplicate"}});
  const auto quiet = ann_ws.wait_for([](const json& m) { return is_event(m, "question_dismissed"); });
  EXPECT_TRUE(quiet["data"]["entry"].contains("question"));
  EXPECT_FALSE(quiet["data"]["entry"]["question"].contains("text"));
  EXPECT_FALSE(quiet["data"]["entry"].contains("reason"));

  // The organizer token is required to switch.
  const auto refused = http_request(server_.port(), "POST", "/api/debates/" + debate_.id + "/moderation",
                                    json{{"private", false}}, debate_.moderator_token);
  EXPECT_EQ(refused.status, 401);
}

TEST_F(live_room, reconnecting_with_last_seq_receives_exactly_the_missed_events) {
  const auto ann = join(server_, debate_.id, "Ann");
  ws_client moderator(server_.port());
  moderator.hello(debate_.id, debate_.moderator_token);
  std::uint64_t last_seq = 0;
  {
    ws_client ann_ws(server_.port());
    const auto welcome = ann_ws.hello(debate_.id, ann.token);
    last_seq = welcome["seq"];
    // The ack comes after the command's own events: its seq is the last one this client applied.
    last_seq = ann_ws.command({{"type", "ask"}, {"text", "First"}})["seq"];
  }
  // While Ann is away: three questions from Bob and an approval.
  const auto bob = join(server_, debate_.id, "Bob");
  ws_client bob_ws(server_.port());
  bob_ws.hello(debate_.id, bob.token);
  std::string first_of_bob;
  for (int i = 0; i < 3; ++i) {
    const auto q = bob_ws.command({{"type", "ask"}, {"text", "Missed " + std::to_string(i)}})["result"]["question"];
    if (i == 0) first_of_bob = q;
  }
  const auto approved = moderator.command({{"type", "approve"}, {"question", first_of_bob}});
  const std::uint64_t now = approved["seq"];

  ws_client again(server_.port());
  const auto welcome = again.hello(debate_.id, ann.token, last_seq);
  EXPECT_EQ(welcome["resume"], "events");
  EXPECT_EQ(welcome["seq"], now);
  std::vector<std::uint64_t> seqs;
  while (seqs.size() < now - last_seq) {
    const auto m = again.next();
    ASSERT_TRUE(m.has_value()) << "missing events after " << seqs.size();
    ASSERT_EQ((*m)["type"], "event") << *m;
    seqs.push_back((*m)["seq"]);
  }
  for (std::size_t i = 0; i < seqs.size(); ++i) EXPECT_EQ(seqs[i], last_seq + 1 + i);
  EXPECT_FALSE(again.next(300ms).has_value()) << "received more than the missed events";
}

TEST_F(live_room, a_new_client_gets_a_snapshot_of_the_current_state) {
  const auto ann = join(server_, debate_.id, "Ann");
  ws_client moderator(server_.port()), ann_ws(server_.port());
  moderator.hello(debate_.id, debate_.moderator_token);
  ann_ws.hello(debate_.id, ann.token);
  const auto q = ann_ws.command({{"type", "ask"}, {"text", "On air please"}})["result"]["question"];
  moderator.command({{"type", "approve"}, {"question", q}});
  moderator.command({{"type", "put_on_air"}, {"question", q}});

  ws_client stage(server_.port());
  const auto welcome = stage.hello(debate_.id, debate_.stage_token);
  EXPECT_EQ(welcome["role"], "stage");
  EXPECT_EQ(welcome["resume"], "snapshot");
  const auto snapshot = stage.wait_for([](const json& m) { return m["type"] == "snapshot"; });
  EXPECT_EQ(snapshot["state"]["on_air"], q);
  ASSERT_EQ(snapshot["state"]["questions"].size(), 1u);
  EXPECT_EQ(snapshot["state"]["questions"][0]["text"], "On air please");
  EXPECT_EQ(snapshot["seq"], welcome["seq"]);
}

TEST_F(live_room, reactions_reach_every_screen_as_aggregated_counts) {
  const auto ann = join(server_, debate_.id, "Ann");
  ws_client stage(server_.port()), ann_ws(server_.port());
  stage.hello(debate_.id, debate_.stage_token);
  ann_ws.hello(debate_.id, ann.token);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(ann_ws.command({{"type", "react"}, {"kind", "applause"}})["type"], "ack");
  const auto counts =
      stage.wait_for([](const json& m) { return m["type"] == "reactions" && m["totals"]["applause"] == 5; });
  EXPECT_EQ(counts["recent"]["applause"], 5);
  // Five clicks, far fewer messages: counts are coalesced.
  std::size_t reaction_messages = 0;
  for (const auto& m : stage.received()) reaction_messages += m["type"] == "reactions" ? 1 : 0;
  EXPECT_LT(reaction_messages, 5u);
}

}  // namespace
}  // namespace tribune::testing
