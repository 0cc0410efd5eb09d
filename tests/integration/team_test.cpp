// The moderators by name over real sockets and REST: the organizer adds, names and removes
// moderator links; each moderator's actions carry their name to the other moderators; the audience,
// the stage and panelists never receive a moderator's name unless the organizer names moderators in
// public; a removed link is cut at once and stays refused after a crash.
#include <gtest/gtest.h>

#include <string>

#include "harness.hpp"

namespace tribune::testing {
namespace {

void expect_no_name(const ws_client& ws, const std::string& who, const std::string& name) {
  for (const auto& m : ws.received()) {
    EXPECT_EQ(m.dump().find(name), std::string::npos) << who << " received " << m;
    EXPECT_FALSE(m.contains("by")) << who << " received " << m;
  }
}

TEST(team, each_moderator_link_carries_its_name_to_moderators_and_to_nobody_else) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto team = "/api/debates/" + d.id + "/moderators";
  const auto green_token = add_panelist(server, d.id, "Green").token;
  const auto ann = join(server, d.id, "Ann");

  // Bad input changes nothing.
  EXPECT_EQ(http_request(server.port(), "POST", team, json::object(), server.admin_token()).status, 400);
  EXPECT_EQ(http_request(server.port(), "POST", team, json{{"name", std::string(41, 'x')}}, server.admin_token())
                .body["error"]["code"],
            "text_too_long");
  EXPECT_EQ(http_request(server.port(), "PATCH", team + "/o9", json{{"name", "X"}}, server.admin_token()).status, 404);
  EXPECT_EQ(http_request(server.port(), "PATCH", team + "/o0", json{{"name", "X"}}, server.admin_token()).status, 404);
  EXPECT_EQ(
      http_request(server.port(), "DELETE", team + "/o1", std::nullopt, server.admin_token()).body["error"]["code"],
      "invalid_field")
      << "the first link is replaced, never removed";
  EXPECT_EQ(http_request(server.port(), "GET", team, std::nullopt, server.admin_token()).status, 405);

  const auto added = http_request(server.port(), "POST", team, json{{"name", "Léa"}}, server.admin_token());
  ASSERT_EQ(added.status, 201) << added.raw;
  EXPECT_EQ(added.body["moderator"], "o2");
  EXPECT_EQ(added.body["name"], "Léa");
  const auto lea_token = added.body["token"].get<std::string>();
  EXPECT_NE(added.body["link"].get<std::string>().find("/moderator#debate=" + d.id + "&token=" + lea_token),
            std::string::npos);
  ASSERT_EQ(http_request(server.port(), "PATCH", team + "/o1", json{{"name", "Max"}}, server.admin_token()).status,
            200);
  const auto links =
      http_request(server.port(), "GET", "/api/debates/" + d.id + "/links", std::nullopt, server.admin_token());
  ASSERT_EQ(links.body["moderators"].size(), 2u) << links.raw;
  EXPECT_EQ(links.body["moderators"][0]["name"], "Max");
  EXPECT_EQ(links.body["moderators"][0]["link"], links.body["links"]["moderator"]);
  EXPECT_EQ(links.body["moderators"][1]["name"], "Léa");
  EXPECT_EQ(links.body["moderators"][1]["link"], added.body["link"]) << "read again, the same link";

  ws_client max(server.port()), lea(server.port()), audience(server.port()), stage(server.port()), green(server.port());
  const auto welcome = lea.hello(d.id, lea_token);
  EXPECT_EQ(welcome["role"], "moderator");
  EXPECT_EQ(welcome["moderator"], "o2");
  EXPECT_EQ(welcome["name"], "Léa");
  const auto snapshot = lea.wait_for([](const json& m) { return m["type"] == "snapshot"; });
  EXPECT_EQ(snapshot["state"]["team"]["moderators"].size(), 2u);
  EXPECT_EQ(max.hello(d.id, d.moderator_token)["name"], "Max");
  ASSERT_EQ(audience.hello(d.id, ann.token)["role"], "audience");
  ASSERT_EQ(stage.hello(d.id, d.stage_token)["role"], "stage");
  ASSERT_EQ(green.hello(d.id, green_token)["role"], "panelist");

