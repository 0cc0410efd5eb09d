// Permissions, tokens and bad input over real sockets: every refusal has a stable code and changes
// nothing.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace tribune::testing {
namespace {

class security : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.start();
    debate_ = create_debate(server_);
  }

  // The last committed seq, as a fresh moderator connection sees it.
  std::uint64_t current_seq() {
    ws_client probe(server_.port());
    return probe.hello(debate_.id, debate_.moderator_token)["seq"];
  }

  temp_dir dir_;
  server_process server_{dir_.path() / "tribune.db"};
  debate debate_;
};

const std::vector<json>& moderator_commands(const std::string& q, const std::string& p) {
  static std::vector<json> commands;
  commands = {
      {{"type", "approve"}, {"question", q}},
      {{"type", "dismiss"}, {"question", q}, {"reason", "no"}},
      {{"type", "mark_answered"}, {"question", q}},
      {{"type", "pin"}, {"question", q}, {"pinned", true}},
      {{"type", "put_on_air"}, {"question", q}},
      {{"type", "put_on_air"}, {"question", nullptr}},
      {{"type", "mute"}, {"participant", p}, {"muted", true}},
      {{"type", "ban"}, {"participant", p}, {"reason", "no"}},
  };
  return commands;
}

TEST_F(security, audience_and_stage_tokens_get_forbidden_for_every_moderator_command_and_nothing_changes) {
  const auto ann = join(server_, debate_.id, "Ann");
  ws_client ann_ws(server_.port()), stage(server_.port());
  ann_ws.hello(debate_.id, ann.token);
  stage.hello(debate_.id, debate_.stage_token);
  const std::string q = ann_ws.command({{"type", "ask"}, {"text", "Pending"}})["result"]["question"];
  const auto before = current_seq();

  for (const auto& c : moderator_commands(q, ann.id)) {
    const auto from_audience = ann_ws.command(c);
    EXPECT_EQ(from_audience["type"], "error") << c;
    EXPECT_EQ(from_audience["code"], "forbidden") << c;
    const auto from_stage = stage.command(c);
    EXPECT_EQ(from_stage["code"], "forbidden") << c;
  }
  // Stage cannot ask, vote or react either.
  EXPECT_EQ(stage.command({{"type", "ask"}, {"text", "x"}})["code"], "forbidden");
  EXPECT_EQ(stage.command({{"type", "react"}, {"kind", "laugh"}})["code"], "forbidden");
  EXPECT_EQ(current_seq(), before);
}

TEST_F(security, a_token_of_one_debate_is_refused_in_another) {
  const auto other = create_debate(server_, "Another debate");
  const auto ann = join(server_, debate_.id, "Ann");
  for (const auto& token : {debate_.moderator_token, debate_.stage_token, ann.token}) {
    ws_client ws(server_.port());
    const auto reply = ws.hello(other.id, token);
    EXPECT_EQ(reply["type"], "error");
    EXPECT_EQ(reply["code"], "unauthorized");
    EXPECT_EQ(ws.wait_closed(), 1008);
  }
  // Tampered and malformed tokens are refused the same way.
  for (const std::string& token : {debate_.moderator_token + "x", std::string("nodot"), std::string(""),
                                   debate_.moderator_token.substr(0, debate_.moderator_token.find('.') + 1) + "AAAA"}) {
    ws_client ws(server_.port());
    EXPECT_EQ(ws.hello(debate_.id, token)["code"], "unauthorized") << token;
  }
}

TEST_F(security, commands_before_hello_are_refused) {
  ws_client ws(server_.port());
  const auto reply = ws.command({{"type", "ask"}, {"text", "sneaky"}});
  EXPECT_EQ(reply["code"], "hello_required");
}

