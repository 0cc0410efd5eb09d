// Questions and arguments sent before the show, over real sockets: a visitor sends them on an
// accepted topic; the public sees how many, not what; when the show opens they reach the
// moderator's queue once, naming who sent them, and no more are taken; a restart brings in nothing
// twice.
#include <gtest/gtest.h>

#include "channel_fixture.hpp"

namespace tribune::testing {
namespace {

std::vector<json> sent_before(const json& snapshot) {
  std::vector<json> out;
  for (const auto& q : snapshot["state"]["questions"]) {
    if (q.contains("before_show")) out.push_back(q);
  }
  return out;
}

TEST_F(channel_api, questions_sent_before_the_show_reach_the_moderators_queue_once_when_it_opens) {
  const auto ana = visitor("Ana");
  const auto bob = visitor("Bob");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Le travail hybride")).status, 201);
  const json question = {{"text", "Et les PME ?"}};
  const auto early = as(ana, "POST", "/topics/t1/advance", question);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.body["error"]["code"], "topic_not_accepted");
  ASSERT_EQ(organizer("POST", path("/topics/t1/answer"), json{{"answer", "accept"}}).status, 200);

  const auto sent = as(ana, "POST", "/topics/t1/advance", question);
  ASSERT_EQ(sent.status, 201) << sent.raw;
  EXPECT_EQ(sent.body["advance_count"], 1);
  EXPECT_EQ(sent.body["my_advance"][0]["text"], "Et les PME ?");
  EXPECT_TRUE(sent.body["advance_open"]);
  const json argument = {{"kind", "argument"}, {"text", "Moins de trajets"}, {"side", "for"}};
  ASSERT_EQ(as(bob, "POST", "/topics/t1/advance", argument).status, 201);
  for (const auto& bad : {json{{"text", "Q"}, {"side", "for"}}, json{{"text", ""}},
                          json{{"kind", "essay"}, {"text", "Q"}}, json{{"text", std::string(501, 'x')}}}) {
    const auto refused = as(ana, "POST", "/topics/t1/advance", bad);
    EXPECT_EQ(refused.status, 400) << bad << " " << refused.raw;
  }
  EXPECT_EQ(http_request(server_.port(), "POST", path("/topics/t1/advance"), question).status, 403) << "no identity";

  const auto pub = http_request(server_.port(), "GET", path("/topics/t1"));
  EXPECT_EQ(pub.body["advance_count"], 2) << "nothing partial was stored";
  EXPECT_EQ(pub.raw.find("Et les PME"), std::string::npos) << "the public sees how many, not what";
  EXPECT_EQ(organizer("GET", path("/topics/t1")).body["advance"].size(), 2U);

  const auto made = organizer("POST", path("/topics/t1/debate"));
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string debate = made.body["id"];
  const std::string moderator_token = made.body["tokens"]["moderator"];
  {
    ws_client moderator(server_.port());
    moderator.hello(debate, moderator_token);
    EXPECT_EQ(moderator.command({{"type", "start_show"}})["type"], "ack");
    const auto first = moderator.wait_for([](const json& m) { return is_event(m, "question_asked"); });
    EXPECT_EQ(first["data"]["question"]["before_show"]["by"], "Ana");
    EXPECT_EQ(first["data"]["question"]["before_show"]["kind"], "question");
    EXPECT_EQ(first["data"]["question"]["status"], "pending");
    EXPECT_TRUE(first["data"]["question"]["author"].is_null());
    const auto second = moderator.wait_for([](const json& m) { return is_event(m, "question_asked"); });
    EXPECT_EQ(second["data"]["question"]["before_show"]["side"], "for");
    EXPECT_EQ(second["data"]["question"]["text"], "Moins de trajets");
  }
  ASSERT_TRUE(wait_until([&] { return organizer("GET", path("/topics/t1")).body["advance_open"] == false; }));
  EXPECT_EQ(http_request(server_.port(), "GET", path()).body["topics"][0]["status"], "live");
  const auto late = as(ana, "POST", "/topics/t1/advance", question);
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.body["error"]["code"], "advance_closed");

  server_.kill_hard();
  server_.start();
  ws_client again(server_.port());
  again.hello(debate, moderator_token);
  const auto snapshot = again.wait_for([](const json& m) { return m.value("type", "") == "snapshot"; });
  EXPECT_EQ(sent_before(snapshot).size(), 2U) << "a restart brings nothing in twice";
  // Behind a command queued after any import the reload might have started, the queue still holds two.
  EXPECT_EQ(again.command({{"type", "approve"}, {"question", "q1"}})["type"], "ack");
  ws_client later(server_.port());
  later.hello(debate, moderator_token);
  const auto now = later.wait_for([](const json& m) { return m.value("type", "") == "snapshot"; });
  EXPECT_EQ(sent_before(now).size(), 2U);
  EXPECT_EQ(now["state"]["questions"].size(), 2U);

  EXPECT_EQ(later.command({{"type", "end_show"}})["type"], "ack");
  EXPECT_TRUE(wait_until([&] {
    return http_request(server_.port(), "GET", path("/topics/t1")).body["status"] == "ended";
  })) << "the topic follows its show to its end";
  EXPECT_EQ(organizer("POST", path("/topics/t1/schedule"), json{{"starts_at", 1800000000000}, {"time_zone", "UTC"}})
                .body["error"]["code"],
            "topic_closed")
      << "a show that took place is not scheduled again";
}

}  // namespace
}  // namespace tribune::testing