  // Léa dismisses Ann's question: Max sees it was Léa; the public sees "a moderator".
  const auto q1 = audience.command({{"type", "ask"}, {"text", "Who pays?"}})["result"]["question"];
  ASSERT_EQ(lea.command({{"type", "dismiss"}, {"question", q1}, {"reason", "Off topic"}})["type"], "ack");
  const auto seen_by_max = received_event(max, "question_dismissed");
  EXPECT_EQ(seen_by_max["by"], "Léa");
  EXPECT_EQ(seen_by_max["data"]["entry"]["by"], "Léa");
  ASSERT_EQ(lea.command({{"type", "post_staff_message"}, {"text", "I take the questions"}})["type"], "ack");
  EXPECT_EQ(received_event(max, "staff_message_posted")["data"]["message"]["by"], "Léa");
  EXPECT_EQ(received_event(audience, "question_dismissed")["data"]["entry"]["reason"], "Off topic");
  (void)received_event(stage, "question_dismissed");
  (void)received_event(green, "question_dismissed");
  ws_client late(server.port());
  late.hello(d.id, ann.token);
  (void)late.wait_for([](const json& m) { return m["type"] == "snapshot"; });
  for (const auto& [ws, who] :
       {std::pair{&audience, "audience"}, {&stage, "stage"}, {&green, "panelist"}, {&late, "audience snapshot"}}) {
    expect_no_name(*ws, who, "Léa");
    expect_no_name(*ws, who, "Max");
  }
  for (const auto& target : {"/api/debates/" + d.id + "/archive", "/api/debates/" + d.id + "/report"}) {
    const auto reply = http_request(server.port(), "GET", target);
    EXPECT_EQ(reply.raw.find("Léa"), std::string::npos) << target;
  }

  // Named in public: the next action carries the name to everyone.
  const auto shown = http_request(server.port(), "POST", "/api/debates/" + d.id + "/moderation",
                                  json{{"names_public", true}}, server.admin_token());
  ASSERT_EQ(shown.status, 200) << shown.raw;
  EXPECT_EQ(shown.body["names_public"], true);
  const auto q2 = audience.command({{"type", "ask"}, {"text", "And trams?"}})["result"]["question"];
  ASSERT_EQ(lea.command({{"type", "dismiss"}, {"question", q2}, {"reason", "Asked already"}})["type"], "ack");
  const auto named = audience.wait_for([](const json& m) {
    return is_event(m, "question_dismissed") && m["data"]["entry"]["reason"] == "Asked already";
  });
  EXPECT_EQ(named["by"], "Léa");
  EXPECT_EQ(named["data"]["entry"]["by"], "Léa");

  // Removed: Léa's connection is closed at once, and her link is refused, after a crash too.
  ASSERT_EQ(http_request(server.port(), "DELETE", team + "/o2", std::nullopt, server.admin_token()).status, 204);
  EXPECT_EQ(lea.wait_closed(), 1008);
  EXPECT_EQ(received_event(max, "moderator_removed")["data"]["moderator"]["id"], "o2");
  EXPECT_EQ(http_request(server.port(), "DELETE", team + "/o2", std::nullopt, server.admin_token()).status, 404);
  server.kill_hard();
  server.start();
  ws_client refused(server.port());
  EXPECT_EQ(refused.hello(d.id, lea_token)["code"], "unauthorized");
  EXPECT_EQ(refused.wait_closed(), 1008);
  ws_client max_again(server.port());
  EXPECT_EQ(max_again.hello(d.id, d.moderator_token)["name"], "Max");
  const auto after =
      http_request(server.port(), "GET", "/api/debates/" + d.id + "/links", std::nullopt, server.admin_token());
  ASSERT_EQ(after.body["moderators"].size(), 1u) << after.raw;
}

}  // namespace
}  // namespace tribune::testing