TEST_F(security, bad_input_gets_a_clear_error_and_changes_nothing) {
  const auto ann = join(server_, debate_.id, "Ann");
  ws_client ws(server_.port());
  ws.hello(debate_.id, ann.token);
  const auto before = current_seq();
  ws.send_raw("not json");
  EXPECT_EQ(ws.wait_for([](const json& m) { return m["type"] == "error"; })["code"], "bad_json");
  EXPECT_EQ(ws.command({{"type", "launch_rockets"}})["code"], "unknown_command");
  EXPECT_EQ(ws.command({{"type", "ask"}, {"text", std::string(501, 'a')}})["code"], "text_too_long");
  EXPECT_EQ(ws.command({{"type", "ask"}, {"text", "   "}})["code"], "empty_text");
  EXPECT_EQ(ws.command({{"type", "upvote"}, {"question", "q999"}, {"on", true}})["code"], "unknown_question");
  EXPECT_EQ(ws.command({{"type", "react"}, {"kind", "boo"}})["code"], "invalid_field");
  EXPECT_EQ(current_seq(), before);
}

TEST_F(security, an_oversized_frame_closes_the_connection_with_1009) {
  const auto ann = join(server_, debate_.id, "Ann");
  ws_client ws(server_.port());
  ws.hello(debate_.id, ann.token);
  ws.send_raw(std::string(65 * 1024, 'x'));
  EXPECT_EQ(ws.wait_closed(), 1009);
  // The server stays healthy.
  EXPECT_EQ(http_request(server_.port(), "GET", "/healthz").status, 200);
}

TEST_F(security, a_flooding_client_is_rate_limited_then_closed) {
  const auto ann = join(server_, debate_.id, "Ann");
  ws_client ws(server_.port());
  ws.hello(debate_.id, ann.token);
  for (int i = 0; i < 200; ++i) ws.send({{"type", "upvote"}, {"question", "q1"}, {"on", true}, {"id", i}});
  ws.wait_for([](const json& m) { return m["type"] == "error" && m["code"] == "rate_limited"; });
  EXPECT_EQ(ws.wait_closed(), 1008);
}

// Sends `count` commands that change nothing (they name a question that does not exist) and
// returns how many were refused with rate_limited.
int refused_of_burst(ws_client& ws, const json& command, int count) {
  for (int i = 0; i < count; ++i) {
    auto c = command;
    c["id"] = i;
    ws.send(c);
  }
  int refused = 0;
  for (int i = 0; i < count; ++i) {
    const auto reply = ws.wait_for([i](const json& m) { return m.contains("id") && m["id"] == i; });
    if (reply["code"] == "rate_limited") ++refused;
  }
  return refused;
}

TEST_F(security, a_participant_gets_no_fresh_command_budget_by_opening_another_connection) {
  const auto ann = join(server_, debate_.id, "Ann");
  ws_client first(server_.port()), second(server_.port());
  first.hello(debate_.id, ann.token);
  second.hello(debate_.id, ann.token);
  const json upvote = {{"type", "upvote"}, {"question", "q999"}, {"on", true}};
  // The first connection spends the person's burst (40) and is then refused.
  EXPECT_GT(refused_of_burst(first, upvote, 45), 0);
  // A second connection has its own per-connection budget, but not the person's: refilling 30
  // commands would take 1.5 s at 20 a second.
  EXPECT_GT(refused_of_burst(second, upvote, 30), 0);
}

TEST_F(security, moderators_sharing_a_link_each_keep_their_own_command_budget) {
  ws_client first(server_.port()), second(server_.port());
  first.hello(debate_.id, debate_.moderator_token);
  second.hello(debate_.id, debate_.moderator_token);
  const json pin = {{"type", "pin"}, {"question", "q999"}, {"pinned", true}};
  // 60 commands from one link within a burst: each console stays inside its own 40.
  EXPECT_EQ(refused_of_burst(first, pin, 30), 0);
  EXPECT_EQ(refused_of_burst(second, pin, 30), 0);
}

