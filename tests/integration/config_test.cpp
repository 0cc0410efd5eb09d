// The configuration layers of the real binary: a --config file, TRIBUNE_* variables and flags, each
// overriding the one before, seen in the links a created debate carries; `tribune config`; and bad
// values, refused with exit code 2 before anything is opened.
#include <gtest/gtest.h>

#include <fstream>

#include "harness.hpp"

namespace tribune::testing {
namespace {

class configuration : public ::testing::Test {
 protected:
  std::string write_config(const std::string& contents) {
    const auto path = dir_.path() / "tribune.toml";
    std::ofstream(path) << contents;
    return path.string();
  }

  static std::string audience_link(const server_process& server) {
    const auto d = create_debate(server);
    return d.body["links"]["audience"].get<std::string>();
  }

  temp_dir dir_;
  std::filesystem::path db_ = dir_.path() / "tribune.db";
};

TEST_F(configuration, a_config_file_sets_a_value) {
  server_process server(db_, {"--config", write_config("public_url = 'https://from-file.example'\n")});
  server.start();
  EXPECT_TRUE(audience_link(server).starts_with("https://from-file.example/a/")) << audience_link(server);
}

TEST_F(configuration, the_environment_overrides_the_file_and_a_flag_overrides_the_environment) {
  const auto file = write_config("public_url = 'https://from-file.example'\n");
  {
    server_process server(db_, {"--config", file});
    server.set_env("TRIBUNE_PUBLIC_URL", "https://from-env.example");
    server.start();
    EXPECT_TRUE(audience_link(server).starts_with("https://from-env.example/a/")) << audience_link(server);
  }
  server_process server(db_, {"--config", file, "--public-url", "https://from-flag.example"});
  server.set_env("TRIBUNE_PUBLIC_URL", "https://from-env.example");
  server.start();
  EXPECT_TRUE(audience_link(server).starts_with("https://from-flag.example/a/")) << audience_link(server);
}

TEST_F(configuration, allowed_origins_given_as_one_comma_separated_flag_are_each_let_in) {
  server_process server(db_, {"--allowed-origins", "https://a.example, https://b.example:8443"});
  server.start();
  EXPECT_EQ(try_upgrade(server.port(), std::string("https://a.example")), 101);
  EXPECT_EQ(try_upgrade(server.port(), std::string("https://b.example:8443")), 101);
  EXPECT_EQ(try_upgrade(server.port(), std::string("https://c.example")), 403);
}

TEST_F(configuration, tribune_config_prints_every_option_in_a_file_serve_starts_with) {
  const auto printed = run_tribune({"config"});
  ASSERT_EQ(printed.exit_code, 0) << printed.output;
  for (const std::string key :
       {"listen", "db", "web_root", "vendor_root", "public_url", "threads", "log_level", "allowed_origins",
        "request_timeout", "hello_timeout", "joins_per_second", "join_burst"}) {
    EXPECT_NE(printed.output.find("\n" + key + " = "), std::string::npos) << key << " in\n" << printed.output;
  }
  server_process server(db_, {"--config", write_config(printed.output)});
  server.start();
  EXPECT_EQ(http_request(server.port(), "GET", "/healthz").status, 200);
}

TEST_F(configuration, a_bad_value_exits_with_2_and_says_where_it_came_from_before_opening_anything) {
  const auto flag = run_tribune({"serve", "--db", db_.string(), "--threads", "0"});
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_NE(flag.output.find("--threads: Value 0 not in range 1 to 256"), std::string::npos) << flag.output;

  const auto env = run_tribune({"serve", "--db", db_.string()}, {{"TRIBUNE_LISTEN", "localhost:8080"}});
  EXPECT_EQ(env.exit_code, 2);
  EXPECT_NE(env.output.find("TRIBUNE_LISTEN: the host must be an IP address"), std::string::npos) << env.output;

  const auto file = write_config("threads = 'many'\n");
  const auto from_file = run_tribune({"serve", "--db", db_.string(), "--config", file});
  EXPECT_EQ(from_file.exit_code, 2);
  EXPECT_NE(from_file.output.find(file + ": threads"), std::string::npos) << from_file.output;

  EXPECT_FALSE(std::filesystem::exists(db_)) << "a refused configuration opened the database";
}

}  // namespace
}  // namespace tribune::testing
