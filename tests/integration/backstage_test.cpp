// Backstage over real sockets: a cue reaches the moderators and the panelist it names, nobody else;
// the moderators' messages reach moderators only; public clients see no gap in `prev`; a panelist
// who reconnects finds their open cues in the welcome; the public archive, report and replay hold
// none of it, the organizer's replay does.
#include <gtest/gtest.h>

#include <string>

#include "harness.hpp"

namespace tribune::testing {
namespace {

// Nothing a connection received mentions the backstage.
void expect_nothing_backstage(const ws_client& ws, const std::string& who) {
  for (const auto& m : ws.received()) {
    const auto text = m.dump();
    EXPECT_EQ(text.find("Secret"), std::string::npos) << who << " received " << text;
    EXPECT_FALSE(is_event(m, "cue_sent") || is_event(m, "staff_message_posted")) << who << " received " << text;
  }
}

TEST(backstage, cues_reach_the_panelist_named_and_moderators_and_nothing_reaches_the_public) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto green_token = add_panelist(server, d.id, "Green").token;
  const auto blue_token = add_panelist(server, d.id, "Blue").token;
  const auto ann = join(server, d.id, "Ann");
  ws_client moderator(server.port()), green(server.port()), blue(server.port()), audience(server.port()),
      stage(server.port());
  ASSERT_EQ(moderator.hello(d.id, d.moderator_token)["role"], "moderator");
  ASSERT_EQ(green.hello(d.id, green_token)["cues"], json::array());
  ASSERT_EQ(blue.hello(d.id, blue_token)["role"], "panelist");
  ASSERT_EQ(audience.hello(d.id, ann.token)["role"], "audience");
  ASSERT_EQ(stage.hello(d.id, d.stage_token)["role"], "stage");

  // Nobody but a moderator sends a cue or a staff message.
  EXPECT_EQ(audience.command({{"type", "send_cue"}, {"panelist", "g1"}, {"cue", "wrap_up"}})["code"], "forbidden");
  EXPECT_EQ(blue.command({{"type", "send_cue"}, {"panelist", "g1"}, {"cue", "wrap_up"}})["code"], "forbidden");
  EXPECT_EQ(stage.command({{"type", "post_staff_message"}, {"text", "Secret?"}})["code"], "forbidden");

  const auto cue_ack =
      moderator.command({{"type", "send_cue"}, {"panelist", "g1"}, {"cue", "note"}, {"text", "Secret: wrap up"}});
  ASSERT_EQ(cue_ack["type"], "ack") << cue_ack;
  const auto to_green = green.wait_for([](const json& m) { return is_event(m, "cue_sent"); });
  EXPECT_EQ(to_green["data"]["cue"]["id"], "k1");
  EXPECT_EQ(to_green["data"]["cue"]["text"], "Secret: wrap up");
  EXPECT_TRUE(to_green["data"]["cue"]["acknowledged_at"].is_null());
  EXPECT_EQ(received_event(moderator, "cue_sent")["data"]["cue"]["panelist"], "g1");
  ASSERT_EQ(moderator.command({{"type", "post_staff_message"}, {"text", "Secret: Ann next"}})["type"], "ack");
  EXPECT_EQ(received_event(moderator, "staff_message_posted")["data"]["message"]["text"], "Secret: Ann next");

  // A public event after them: its prev skips them, so no public client thinks it missed one.
  const auto before_public = audience.received();
  const auto public_ack = moderator.command({{"type", "create_poll"}, {"kind", "scale"}, {"question", "Clear?"}});
  ASSERT_EQ(public_ack["type"], "ack");
  for (auto* ws : {&blue, &audience, &stage, &green}) {
    SCOPED_TRACE(ws == &blue ? "blue" : ws == &audience ? "audience" : ws == &stage ? "stage" : "green");
    const auto created = ws->wait_for([](const json& m) { return is_event(m, "poll_created"); });
    EXPECT_LT(created["prev"].get<std::uint64_t>(), cue_ack["seq"].get<std::uint64_t>()) << created;
  }

  // Only Green acknowledges, once.
  EXPECT_EQ(blue.command({{"type", "acknowledge_cue"}, {"cue", "k1"}})["code"], "unknown_cue");
  EXPECT_EQ(moderator.command({{"type", "acknowledge_cue"}, {"cue", "k1"}})["code"], "forbidden");
  ASSERT_EQ(green.command({{"type", "acknowledge_cue"}, {"cue", "k1"}})["type"], "ack");
  EXPECT_TRUE(received_event(moderator, "cue_acknowledged")["data"]["cue"]["acknowledged_at"].is_number());
  EXPECT_TRUE(received_event(green, "cue_acknowledged")["data"]["cue"]["acknowledged_at"].is_number())
      << "the panelist's own screens learn it too";

  // A second cue, not acknowledged: Green's next connection finds it in the welcome; Blue's none.
  const auto second = moderator.command({{"type", "send_cue"}, {"panelist", "g1"}, {"cue", "you_are_next"}});
  ASSERT_EQ(second["type"], "ack");
  green.wait_for([](const json& m) { return is_event(m, "cue_sent"); });
  ws_client green_again(server.port()), blue_again(server.port()), moderator_again(server.port());
  const auto welcome = green_again.hello(d.id, green_token);
  ASSERT_EQ(welcome["cues"].size(), 1u) << welcome;
  EXPECT_EQ(welcome["cues"][0]["id"], "k2");
  EXPECT_EQ(welcome["cues"][0]["cue"], "you_are_next");
  EXPECT_EQ(blue_again.hello(d.id, blue_token)["cues"], json::array());
  moderator_again.hello(d.id, d.moderator_token);
  const auto snapshot = moderator_again.wait_for([](const json& m) { return m["type"] == "snapshot"; });
  EXPECT_EQ(snapshot["state"]["backstage"]["cues"].size(), 2u);
  EXPECT_EQ(snapshot["state"]["backstage"]["messages"][0]["text"], "Secret: Ann next");

  for (const auto& [ws, who] :
       {std::pair{&blue, "blue"}, {&audience, "audience"}, {&stage, "stage"}, {&blue_again, "blue again"}}) {
    expect_nothing_backstage(*ws, who);
  }

  // Public reports, replays and the archive hold none of it; the organizer's replay does.
  const auto seq = std::to_string(second["seq"].get<std::uint64_t>());
  for (const auto& target : {"/api/debates/" + d.id + "/report", "/api/debates/" + d.id + "/replay?seq=" + seq,
                             "/api/debates/" + d.id + "/archive"}) {
    const auto reply = http_request(server.port(), "GET", target);
    EXPECT_EQ(reply.status, 200) << target << ": " << reply.raw;
    EXPECT_EQ(reply.raw.find("Secret"), std::string::npos) << target;
  }
  const auto organizer_replay = http_request(server.port(), "GET", "/api/debates/" + d.id + "/replay?seq=" + seq,
                                             std::nullopt, server.admin_token());
  EXPECT_EQ(organizer_replay.status, 200);
  EXPECT_NE(organizer_replay.raw.find("Secret: Ann next"), std::string::npos);
}

}  // namespace
}  // namespace tribune::testing
