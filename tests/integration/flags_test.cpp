// Flags over real sockets and REST: an insult arrives flagged for the moderators and nobody else,
// nothing is removed, the organizer replaces the words that flag (bad lists change nothing) and
// the list survives a crash. On a channel: a flagged proposal or comment waits in the organizer's
// lane, the channel's own list survives a crash and the debates made from its topics start with it.
#include <gtest/gtest.h>

#include <string>

#include "channel_fixture.hpp"
#include "harness.hpp"

namespace tribune::testing {
namespace {

void expect_no_flag(const ws_client& ws, const std::string& who) {
  for (const auto& m : ws.received()) {
    EXPECT_EQ(m.dump().find("\"flag"), std::string::npos) << who << " received " << m;
  }
}

TEST(flags, an_insult_reaches_the_moderators_flagged_and_nobody_else_sees_a_flag) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto words = "/api/debates/" + d.id + "/flag_words";
  const auto ann = join(server, d.id, "Ann");
  (void)join(server, d.id, "Gros connard");
  ws_client moderator(server.port()), audience(server.port()), stage(server.port());
  moderator.hello(d.id, d.moderator_token);
  const auto snapshot = moderator.wait_for([](const json& m) { return m["type"] == "snapshot"; });
  EXPECT_EQ(snapshot["state"]["participants"][1]["flag"], "connard*") << "a name is flagged too";
  ASSERT_EQ(audience.hello(d.id, ann.token)["role"], "audience");
  ASSERT_EQ(stage.hello(d.id, d.stage_token)["role"], "stage");

  const auto asked = audience.command({{"type", "ask"}, {"text", "Quel CON, ce projet !"}});
  ASSERT_EQ(asked["type"], "ack") << asked;
  const auto q1 = asked["result"]["question"];
  const auto flagged = received_event(moderator, "question_asked");
  EXPECT_EQ(flagged["data"]["question"]["flag"], "con");
  EXPECT_EQ(flagged["data"]["question"]["status"], "pending") << "a flag removes nothing";
  ASSERT_EQ(moderator.command({{"type", "approve"}, {"question", q1}})["type"], "ack");
  EXPECT_FALSE(received_event(audience, "question_approved")["data"]["question"].contains("flag"));
  (void)received_event(stage, "question_approved");
  ws_client late(server.port());
  late.hello(d.id, ann.token);
  (void)late.wait_for([](const json& m) { return m["type"] == "snapshot"; });
  for (const auto& [ws, who] : {std::pair{&audience, "audience"}, {&stage, "stage"}, {&late, "audience snapshot"}}) {
    expect_no_flag(*ws, who);
  }

  // The shipped list, then the organizer's own; bad lists are refused and change nothing.
  const auto shipped = http_request(server.port(), "GET", words, std::nullopt, server.admin_token());
  ASSERT_EQ(shipped.status, 200) << shipped.raw;
  EXPECT_TRUE(shipped.body["shipped"].get<bool>());
  EXPECT_GT(shipped.body["words"].size(), 20u);
  EXPECT_EQ(http_request(server.port(), "GET", words, std::nullopt, d.moderator_token).status, 401);
  EXPECT_EQ(http_request(server.port(), "PUT", words, json{{"words", "con"}}, server.admin_token()).status, 400);
  EXPECT_EQ(http_request(server.port(), "PUT", words, json{{"words", {std::string(61, 'x')}}}, server.admin_token())
                .body["error"]["code"],
            "text_too_long");
  EXPECT_EQ(
      http_request(server.port(), "PUT", words, json{{"words", {"a"}}, {"shipped", true}}, server.admin_token()).status,
      400);
  EXPECT_EQ(http_request(server.port(), "PUT", words, json{{"words", json::array({1})}}, server.admin_token()).status,
            400);
  EXPECT_TRUE(
      http_request(server.port(), "GET", words, std::nullopt, server.admin_token()).body["shipped"].get<bool>());

  const auto own = http_request(server.port(), "PUT", words,
                                json{{"words", {"Lobby pétrolier", "bouffon*", "bouffon*"}}}, server.admin_token());
  ASSERT_EQ(own.status, 200) << own.raw;
  EXPECT_EQ(own.body, (json{{"words", {"Lobby pétrolier", "bouffon*"}}, {"shipped", false}})) << "once each";
  EXPECT_EQ(received_event(moderator, "flag_words_set")["data"]["shipped"], false);
  ASSERT_EQ(audience.command({{"type", "ask"}, {"text", "Le LOBBY petrolier paie ?"}})["type"], "ack");
  EXPECT_EQ(moderator.wait_for([](const json& m) {
    return is_event(m, "question_asked") && m["data"]["question"]["text"] == "Le LOBBY petrolier paie ?";
  })["data"]["question"]["flag"],
            "Lobby pétrolier");
  expect_no_flag(audience, "audience");
  for (const auto& m : audience.received()) EXPECT_FALSE(is_event(m, "flag_words_set")) << m;

