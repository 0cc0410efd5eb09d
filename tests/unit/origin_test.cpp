#include "server/origin.hpp"

#include <gtest/gtest.h>

#include <optional>

namespace tribune::server {
namespace {

http_request upgrade(const std::optional<std::string>& origin, const std::string& host = "127.0.0.1:8080") {
  http_request req{http::verb::get, "/ws", 11};
  req.set(http::field::host, host);
  if (origin) req.set(http::field::origin, *origin);
  return req;
}

TEST(origin, a_handshake_without_origin_is_not_a_browser_page_and_is_let_in) {
  EXPECT_TRUE(origin_allowed(config{}, upgrade(std::nullopt)));
}

TEST(origin, the_servers_own_origin_is_let_in_over_http_and_https) {
  EXPECT_TRUE(origin_allowed(config{}, upgrade("http://127.0.0.1:8080")));
  EXPECT_TRUE(origin_allowed(config{}, upgrade("https://127.0.0.1:8080")));
  EXPECT_TRUE(origin_allowed(config{}, upgrade("https://debates.example", "debates.example")));
}

TEST(origin, foreign_null_and_empty_origins_are_refused) {
  for (const std::string origin : {"http://evil.example", "http://127.0.0.1:8080.evil.example", "http://127.0.0.1:8081",
                                   "ftp://127.0.0.1:8080", "null", ""}) {
    EXPECT_FALSE(origin_allowed(config{}, upgrade(origin))) << origin;
  }
  // Without a Host, no origin is the server's own.
  EXPECT_FALSE(origin_allowed(config{}, upgrade("http://", "")));
}

TEST(origin, the_public_url_and_configured_origins_are_let_in) {
  config cfg;
  cfg.public_url = "https://debates.example";
  cfg.allowed_origins = {"https://embed.example", "https://other.example"};
  EXPECT_TRUE(origin_allowed(cfg, upgrade("https://debates.example", "10.0.0.5:8080")));
  EXPECT_TRUE(origin_allowed(cfg, upgrade("https://embed.example")));
  EXPECT_TRUE(origin_allowed(cfg, upgrade("https://other.example")));
  EXPECT_FALSE(origin_allowed(cfg, upgrade("https://third.example")));
  EXPECT_FALSE(origin_allowed(cfg, upgrade("https://embed.example.evil")));
}

}  // namespace
}  // namespace tribune::server