TEST_F(security, organizer_endpoints_need_the_organizer_token) {
  const auto port = server_.port();
  EXPECT_EQ(http_request(port, "POST", "/api/debates", json{{"title", "x"}}).status, 401);
  EXPECT_EQ(http_request(port, "POST", "/api/debates", json{{"title", "x"}}, "wrong-token").status, 401);
  EXPECT_EQ(http_request(port, "GET", "/api/debates", std::nullopt, debate_.moderator_token).status, 401);
  EXPECT_EQ(http_request(port, "POST", "/api/debates/" + debate_.id + "/links").status, 401);
  const auto listed = http_request(port, "GET", "/api/debates", std::nullopt, server_.admin_token());
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body["debates"].size(), 1u);
}

TEST_F(security, rotated_links_stop_working_at_once) {
  ws_client old_moderator(server_.port());
  old_moderator.hello(debate_.id, debate_.moderator_token);
  const auto rotated = http_request(server_.port(), "POST", "/api/debates/" + debate_.id + "/links", std::nullopt,
                                    server_.admin_token());
  ASSERT_EQ(rotated.status, 200) << rotated.raw;
  EXPECT_EQ(old_moderator.wait_closed(), 1008);
  ws_client again(server_.port());
  EXPECT_EQ(again.hello(debate_.id, debate_.moderator_token)["code"], "unauthorized");
  ws_client fresh(server_.port());
  EXPECT_EQ(fresh.hello(debate_.id, rotated.body["tokens"]["moderator"])["role"], "moderator");
}

TEST_F(security, rest_input_is_validated) {
  const auto port = server_.port();
  const auto& admin = server_.admin_token();
  EXPECT_EQ(http_request(port, "POST", "/api/debates", json{{"title", ""}}, admin).body["error"]["code"], "empty_text");
  EXPECT_EQ(http_request(port, "POST", "/api/debates", json{{"motion", "no title"}}, admin).body["error"]["code"],
            "invalid_field");
  EXPECT_EQ(
      http_request(port, "POST", "/api/debates", json{{"title", std::string(201, 't')}}, admin).body["error"]["code"],
      "text_too_long");
  EXPECT_EQ(
      http_request(port, "POST", "/api/debates/" + debate_.id + "/participants", json{{"name", std::string(41, 'n')}})
          .body["error"]["code"],
      "text_too_long");
  EXPECT_EQ(
      http_request(port, "POST", "/api/debates/" + debate_.id + "/participants", json::array()).body["error"]["code"],
      "bad_json");
  EXPECT_EQ(http_request(port, "GET", "/api/join/NOPE42").status, 404);
  EXPECT_EQ(http_request(port, "GET", "/api/join/" + debate_.code).body["id"], debate_.id);
  const auto big = http_request(port, "POST", "/api/debates", json{{"title", std::string(70 * 1024, 'b')}}, admin);
  EXPECT_EQ(big.status, 413);
}

TEST_F(security, pages_carry_a_content_security_policy_and_paths_cannot_escape_the_web_root) {
  const auto page = http_request(server_.port(), "GET", "/admin");
  EXPECT_NE(page.header("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(page.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(http_request(server_.port(), "GET", "/../CMakeLists.txt").status, 404);
  EXPECT_EQ(http_request(server_.port(), "GET", "/%2e%2e/CMakeLists.txt").status, 404);
  EXPECT_EQ(http_request(server_.port(), "GET", "/.git/config").status, 404);
}

TEST_F(security, no_token_ever_appears_in_the_logs) {
  const auto ann = join(server_, debate_.id, "Ann");
  ws_client ws(server_.port());
  ws.hello(debate_.id, ann.token);
  ws.command({{"type", "ask"}, {"text", "logged?"}});
  const auto logs = server_.log_text();
  for (const auto& secret : {server_.admin_token(), debate_.moderator_token, debate_.stage_token, ann.token}) {
    EXPECT_EQ(logs.find(secret), std::string::npos);
    EXPECT_EQ(logs.find(secret.substr(secret.find('.') + 1)), std::string::npos);
  }
}

}  // namespace
}  // namespace tribune::testing
