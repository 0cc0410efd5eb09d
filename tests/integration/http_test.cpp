// HTTP semantics of what anyone may read (health checks, metrics, the static web client): HEAD,
// 405 with Allow, validators and 304. The real server over real sockets.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace tribune::testing {
namespace {

class http_semantics : public ::testing::Test {
 protected:
  void SetUp() override { server_.start(); }

  temp_dir dir_;
  server_process server_{dir_.path() / "tribune.db"};
};

// Every route outside /api/: health, metrics, the page routes and files of the web client.
const std::vector<std::string> read_only_paths = {
    "/healthz", "/livez",    "/readyz",   "/metrics",    "/",           "/admin",       "/moderator",  "/stage",
    "/overlay", "/panelist", "/a/KX7P2M", "/index.html", "/js/room.js", "/css/app.css", "/favicon.svg"};

TEST_F(http_semantics, head_answers_the_status_and_headers_of_get_without_a_body) {
  const auto port = server_.port();
  for (const auto& path : read_only_paths) {
    const auto get = http_request(port, "GET", path);
    ASSERT_EQ(get.status, 200) << path;
    // The GET follows the HEAD on the same connection: a body after the HEAD answer would be read
    // as the start of the next answer, and fail to parse.
    const auto replies = http_pipeline(port, {{"HEAD", path}, {"GET", path}});
    ASSERT_EQ(replies.size(), 2u);
    const auto& head = replies[0];
    EXPECT_EQ(head.status, 200) << path;
    EXPECT_TRUE(head.raw.empty()) << path;
    EXPECT_EQ(head.header("Content-Type"), get.header("Content-Type")) << path;
    EXPECT_EQ(head.header("Cache-Control"), get.header("Cache-Control")) << path;
    EXPECT_EQ(head.header("Content-Security-Policy"), get.header("Content-Security-Policy")) << path;
    EXPECT_EQ(replies[1].status, 200) << path;
    if (path == "/metrics") {
      // Its figures move between two requests; only the framing can be compared.
      EXPECT_FALSE(head.header("Content-Length").empty());
      EXPECT_NE(replies[1].raw.find("# TYPE"), std::string::npos);
    } else {
      EXPECT_EQ(head.header("Content-Length"), std::to_string(get.raw.size())) << path;
      EXPECT_EQ(replies[1].raw, get.raw) << path;
    }
  }
}

TEST_F(http_semantics, writes_to_read_only_resources_answer_405_with_allow) {
  const auto port = server_.port();
  for (const auto& path : read_only_paths) {
    for (const std::string method : {"POST", "PUT", "PATCH", "DELETE"}) {
      const auto reply = http_request(port, method, path, json::object());
      EXPECT_EQ(reply.status, 405) << method << " " << path;
      EXPECT_EQ(reply.header("Allow"), "GET, HEAD") << method << " " << path;
      EXPECT_EQ(reply.body["error"]["code"], "invalid_field") << method << " " << path << ": " << reply.raw;
    }
  }
  // The connection stays usable after a refusal.
  const auto replies = http_pipeline(port, {{"DELETE", "/healthz"}, {"GET", "/healthz"}});
  EXPECT_EQ(replies[0].status, 405);
  EXPECT_EQ(replies[1].body, json({{"status", "ok"}}));
}

TEST_F(http_semantics, a_path_that_names_nothing_is_404_whatever_the_method) {
  const auto port = server_.port();
  for (const std::string method : {"GET", "HEAD", "POST", "DELETE"}) {
    const auto reply = http_request(port, method, "/no-such-page.html");
    EXPECT_EQ(reply.status, 404) << method;
    EXPECT_EQ(reply.header("Allow"), "") << method;
  }
  EXPECT_EQ(http_request(port, "GET", "/no-such-page.html").body["error"]["code"], "not_found");
}

}  // namespace
}  // namespace tribune::testing
