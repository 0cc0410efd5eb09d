#include "server/static_files.hpp"
#include "server/gzip_cache.hpp"
#include "server/vendor_files.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

namespace tribune::server {
namespace {

using namespace std::string_view_literals;

// The file a request path resolves to, or "refused".
std::string resolved(std::string_view path) {
  const auto target = resolve_static(path);
  return target ? target->relative.generic_string() : "refused";
}

TEST(static_paths, page_routes_name_their_html_files) {
  EXPECT_EQ(resolved("/"), "index.html");
  EXPECT_EQ(resolved(""), "index.html");
  EXPECT_EQ(resolved("/admin"), "admin.html");
  EXPECT_EQ(resolved("/moderator"), "moderator.html");
  EXPECT_EQ(resolved("/stage"), "stage.html");
  EXPECT_EQ(resolved("/overlay"), "overlay.html");
  EXPECT_EQ(resolved("/panelist"), "panelist.html");
  EXPECT_EQ(resolved("/a/KX7P2M"), "audience.html");
  // Only one segment after /a/ is a join code; anything else is an ordinary (missing) file path.
  EXPECT_EQ(resolved("/a/KX7P2M/more"), "a/KX7P2M/more");
  EXPECT_EQ(resolved("/a/"), "refused");
  // A debate's report, by its join code.
  EXPECT_EQ(resolved("/r/KX7P2M"), "report.html");
  EXPECT_EQ(resolved("/r/KX7P2M/more"), "r/KX7P2M/more");
  EXPECT_EQ(resolved("/r/"), "refused");
  // A channel and one of its topics; nothing deeper.
  EXPECT_EQ(resolved("/c/abc234"), "channel.html");
  EXPECT_EQ(resolved("/c/abc234/t12"), "channel.html");
  EXPECT_EQ(resolved("/c/abc234/t12/more"), "c/abc234/t12/more");
  EXPECT_EQ(resolved("/c/abc234/"), "refused");
  EXPECT_EQ(resolved("/c/"), "refused");
  EXPECT_EQ(resolved("/admin/"), "refused");
}

TEST(static_paths, files_resolve_segment_by_segment_under_the_root) {
  EXPECT_EQ(resolved("/js/room.js"), "js/room.js");
  EXPECT_EQ(resolved("/css/app.css"), "css/app.css");
  EXPECT_EQ(resolved("/index.html"), "index.html");
  EXPECT_EQ(resolved("/a..b/c.d.e"), "a..b/c.d.e") << "dots inside a name are ordinary";
}

TEST(static_paths, traversal_is_refused) {
  for (const auto path : {"/.."sv, "/../etc/passwd"sv, "/js/../../etc/passwd"sv, "/js/.."sv, "/."sv, "/./index.html"sv,
                          "/js/./room.js"sv}) {
    EXPECT_EQ(resolved(path), "refused") << path;
  }
}

TEST(static_paths, hidden_files_and_folders_are_refused) {
  for (const auto path : {"/.git/config"sv, "/.env"sv, "/js/.hidden"sv, "/.well-known/security.txt"sv}) {
    EXPECT_EQ(resolved(path), "refused") << path;
  }
}

TEST(static_paths, backslashes_nul_bytes_empty_segments_and_relative_paths_are_refused) {
  for (const auto path : {"/js\\..\\..\\etc\\passwd"sv, "/..\\tribune.db"sv, "/js/room.js\\"sv, "/js/a\0b.js"sv,
                          "/index.html\0.png"sv, "//etc/passwd"sv, "/js//room.js"sv, "/js/"sv, "js/room.js"sv}) {
    EXPECT_EQ(resolved(path), "refused") << path;
  }
}

TEST(static_paths, content_types_follow_the_extension) {
  EXPECT_EQ(resolve_static("/admin")->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(resolve_static("/a/KX7P2M")->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("x.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("x.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("x.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("x.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("x.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("x.png"), "image/png");
  EXPECT_EQ(content_type_for("x.ico"), "image/x-icon");
  EXPECT_EQ(content_type_for("x.json"), "application/json");
  EXPECT_EQ(content_type_for("x.webmanifest"), "application/json");
  EXPECT_EQ(content_type_for("x.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("x.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(content_type_for("x.exe"), "application/octet-stream");
  EXPECT_EQ(content_type_for("README"), "application/octet-stream");
}

TEST(etags, are_strong_and_change_with_size_or_time) {
  const auto tag = make_etag(1234, 1'700'000'000'123'456'789);
  ASSERT_GE(tag.size(), 3u);
  EXPECT_EQ(tag.front(), '"');
  EXPECT_EQ(tag.back(), '"');
  EXPECT_EQ(tag, make_etag(1234, 1'700'000'000'123'456'789));
  EXPECT_NE(tag, make_etag(1235, 1'700'000'000'123'456'789));
  EXPECT_NE(tag, make_etag(1234, 1'700'000'000'123'456'790)) << "a nanosecond apart";
}

TEST(etags, if_none_match_compares_weakly_and_accepts_lists_and_any) {
  const std::string tag = "\"4d2-abc\"";
  EXPECT_TRUE(etag_matches(tag, tag));
  EXPECT_TRUE(etag_matches("W/" + tag, tag));
  EXPECT_TRUE(etag_matches("\"other\", " + tag, tag));
  EXPECT_TRUE(etag_matches("\"other\",W/" + tag + " , \"third\"", tag));
  EXPECT_TRUE(etag_matches("*", tag));
  EXPECT_FALSE(etag_matches("", tag));
  EXPECT_FALSE(etag_matches("\"other\"", tag));
  EXPECT_FALSE(etag_matches("\"4d2-ab\"", tag)) << "a prefix is not a match";
  EXPECT_FALSE(etag_matches("4d2-abc", tag)) << "an unquoted tag is malformed";
  EXPECT_FALSE(etag_matches("\"4d2-abc", tag)) << "an unterminated tag is malformed";
  EXPECT_FALSE(etag_matches("garbage, " + tag, tag)) << "a malformed list is ignored whole";
}

class open_static_test : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "tribune-static-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, const std::string& contents) {
    std::ofstream(dir_ / name, std::ios::binary | std::ios::trunc) << contents;
  }

  std::filesystem::path dir_;
};

TEST_F(open_static_test, opens_regular_files_with_their_size_and_tag) {
  write("a.txt", "hello");
  auto first = open_static(dir_ / "a.txt");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->body.size(), 5u);
  EXPECT_EQ(open_static(dir_ / "a.txt")->etag, first->etag);
  write("a.txt", "hello, again");
  auto second = open_static(dir_ / "a.txt");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body.size(), 12u);
  EXPECT_NE(second->etag, first->etag);
}

TEST_F(open_static_test, refuses_folders_and_missing_files) {
  std::filesystem::create_directory(dir_ / "folder");
  EXPECT_FALSE(open_static(dir_ / "folder"));
  EXPECT_FALSE(open_static(dir_ / "missing.txt"));
}

}  // namespace
}  // namespace tribune::server

namespace tribune::server {
namespace {

TEST(accepts_gzip, reads_codings_and_their_weights) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("br, deflate"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip; q=0.000, br"));
  EXPECT_FALSE(accepts_gzip("*, gzip;q=0")) << "gzip named with q=0 wins over *";
  EXPECT_FALSE(accepts_gzip("identity"));
}

TEST(compressible, text_scripts_styles_json_and_svg_only) {
  EXPECT_TRUE(compressible("text/javascript; charset=utf-8"));
  EXPECT_TRUE(compressible("text/css; charset=utf-8"));
  EXPECT_TRUE(compressible("application/json"));
  EXPECT_TRUE(compressible("image/svg+xml"));
  EXPECT_FALSE(compressible("image/png"));
  EXPECT_FALSE(compressible("font/woff2"));
}

TEST(gzip_cache, compresses_once_per_version_and_skips_what_does_not_shrink) {
  gzip_cache cache;
  int reads = 0;
  const std::string text(10000, 'a');
  const auto reader = [&](std::size_t) -> std::optional<std::string> {
    ++reads;
    return text;
  };
  const auto first = cache.get("/web/a.js", "\"1\"", reader);
  ASSERT_NE(first, nullptr);
  EXPECT_LT(first->size(), text.size() / 10);
  EXPECT_EQ(cache.get("/web/a.js", "\"1\"", reader), first);
  EXPECT_EQ(reads, 1) << "the second answer comes from memory";
  EXPECT_NE(cache.get("/web/a.js", "\"2\"", reader), nullptr);
  EXPECT_EQ(reads, 2) << "a new entity tag is a new version";
  const auto tiny = [](std::size_t) -> std::optional<std::string> { return std::string("x"); };
  EXPECT_EQ(cache.get("/web/b.js", "\"1\"", tiny), nullptr) << "gzip of one byte is longer than the byte";
  const auto unreadable = [](std::size_t) -> std::optional<std::string> { return std::nullopt; };
  EXPECT_EQ(cache.get("/web/c.js", "\"1\"", unreadable), nullptr);
}

TEST(vendor_index, serves_runtime_packages_by_exact_version_and_only_scripts_and_styles) {
  const auto index = vendor_index::parse(R"({"packages": {
      "": {"name": "site", "version": "1.0.0"},
      "node_modules/lit-html": {"version": "3.3.3"},
      "node_modules/@scope/kit": {"version": "0.3.1"},
      "node_modules/lit-html/node_modules/inner": {"version": "1.0.0"},
      "node_modules/playwright-core": {"version": "1.65.1", "dev": true},
      "node_modules/Bad Name": {"version": "1.0.0"}}})",
                                         "/m");
  EXPECT_EQ(index.size(), 2u);
  EXPECT_EQ(index.resolve("lit-html@3.3.3/lit-html.js"), std::filesystem::path("/m/lit-html/lit-html.js"));
  EXPECT_EQ(index.resolve("lit-html@3.3.3/directives/repeat.js"),
            std::filesystem::path("/m/lit-html/directives/repeat.js"));
  EXPECT_EQ(index.resolve("@scope/kit@0.3.1/dist/kit.mjs"), std::filesystem::path("/m/@scope/kit/dist/kit.mjs"));
  EXPECT_EQ(index.resolve("@scope/kit@0.3.1/theme.css"), std::filesystem::path("/m/@scope/kit/theme.css"));
  for (const std::string_view bad :
       {"lit-html@3.3.2/lit-html.js", "lit-html/lit-html.js", "lit-html@3.3.3/package.json", "lit-html@3.3.3/",
        "lit-html@3.3.3/../x.js", "lit-html@3.3.3/a//b.js", "lit-html@3.3.3/.hidden.js", "inner@1.0.0/i.js",
        "playwright-core@1.65.1/index.js", "@scope", "@scope/kit@0.3.1", "", "lit-html@3.3.3/a\\b.js"}) {
    EXPECT_EQ(index.resolve(bad), std::nullopt) << bad;
  }
  EXPECT_THROW(vendor_index::parse("{not json", "/m"), nlohmann::json::exception);
  EXPECT_EQ(vendor_index::parse(R"({"lockfileVersion": 3})", "/m").size(), 0u);
}

}  // namespace
}  // namespace tribune::server