  server.kill_hard();
  server.start();
  const auto after = http_request(server.port(), "GET", words, std::nullopt, server.admin_token());
  EXPECT_EQ(after.body, own.body) << "the list is in the log";
}

TEST_F(channel_api, a_flagged_comment_waits_in_the_organizers_lane_and_the_channels_words_follow_its_debates) {
  const auto ana = visitor("Ana");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Le télétravail")).status, 201);
  ASSERT_EQ(as(ana, "POST", "/topics/t1/comments", json{{"text", "Quel con, ce chef"}}).status, 201);
  ASSERT_EQ(as(ana, "POST", "/topics/t1/comments", json{{"text", "Un bon conseil"}}).status, 201);
  const auto mine = organizer("GET", path("/topics/t1"));
  ASSERT_EQ(mine.body["comments"].size(), 2U) << mine.raw;
  EXPECT_EQ(mine.body["comments"][0]["flag"], "con");
  EXPECT_FALSE(mine.body["comments"][1].contains("flag"));
  for (const auto& reply : {http_request(server_.port(), "GET", path("/topics/t1")), as(ana, "GET", "/topics/t1"),
                            http_request(server_.port(), "GET", path())}) {
    EXPECT_EQ(reply.raw.find("\"flag"), std::string::npos) << "no public view holds a flag: " << reply.raw;
  }
  EXPECT_EQ(as(ana, "GET", "/flagged").status, 401);
  EXPECT_EQ(as(ana, "PUT", "/flag_words", json{{"words", {"x"}}}).status, 401);
  auto lane = organizer("GET", path("/flagged"));
  ASSERT_EQ(lane.status, 200) << lane.raw;
  ASSERT_EQ(lane.body["flagged"].size(), 1U) << lane.raw;
  EXPECT_EQ(lane.body["flagged"][0], (json{{"topic", "t1"},
                                           {"comment", "c1"},
                                           {"by", "Ana"},
                                           {"at", lane.body["flagged"][0]["at"]},
                                           {"text", "Quel con, ce chef"},
                                           {"flag", "con"}}));
  // A name that holds a word flags the comments of its visitor, and the lane says where the word is.
  const auto masked = visitor("Le bouffon masqué");
  ASSERT_EQ(as(masked, "POST", "/topics/t1/comments", json{{"text", "Bonne idée"}}).status, 201);
  lane = organizer("GET", path("/flagged"));
  ASSERT_EQ(lane.body["flagged"].size(), 2U) << lane.raw;
  EXPECT_EQ(lane.body["flagged"][0]["by"], "Le bouffon masqué");
  EXPECT_EQ(lane.body["flagged"][0]["flag"], "bouffon*");
  EXPECT_EQ(lane.body["flagged"][0]["in_name"], true);
  EXPECT_FALSE(lane.body["flagged"][1].contains("in_name"));
  ASSERT_EQ(organizer("POST", path("/topics/t1/comments/c3/hide"), json{{"reason", "Pseudonyme injurieux"}}).status,
            200);

  const auto words = path("/flag_words");
  EXPECT_EQ(organizer("PUT", words, json{{"words", json::array({""})}}).status, 400);
  EXPECT_TRUE(organizer("GET", words).body["shipped"].get<bool>()) << "a bad list changes nothing";
  const auto own = organizer("PUT", words, json{{"words", {"patate*"}}});
  ASSERT_EQ(own.status, 200) << own.raw;
  EXPECT_EQ(own.body, (json{{"words", {"patate*"}}, {"shipped", false}}));
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Patates ou frites ?")).status, 201);
  EXPECT_EQ(organizer("GET", path("/topics/t2")).body["flag"], "patate*") << "a proposal is flagged too";

  ASSERT_EQ(organizer("POST", path("/topics/t1/comments/c1/hide"), json{{"reason", "Insulte"}}).status, 200);
  lane = organizer("GET", path("/flagged"));
  ASSERT_EQ(lane.body["flagged"].size(), 1U) << "a hidden comment leaves the lane: " << lane.raw;
  EXPECT_EQ(lane.body["flagged"][0]["topic"], "t2");

  server_.kill_hard();
  server_.start();
  EXPECT_EQ(organizer("GET", words).body, own.body) << "the channel's list is in its log";
  ASSERT_EQ(organizer("POST", path("/topics/t2/answer"), json{{"answer", "accept"}}).status, 200);
  const auto made = organizer("POST", path("/topics/t2/debate"));
  ASSERT_EQ(made.status, 201) << made.raw;
  const auto debate_words = organizer("GET", "/api/debates/" + made.body["id"].get<std::string>() + "/flag_words");
  EXPECT_EQ(debate_words.body, own.body) << "the debate starts with the channel's words";
}

}  // namespace
}  // namespace tribune::testing
