// A debate's presentation settings: which addresses are accepted, what kind of player a stream
// needs, and the security policy the audience page gets from them.
#include "protocol/settings.hpp"

#include <gtest/gtest.h>

#include "server/http_message.hpp"

namespace tribune::protocol {
namespace {

TEST(settings, an_origin_is_taken_from_a_plain_address_only) {
  EXPECT_EQ(url_origin("https://Brand.Example/logo.png?v=2", true), "https://brand.example");
  EXPECT_EQ(url_origin("http://localhost:8000", false), "http://localhost:8000");
  EXPECT_FALSE(url_origin("http://brand.example/logo.png", true)) << "https only";
  for (const auto* bad : {"", "brand.example", "javascript:alert(1)", "https://", "https://user@brand.example/",
                          "https://brand.example:99999/", "https://brand.example:/", "https://-brand.example/",
                          "https://brand..example/", "https://brand.example/a b", "https://brand.example/'x'",
                          "https://brand.example/;script-src", "https://brand.example/a,b", "https://brand_example/"}) {
    EXPECT_FALSE(url_origin(bad, false)) << bad;
  }
  EXPECT_FALSE(url_origin("https://brand.example/" + std::string(max_url_chars, 'a'), true)) << "too long";
}

TEST(settings, a_stream_address_names_its_player) {
  const std::vector<std::pair<std::string, stream_kind>> good = {
      {"https://www.youtube.com/embed/abcdefghijk", stream_kind::youtube},
      {"https://www.youtube-nocookie.com/embed/abcdefghijk?start=3", stream_kind::youtube},
      {"https://player.vimeo.com/video/76979871", stream_kind::vimeo},
      {"https://player.twitch.tv/?channel=brand&parent=debates.example", stream_kind::twitch},
      {"https://tube.example.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d", stream_kind::peertube},
      {"https://cdn.example:8443/live/show.m3u8?token=abc", stream_kind::hls},
  };
  for (const auto& [url, kind] : good) {
    const auto s = classify_stream(url);
    ASSERT_TRUE(s) << url;
    EXPECT_EQ(s->kind, kind) << url;
    EXPECT_EQ(s->url, url);
  }
  EXPECT_EQ(classify_stream("https://cdn.example:8443/live/show.m3u8")->origin, "https://cdn.example:8443");
  for (const auto* bad : {"https://www.youtube.com/watch?v=abcdefghijk", "https://www.youtube.com/embed/",
                          "http://www.youtube.com/embed/abc", "https://example.com/show.mp4",
                          "https://example.com/show.m3u8.html", "https://player.vimeo.com/"}) {
    EXPECT_FALSE(classify_stream(bad)) << bad;
  }
}

TEST(settings, the_stored_form_reads_back_the_same) {
  const auto decoded = decode_settings(
      R"({"accent":"#D21F3C","logo":"https://b.example/l.png","stream":"https://player.vimeo.com/video/1",)"
      R"("embed_origins":["https://a.example","https://a.example/","http://localhost:8000"]})");
  ASSERT_TRUE(std::holds_alternative<debate_settings>(decoded));
  const auto& s = std::get<debate_settings>(decoded);
  EXPECT_EQ(s.accent, "#d21f3c");
  EXPECT_EQ(s.embed_origins, (std::vector<std::string>{"https://a.example", "http://localhost:8000"}))
      << "one origin once";
  const auto back = settings_from_text(settings_text(s));
  EXPECT_EQ(back.accent, s.accent);
  EXPECT_EQ(back.logo, s.logo);
  ASSERT_TRUE(back.stream);
  EXPECT_EQ(back.stream->kind, stream_kind::vimeo);
  EXPECT_EQ(back.embed_origins, s.embed_origins);
  EXPECT_TRUE(settings_from_text("not json").accent.empty()) << "an unreadable text is no settings";
  const auto cleared = decode_settings(R"({"accent":null,"logo":null,"stream":null,"embed_origins":null})");
  ASSERT_TRUE(std::holds_alternative<debate_settings>(cleared));
  EXPECT_EQ(settings_text(std::get<debate_settings>(cleared)), "{}");
}

TEST(settings, the_audience_page_policy_opens_exactly_what_the_settings_name) {
  const auto none = server::content_security_policy({});
  EXPECT_NE(none.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(none.find("frame-src 'none'"), std::string::npos);
  EXPECT_NE(none.find("script-src 'self';"), std::string::npos);

  const auto framed = server::content_security_policy(
      {{"https://a.example", "http://localhost:8000"}, classify_stream("https://www.youtube.com/embed/abc")});
  EXPECT_NE(framed.find("frame-ancestors https://a.example http://localhost:8000;"), std::string::npos) << framed;
  EXPECT_NE(framed.find("frame-src https://www.youtube.com;"), std::string::npos) << framed;
  EXPECT_NE(framed.find("media-src 'self';"), std::string::npos) << framed;

  const auto hls = server::content_security_policy({{}, classify_stream("https://cdn.example/live.m3u8")});
  EXPECT_NE(hls.find("media-src 'self' https://cdn.example blob:;"), std::string::npos) << hls;
  EXPECT_NE(hls.find("connect-src 'self' https://cdn.example;"), std::string::npos) << hls;
  EXPECT_NE(hls.find("frame-src 'none'"), std::string::npos) << hls;
  EXPECT_EQ(hls.find("script-src 'self' https"), std::string::npos) << "a stream never adds scripts";
}

}  // namespace
}  // namespace tribune::protocol
