// The organizer's workspace over real sockets: every link of a debate read again at any time (after
// a restart too) without cutting anyone, one link replaced on its own, the overlay's own link, a
// debate's presentation settings and the security policy its audience page gets from them, and a
// debate duplicated as a template.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace tribune::testing {
namespace {

class workspace : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.start();
    debate_ = create_debate(server_);
  }

  http_reply organizer(const std::string& method, const std::string& path, const std::optional<json>& body = {}) {
    return http_request(server_.port(), method, path, body, server_.admin_token());
  }
  std::string debate_path(const std::string& sub = {}) const {
    return "/api/debates/" + debate_.id + (sub.empty() ? "" : "/" + sub);
  }
  // The token a link carries in its fragment.
  static std::string token_of(const json& url) {
    const auto text = url.get<std::string>();
    return text.substr(text.find("&token=") + 7);
  }

  temp_dir dir_;
  server_process server_{dir_.path() / "tribune.db"};
  debate debate_;
};

TEST_F(workspace, every_link_is_read_again_and_works_even_after_a_restart) {
  const auto added = organizer("POST", debate_path("panelists"), json{{"name", "Ann"}, {"side", "for"}});
  ASSERT_EQ(added.status, 201) << added.raw;
  const auto first = organizer("GET", debate_path("links"));
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(token_of(first.body["links"]["moderator"]), debate_.moderator_token);
  EXPECT_EQ(token_of(first.body["links"]["stage"]), debate_.stage_token);
  EXPECT_EQ(first.body["links"]["overlay"], debate_.body["links"]["overlay"]);
  ASSERT_EQ(first.body["panelists"].size(), 1u);
  EXPECT_EQ(first.body["panelists"][0]["link"], added.body["link"]);
  EXPECT_EQ(first.body["panelists"][0]["name"], "Ann");

  // Reading the links cuts nobody.
  ws_client moderator(server_.port());
  ASSERT_EQ(moderator.hello(debate_.id, debate_.moderator_token)["type"], "welcome");
  EXPECT_EQ(organizer("GET", debate_path("links")).status, 200);
  EXPECT_FALSE(moderator.wait_closed(std::chrono::milliseconds(300)));

  server_.kill_hard();
  server_.start();
  const auto again = organizer("GET", debate_path("links"));
  ASSERT_EQ(again.status, 200) << again.raw;
  // The port changed with the restart; the tokens did not.
  EXPECT_EQ(again.body["tokens"], first.body["tokens"]);
  ASSERT_EQ(again.body["panelists"].size(), 1u);
  EXPECT_EQ(token_of(again.body["panelists"][0]["link"]), token_of(first.body["panelists"][0]["link"]));
  for (const auto* which : {"moderator", "stage", "overlay"}) {
    ws_client c(server_.port());
    EXPECT_EQ(c.hello(debate_.id, token_of(again.body["links"][which]))["type"], "welcome") << which;
  }
  ws_client panelist(server_.port());
  EXPECT_EQ(panelist.hello(debate_.id, token_of(again.body["panelists"][0]["link"]))["role"], "panelist");
}

TEST_F(workspace, links_are_for_the_organizer_only) {
  EXPECT_EQ(http_request(server_.port(), "GET", debate_path("links")).status, 401);
  EXPECT_EQ(http_request(server_.port(), "GET", debate_path("links"), std::nullopt, debate_.moderator_token).status,
            401);
  EXPECT_EQ(organizer("GET", "/api/debates/nosuchdebate/links").status, 404);
}

