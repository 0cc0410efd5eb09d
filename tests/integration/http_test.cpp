// HTTP semantics of what anyone may read (health checks, metrics, the static web client): HEAD,
// 405 with Allow, validators and 304; and who may open the WebSocket. The real server over real
// sockets.
#include <gtest/gtest.h>

#include <tuple>

#include <filesystem>
#include <fstream>

#include <zlib.h>

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
      {"PUT", "/api/debates/" + d.id + "/links", "GET, HEAD, POST"},
      {"POST", "/api/debates/" + d.id + "/settings", "PUT"},
      {"POST", "/api/debates/" + d.id + "/format", "PUT"},
      {"PUT", "/api/debates/" + d.id, "GET, HEAD, DELETE"},
      {"DELETE", "/api/debates/" + d.id + "/qr.svg", "GET, HEAD"},
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

std::string gunzip(const std::string& packed) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out;
  std::string chunk(65536, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(packed.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(chunk.data());
    z.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(chunk.data(), chunk.size() - z.avail_out);
  }
  inflateEnd(&z);
  EXPECT_EQ(rc, Z_STREAM_END) << "not a whole gzip stream";
  return out;
}

TEST_F(http_files, text_goes_gzipped_to_browsers_that_accept_it_with_its_own_etag) {
  std::string script;
  for (int i = 0; i < 2000; ++i) script += "export const line" + std::to_string(i) + " = 'the same words again';\n";
  write("app.js", script);
  const auto port = server_.port();
  const auto plain = http_request(port, "GET", "/app.js");
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.raw, script);
  EXPECT_EQ(plain.header("Content-Encoding"), "");
  EXPECT_EQ(plain.header("Vary"), "Accept-Encoding");

  const auto packed = http_request(port, "GET", "/app.js", std::nullopt, {}, {{"Accept-Encoding", "br, gzip;q=0.8"}});
  ASSERT_EQ(packed.status, 200);
  EXPECT_EQ(packed.header("Content-Encoding"), "gzip");
  EXPECT_EQ(packed.header("Vary"), "Accept-Encoding");
  EXPECT_EQ(packed.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_LT(packed.raw.size(), script.size() / 4);
  EXPECT_EQ(gunzip(packed.raw), script);
  EXPECT_NE(packed.header("ETag"), plain.header("ETag")) << "two representations, two tags";

  // Revalidation: each representation by its own tag.
  const auto again = http_request(port, "GET", "/app.js", std::nullopt, {},
                                  {{"Accept-Encoding", "gzip"}, {"If-None-Match", packed.header("ETag")}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.raw, "");
  const auto refused = http_request(port, "GET", "/app.js", std::nullopt, {}, {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_EQ(refused.header("Content-Encoding"), "");
  EXPECT_EQ(refused.raw, script);

  // A rewritten file is compressed again.
  write("app.js", script + "export const last = 1;\n");
  const auto changed = http_request(port, "GET", "/app.js", std::nullopt, {},
                                    {{"Accept-Encoding", "gzip"}, {"If-None-Match", packed.header("ETag")}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(gunzip(changed.raw), script + "export const last = 1;\n");
}

class http_vendor : public ::testing::Test {
 protected:
  void SetUp() override {
    write("package-lock.json", R"({"lockfileVersion": 3, "packages": {
      "": {"name": "site"},
      "node_modules/lib": {"version": "1.2.0"},
      "node_modules/@scope/kit": {"version": "0.3.1"},
      "node_modules/tool": {"version": "2.0.0", "dev": true}}})");
    write("node_modules/lib/package.json", R"({"name": "lib", "version": "1.2.0"})");
    write("node_modules/lib/lib.js", "export const lib = 1;\n");
    write("node_modules/lib/directives/part.js", "import { lib } from '../lib.js';\n");
    write("node_modules/@scope/kit/kit.mjs", "export default 3;\n");
    write("node_modules/tool/tool.js", "export const tool = 2;\n");
    server_.start();
  }

  void write(const std::string& name, const std::string& contents) {
    std::filesystem::create_directories((root_ / name).parent_path());
    std::ofstream out(root_ / name, std::ios::binary | std::ios::trunc);
    out << contents;
  }

  temp_dir dir_;
  std::filesystem::path root_ = dir_.path() / "site";
  server_process server_{dir_.path() / "tribune.db", {"--vendor-root", root_.string()}};
};

TEST_F(http_vendor, runtime_libraries_are_served_by_version_and_cached_for_good) {
  const auto port = server_.port();
  const auto lib = http_request(port, "GET", "/vendor/lib@1.2.0/lib.js");
  ASSERT_EQ(lib.status, 200);
  EXPECT_EQ(lib.raw, "export const lib = 1;\n");
  EXPECT_EQ(lib.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(lib.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(http_request(port, "GET", "/vendor/lib@1.2.0/directives/part.js").status, 200);
  EXPECT_EQ(http_request(port, "GET", "/vendor/@scope/kit@0.3.1/kit.mjs").raw, "export default 3;\n");
  // The pages' own files are revalidated on every load.
  EXPECT_EQ(http_request(port, "GET", "/").header("Cache-Control"), "no-cache");
}

TEST_F(http_vendor, other_versions_dev_tools_other_kinds_of_file_and_escapes_are_404) {
  const auto port = server_.port();
  for (const std::string path :
       {"/vendor/lib@1.1.0/lib.js", "/vendor/lib/lib.js", "/vendor/lib@1.2.0/package.json",
        "/vendor/tool@2.0.0/tool.js", "/vendor/lib@1.2.0/../tool/tool.js", "/vendor/lib@1.2.0/%2e%2e/tool/tool.js",
        "/vendor/lib@1.2.0/", "/vendor/@scope/kit@0.3.1", "/vendor/@scope", "/vendor/", "/vendor/lib@1.2.0/missing.js",
        "/vendor/lib@1.2.0//lib.js"}) {
    EXPECT_EQ(http_request(port, "GET", path).status, 404) << path;
  }
}

TEST(http_api, a_large_report_goes_gzipped_to_a_client_that_accepts_it) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto target = "/api/debates/" + d.id + "/report";
  const auto plain = http_request(server.port(), "GET", target);
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.header("Content-Encoding"), "");
  EXPECT_EQ(plain.header("Vary"), "Accept-Encoding");
  ASSERT_GT(plain.raw.size(), 1024U) << "large enough to be worth compressing";
  const auto packed = http_request(server.port(), "GET", target, std::nullopt, {}, {{"Accept-Encoding", "gzip, br"}});
  ASSERT_EQ(packed.status, 200);
  EXPECT_EQ(packed.header("Content-Encoding"), "gzip");
  EXPECT_EQ(packed.header("Vary"), "Accept-Encoding");
  EXPECT_LT(packed.raw.size(), plain.raw.size());
  EXPECT_EQ(gunzip(packed.raw), plain.raw);
  const auto refused =
      http_request(server.port(), "GET", target, std::nullopt, {}, {{"Accept-Encoding", "gzip;q=0, identity"}});
  EXPECT_EQ(refused.header("Content-Encoding"), "");
}

}  // namespace
}  // namespace tribune::testing
