// HTTP semantics of what anyone may read (health checks, metrics, the static web client): HEAD,
// 405 with Allow, validators and 304; and who may open the WebSocket. The real server over real
// sockets.
#include <gtest/gtest.h>

#include <tuple>

#include <filesystem>
#include <fstream>

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
      EXPECT_EQ(reply.body["error"]["code"], "method_not_allowed") << method << " " << path << ": " << reply.raw;
    }
  }
  // The connection stays usable after a refusal.
  const auto replies = http_pipeline(port, {{"DELETE", "/healthz"}, {"GET", "/healthz"}});
  EXPECT_EQ(replies[0].status, 405);
  EXPECT_EQ(replies[1].body, json({{"status", "ok"}}));
}

TEST_F(http_semantics, api_resources_name_the_methods_they_answer_and_head_reads_like_get) {
  const auto port = server_.port();
  const auto d = create_debate(server_);
  const std::vector<std::tuple<std::string, std::string, std::string>> wrong = {
      {"DELETE", "/api/formats", "GET, HEAD"},
      {"POST", "/api/limits", "GET, HEAD"},
      {"PUT", "/api/debates", "GET, HEAD, POST"},
      {"GET", "/api/debates/" + d.id + "/links", "POST"},
      {"POST", "/api/debates/" + d.id + "/format", "PUT"},
      {"DELETE", "/api/debates/" + d.id, "GET, HEAD"},
      {"GET", "/api/join/" + d.code + "x", "GET, HEAD"},
  };
  for (const auto& [method, path, allow] : wrong) {
    const auto reply = http_request(port, method, path, std::nullopt, server_.admin_token());
    if (method == "GET" && path.starts_with("/api/join/")) {
      EXPECT_EQ(reply.status, 404) << path;  // a code that names nothing, whatever the method
      continue;
    }
    EXPECT_EQ(reply.status, 405) << method << " " << path;
    EXPECT_EQ(reply.header("Allow"), allow) << method << " " << path;
    EXPECT_EQ(reply.body["error"]["code"], "method_not_allowed") << reply.raw;
  }
  const auto head = http_request(port, "HEAD", "/api/debates/" + d.id);
  const auto get = http_request(port, "GET", "/api/debates/" + d.id);
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.raw.empty());
  EXPECT_EQ(head.header("Content-Length"), std::to_string(get.raw.size()));
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

TEST_F(http_semantics, files_carry_a_strong_etag_and_if_none_match_gets_304_without_a_body) {
  const auto port = server_.port();
  const auto first = http_request(port, "GET", "/js/room.js");
  ASSERT_EQ(first.status, 200);
  const auto etag = first.header("ETag");
  ASSERT_GE(etag.size(), 3u) << "no ETag";
  EXPECT_EQ(etag.front(), '"') << "a strong tag is quoted, without W/: " << etag;
  EXPECT_EQ(first.header("Cache-Control"), "no-cache");
  EXPECT_EQ(http_request(port, "GET", "/js/room.js").header("ETag"), etag) << "the same file, the same tag";

  for (const auto& condition : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    for (const std::string method : {"GET", "HEAD"}) {
      const auto again = http_request(port, method, "/js/room.js", std::nullopt, {}, {{"If-None-Match", condition}});
      EXPECT_EQ(again.status, 304) << method << " If-None-Match: " << condition;
      EXPECT_TRUE(again.raw.empty());
      EXPECT_EQ(again.header("ETag"), etag);
      EXPECT_EQ(again.header("Cache-Control"), "no-cache");
    }
  }
  const auto stale = http_request(port, "GET", "/js/room.js", std::nullopt, {}, {{"If-None-Match", "\"stale\""}});
  EXPECT_EQ(stale.status, 200);
  EXPECT_EQ(stale.raw, first.raw);
  // A page route is its file: the same tag, and a 304 on a match.
  const auto page = http_request(port, "GET", "/admin");
  EXPECT_EQ(page.header("ETag"), http_request(port, "GET", "/admin.html").header("ETag"));
  EXPECT_EQ(http_request(port, "GET", "/admin", std::nullopt, {}, {{"If-None-Match", page.header("ETag")}}).status,
            304);
  // The 304 leaves the connection usable: no body hides in it.
  const auto replies = http_pipeline(port, {{"GET", "/healthz"}, {"GET", "/js/room.js"}});
  EXPECT_EQ(replies[1].raw, first.raw);
}

TEST_F(http_semantics, a_websocket_upgrade_without_origin_is_let_in_but_foreign_and_null_origins_are_refused) {
  const auto port = server_.port();
  const auto self = "http://127.0.0.1:" + std::to_string(port);
  EXPECT_EQ(try_upgrade(port, self), 101);
  EXPECT_EQ(try_upgrade(port, "https://127.0.0.1:" + std::to_string(port)), 101);
  // Browsers always send Origin: a handshake without one is a program holding its own token.
  EXPECT_EQ(try_upgrade(port, std::nullopt), 101);
  EXPECT_EQ(try_upgrade(port, std::string("null")), 403);
  EXPECT_EQ(try_upgrade(port, std::string("")), 403);
  EXPECT_EQ(try_upgrade(port, std::string("http://evil.example")), 403);
  EXPECT_EQ(try_upgrade(port, self + ".evil.example"), 403);
}

// A web root of the test's own, where files can be changed under the running server.
class http_files : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(root_);
    write("index.html", "<!doctype html><title>home</title>");
    server_.start();
  }

  void write(const std::string& name, const std::string& contents) {
    std::ofstream out(root_ / name, std::ios::binary | std::ios::trunc);
    out << contents;
  }

  temp_dir dir_;
  std::filesystem::path root_ = dir_.path() / "web";
  server_process server_{dir_.path() / "tribune.db", {"--web-root", root_.string()}};
};

TEST_F(http_files, a_changed_file_gets_a_new_etag_and_its_new_body) {
  write("notes.txt", "first version");
  const auto first = http_request(server_.port(), "GET", "/notes.txt");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.raw, "first version");
  EXPECT_EQ(first.header("Content-Type"), "text/plain; charset=utf-8");
  write("notes.txt", "the second, longer version");
  const auto second =
      http_request(server_.port(), "GET", "/notes.txt", std::nullopt, {}, {{"If-None-Match", first.header("ETag")}});
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.raw, "the second, longer version");
  EXPECT_NE(second.header("ETag"), first.header("ETag"));
}

TEST_F(http_files, a_file_larger_than_any_buffer_is_streamed_whole) {
  // Nine MiB: over the 8 MiB a file could once be read into memory for.
  std::string big(9 * 1024 * 1024, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
  write("big.txt", big);
  const auto reply = http_request(server_.port(), "GET", "/big.txt");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("Content-Length"), std::to_string(big.size()));
  EXPECT_TRUE(reply.raw == big) << "the body differs from the file";
}

TEST_F(http_files, hidden_files_folders_and_paths_out_of_the_root_are_404) {
  write(".secret", "hidden");
  std::filesystem::create_directories(root_ / "folder");
  write("folder/inside.txt", "inside");
  const auto port = server_.port();
  EXPECT_EQ(http_request(port, "GET", "/folder/inside.txt").raw, "inside");
  for (const std::string path :
       {"/.secret", "/%2esecret", "/folder", "/folder/", "/../tribune.db", "/%2e%2e/tribune.db",
        "/folder/..%2f..%2ftribune.db", "/folder%5cinside.txt", "/inside.txt%00"}) {
    EXPECT_EQ(http_request(port, "GET", path).status, 404) << path;
  }
}

}  // namespace
}  // namespace tribune::testing