TEST_F(workspace, one_link_is_replaced_alone_and_the_others_keep_their_connections) {
  const auto overlay_token = token_of(debate_.body["links"]["overlay"]);
  ws_client moderator(server_.port());
  ASSERT_EQ(moderator.hello(debate_.id, debate_.moderator_token)["type"], "welcome");
  ws_client overlay(server_.port());
  EXPECT_EQ(overlay.hello(debate_.id, overlay_token)["role"], "stage") << "the overlay sees what the stage sees";
  ws_client stage(server_.port());
  ASSERT_EQ(stage.hello(debate_.id, debate_.stage_token)["type"], "welcome");

  const auto rotated = organizer("POST", debate_path("links"), json{{"link", "stage"}});
  ASSERT_EQ(rotated.status, 200) << rotated.raw;
  EXPECT_EQ(stage.wait_closed(), 1008);
  EXPECT_NE(token_of(rotated.body["links"]["stage"]), debate_.stage_token);
  EXPECT_EQ(token_of(rotated.body["links"]["moderator"]), debate_.moderator_token);
  EXPECT_EQ(token_of(rotated.body["links"]["overlay"]), overlay_token);
  // The untouched links' connections carry on: both still get the room's events.
  ASSERT_EQ(moderator.command(json{{"type", "start_show"}})["type"], "ack");
  EXPECT_TRUE(overlay.wait_for([](const json& m) { return m["type"] == "event"; }).is_object());
  ws_client old_stage(server_.port());
  EXPECT_EQ(old_stage.hello(debate_.id, debate_.stage_token)["code"], "unauthorized");
  EXPECT_FALSE(moderator.is_closed());
  EXPECT_FALSE(overlay.is_closed());

  const auto overlay_rotated = organizer("POST", debate_path("links"), json{{"link", "overlay"}});
  ASSERT_EQ(overlay_rotated.status, 200);
  EXPECT_EQ(overlay.wait_closed(), 1008);
  EXPECT_FALSE(moderator.is_closed());

  const auto bad = organizer("POST", debate_path("links"), json{{"link", "audience"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["error"]["code"], "invalid_field");
  EXPECT_EQ(organizer("GET", debate_path("links")).body["links"], overlay_rotated.body["links"])
      << "a refused request changes nothing";
}

TEST_F(workspace, the_debate_says_where_the_show_stands_and_its_run_of_show) {
  const auto draft = http_request(server_.port(), "GET", debate_path());
  ASSERT_EQ(draft.status, 200);
  EXPECT_EQ(draft.body["status"], "draft");
  EXPECT_TRUE(draft.body["format"].is_string());
  EXPECT_FALSE(draft.body["segments"].empty());
  EXPECT_FALSE(draft.body.contains("brand"));
  EXPECT_FALSE(draft.body.contains("stream"));
  ws_client moderator(server_.port());
  moderator.hello(debate_.id, debate_.moderator_token);
  ASSERT_EQ(moderator.command(json{{"type", "start_show"}})["type"], "ack");
  EXPECT_EQ(http_request(server_.port(), "GET", debate_path()).body["status"], "live");
  const auto by_code = http_request(server_.port(), "GET", "/api/join/" + debate_.code);
  EXPECT_EQ(by_code.body["status"], "live");
  EXPECT_EQ(by_code.body["segments"], draft.body["segments"]);
}

TEST_F(workspace, settings_are_checked_kept_and_shape_the_audience_pages_policy) {
  const auto page = "/a/" + debate_.code;
  const auto plain = http_request(server_.port(), "GET", page);
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.header("X-Frame-Options"), "DENY");
  EXPECT_NE(plain.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(plain.header("Content-Security-Policy").find("frame-src 'none'"), std::string::npos);

  const json settings = {{"accent", "#D21F3C"},
                         {"logo", "https://brand.example/logo.png"},
                         {"stream", "https://www.youtube.com/embed/abcdefghijk"},
                         {"embed_origins", {"https://www.brand.example", "http://localhost:8000"}}};
  const auto put = organizer("PUT", debate_path("settings"), settings);
  ASSERT_EQ(put.status, 200) << put.raw;
  const auto read = http_request(server_.port(), "GET", debate_path());
  EXPECT_EQ(read.body["brand"], json({{"accent", "#d21f3c"}, {"logo", "https://brand.example/logo.png"}}));
  EXPECT_EQ(read.body["stream"], json({{"kind", "youtube"}, {"url", "https://www.youtube.com/embed/abcdefghijk"}}));
  EXPECT_EQ(read.body["embed_origins"], json({"https://www.brand.example", "http://localhost:8000"}));

  const auto framed = http_request(server_.port(), "GET", page);
  const auto csp = framed.header("Content-Security-Policy");
  EXPECT_NE(csp.find("frame-ancestors https://www.brand.example http://localhost:8000;"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-src https://www.youtube.com;"), std::string::npos) << csp;
  EXPECT_EQ(framed.header("X-Frame-Options"), "");
  // Every other page stays unframeable.
  for (const auto* other : {"/", "/admin", "/moderator", "/stage", "/overlay"}) {
    const auto reply = http_request(server_.port(), "GET", other);
    EXPECT_EQ(reply.header("X-Frame-Options"), "DENY") << other;
    EXPECT_NE(reply.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos) << other;
  }

  // An HLS stream opens media and connections to its origin, not frames.
  ASSERT_EQ(
      organizer("PUT", debate_path("settings"), json{{"stream", "https://cdn.example:8443/live/show.m3u8?t=1"}}).status,
      200);
  const auto hls = http_request(server_.port(), "GET", page).header("Content-Security-Policy");
  EXPECT_NE(hls.find("media-src 'self' https://cdn.example:8443 blob:;"), std::string::npos) << hls;
  EXPECT_NE(hls.find("connect-src 'self' https://cdn.example:8443;"), std::string::npos) << hls;
  EXPECT_NE(hls.find("frame-src 'none'"), std::string::npos) << hls;
  EXPECT_NE(hls.find("frame-ancestors 'none'"), std::string::npos) << "settings are replaced whole: " << hls;

  // Bad values are refused with the field named, and change nothing.
  const std::vector<std::pair<json, std::string>> bad = {
      {{{"accent", "red"}}, "accent"},
      {{{"logo", "http://brand.example/logo.png"}}, "logo"},
      {{{"logo", "javascript:alert(1)"}}, "logo"},
      {{{"stream", "https://www.example.com/video"}}, "stream"},
      {{{"stream", "https://cdn.example/x.m3u8; script-src *"}}, "stream"},
      {{{"stream", "https://user@cdn.example/x.m3u8"}}, "stream"},
      {{{"embed_origins", {"https://brand.example/page"}}}, "embed_origins"},
      {{{"embed_origins", {"https://brand.example 'unsafe-inline'"}}}, "embed_origins"},
      {{{"embed_origins", "https://brand.example"}}, "embed_origins"},
      {{{"embed_origins", json(std::vector<std::string>(11, "https://a.example"))}}, "embed_origins"},
  };
  for (const auto& [body, field] : bad) {
    const auto reply = organizer("PUT", debate_path("settings"), body);
    EXPECT_EQ(reply.status, 400) << body.dump();
    EXPECT_EQ(reply.body["error"]["code"], "invalid_field") << body.dump();
    EXPECT_EQ(reply.body["error"]["detail"].get<std::string>().rfind(field, 0), 0u) << reply.raw;
  }
  EXPECT_EQ(http_request(server_.port(), "GET", page).header("Content-Security-Policy"), hls);
  EXPECT_EQ(http_request(server_.port(), "PUT", debate_path("settings"), json::object()).status, 401);
}

TEST_F(workspace, a_debate_duplicated_as_a_template_copies_its_run_of_show_and_settings) {
  const json segments = {{{"name", "Ouverture"}, {"kind", "opening"}, {"minutes", 5}},
                         {{"name", "Nuage de mots"}, {"kind", "conversation"}, {"minutes", 7}}};
  ASSERT_EQ(organizer("PUT", debate_path("format"), json{{"segments", segments}}).status, 200);
  ASSERT_EQ(organizer("PUT", debate_path("settings"), json{{"accent", "#123456"}}).status, 200);
  const auto copy = organizer("POST", "/api/debates", json{{"title", "Second show"}, {"template", debate_.id}});
  ASSERT_EQ(copy.status, 201) << copy.raw;
  const auto original = http_request(server_.port(), "GET", debate_path());
  const auto copied = http_request(server_.port(), "GET", "/api/debates/" + copy.body["id"].get<std::string>());
  EXPECT_EQ(copied.body["title"], "Second show");
  EXPECT_EQ(copied.body["segments"], original.body["segments"]);
  EXPECT_EQ(copied.body["brand"], original.body["brand"]);
  EXPECT_EQ(copied.body["status"], "draft");
  EXPECT_NE(copy.body["tokens"]["moderator"], debate_.moderator_token);

  const auto missing = organizer("POST", "/api/debates", json{{"title", "x"}, {"template", "nosuchdebate"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.body["error"]["code"], "invalid_field");
  EXPECT_EQ(organizer("GET", "/api/debates").body["debates"].size(), 2u) << "a refused copy creates nothing";
}

}  // namespace
}  // namespace tribune::testing
