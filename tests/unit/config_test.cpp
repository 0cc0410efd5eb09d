#include "server/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

extern char** environ;

namespace tribune::server {
namespace {

// Each test starts without TRIBUNE_* variables (a developer's shell may hold some) and sets its
// own; the parser reads the real environment, as the server does. Everything is restored after.
class config_parsing : public ::testing::Test {
 protected:
  void SetUp() override {
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string entry(*e);
      if (entry.starts_with("TRIBUNE_")) saved_.push_back(entry);
    }
    for (const auto& entry : saved_) unsetenv(entry.substr(0, entry.find('=')).c_str());
    std::string pattern = (std::filesystem::temp_directory_path() / "tribune-config-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }

  void TearDown() override {
    for (const auto& name : set_) unsetenv(name.c_str());
    for (const auto& entry : saved_) {
      const auto eq = entry.find('=');
      setenv(entry.substr(0, eq).c_str(), entry.substr(eq + 1).c_str(), 1);
    }
    std::filesystem::remove_all(dir_);
  }

  void env(const std::string& name, const std::string& value) {
    setenv(name.c_str(), value.c_str(), 1);
    set_.push_back(name);
  }

  std::string file(const std::string& contents) {
    const auto path = dir_ / ("tribune-" + std::to_string(files_++) + ".toml");
    std::ofstream(path) << contents;
    return path.string();
  }

  std::optional<config> parse(std::vector<std::string> args) {
    args.insert(args.begin(), "tribune");
    std::ostringstream out;
    auto c = parse_command_line(args, out);
    printed_ = out.str();
    return c;
  }

  // The message of the std::invalid_argument the arguments raise, or "no error".
  std::string refusal(const std::vector<std::string>& args) {
    try {
      parse(args);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "no error";
  }

  std::filesystem::path dir_;
  std::vector<std::string> saved_, set_;
  int files_ = 0;
  std::string printed_;
};

TEST_F(config_parsing, built_in_defaults_hold_without_flags_environment_or_file) {
  const auto c = parse({"serve"});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->listen_host, "127.0.0.1");
  EXPECT_EQ(c->listen_port, 8080);
  EXPECT_EQ(c->db, "./tribune.db");
  EXPECT_EQ(c->threads, 2u);
  EXPECT_EQ(c->log_level, "info");
  EXPECT_TRUE(c->allowed_origins.empty());
  EXPECT_EQ(c->public_url, "");
  EXPECT_EQ(c->request_timeout_seconds, 30u);
  EXPECT_EQ(c->hello_timeout_seconds, 10u);
  EXPECT_EQ(c->joins_per_second, 10.0);
  EXPECT_EQ(c->join_burst, 300.0);
  EXPECT_FALSE(c->admin_token);
}

TEST_F(config_parsing, a_config_file_sets_values) {
  const auto path = file(
      "# a comment\n"
      "listen = '0.0.0.0:9000'\n"
      "db = \"/var/lib/tribune/tribune.db\"\n"
      "threads = 4\n"
      "log_level = 'debug'\n"
      "public_url = 'https://debates.example/'\n"
      "allowed_origins = ['https://a.example', \"https://b.example:8443\"]\n"
      "join_burst = 50.5\n");
  const auto c = parse({"serve", "--config", path});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->listen_host, "0.0.0.0");
  EXPECT_EQ(c->listen_port, 9000);
  EXPECT_EQ(c->db, "/var/lib/tribune/tribune.db");
  EXPECT_EQ(c->threads, 4u);
  EXPECT_EQ(c->log_level, "debug");
  EXPECT_EQ(c->public_url, "https://debates.example") << "links append /a/CODE: no trailing slash";
  EXPECT_EQ(c->allowed_origins, (std::vector<std::string>{"https://a.example", "https://b.example:8443"}));
  EXPECT_EQ(c->join_burst, 50.5);
  EXPECT_EQ(c->request_timeout_seconds, 30u) << "what the file leaves out keeps its default";
}

TEST_F(config_parsing, the_environment_overrides_the_file) {
  const auto path = file("threads = 4\nlisten = '0.0.0.0:9000'\nlog_level = 'debug'\n");
  env("TRIBUNE_THREADS", "6");
  env("TRIBUNE_LISTEN", "[::1]:7000");
  const auto c = parse({"serve", "--config", path});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->threads, 6u);
  EXPECT_EQ(c->listen_host, "::1");
  EXPECT_EQ(c->listen_port, 7000);
  EXPECT_EQ(c->log_level, "debug") << "the file still sets what the environment does not";
}

TEST_F(config_parsing, a_flag_overrides_the_environment_and_the_file) {
  const auto path = file("threads = 4\nhello_timeout = 20\n");
  env("TRIBUNE_THREADS", "6");
  env("TRIBUNE_HELLO_TIMEOUT", "25");
  const auto c = parse({"serve", "--config", path, "--threads", "8"});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->threads, 8u);
  EXPECT_EQ(c->hello_timeout_seconds, 25u);
}

TEST_F(config_parsing, an_empty_environment_variable_counts_as_unset) {
  env("TRIBUNE_THREADS", "");
  const auto c = parse({"serve", "--config", file("threads = 4\n")});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->threads, 4u);
}

TEST_F(config_parsing, allowed_origins_are_split_on_commas_from_every_layer) {
  const std::vector<std::string> both = {"https://a.example", "https://b.example:8443"};
  EXPECT_EQ(parse({"serve", "--allowed-origins", "https://a.example, https://b.example:8443"})->allowed_origins, both);
  EXPECT_EQ(parse({"serve", "--allowed-origins", "https://a.example", "--allowed-origins", "https://b.example:8443"})
                ->allowed_origins,
            both);
  env("TRIBUNE_ALLOWED_ORIGINS", "https://a.example,https://b.example:8443");
  EXPECT_EQ(parse({"serve"})->allowed_origins, both);
}

TEST_F(config_parsing, listen_takes_ipv4_and_bracketed_ipv6_addresses) {
  std::string error;
  const auto v4 = parse_listen("127.0.0.1:8080", error);
  ASSERT_TRUE(v4) << error;
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 8080);
  const auto v6 = parse_listen("[::1]:8080", error);
  ASSERT_TRUE(v6) << error;
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 8080);
  const auto any = parse_listen("0.0.0.0:0", error);
  ASSERT_TRUE(any) << error;
  EXPECT_EQ(any->port, 0);
  EXPECT_EQ(parse_listen("[::]:65535", error)->port, 65535);
}

TEST_F(config_parsing, bad_listen_values_are_refused_with_a_reason) {
  for (const std::string text : {"127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:99999", "127.0.0.1:8o80",
                                 "localhost:8080", "::1:8080", "[::1]", "user@127.0.0.1:80", ":8080", ""}) {
    std::string error;
    EXPECT_FALSE(parse_listen(text, error)) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
  EXPECT_NE(refusal({"serve", "--listen", "127.0.0.1:70000"}).find("--listen"), std::string::npos);
}

TEST_F(config_parsing, out_of_range_values_are_refused_naming_where_they_came_from) {
  EXPECT_NE(refusal({"serve", "--threads", "0"}).find("--threads"), std::string::npos);
  env("TRIBUNE_THREADS", "0");
  EXPECT_NE(refusal({"serve"}).find("TRIBUNE_THREADS"), std::string::npos);
  unsetenv("TRIBUNE_THREADS");
  const auto path = file("threads = 300\n");
  const auto from_file = refusal({"serve", "--config", path});
  EXPECT_NE(from_file.find(path), std::string::npos) << from_file;
  EXPECT_NE(from_file.find("threads"), std::string::npos) << from_file;

  for (const auto& args : std::vector<std::vector<std::string>>{{"--threads", "257"},
                                                                {"--threads", "two"},
                                                                {"--request-timeout", "0"},
                                                                {"--hello-timeout", "3601"},
                                                                {"--joins-per-second", "0"},
                                                                {"--join-burst", "0.5"},
                                                                {"--log-level", "loud"},
                                                                {"--allowed-origins", "evil.example"},
                                                                {"--allowed-origins", "https://a.example/"},
                                                                {"--allowed-origins", "https://a.example,null"},
                                                                {"--public-url", "ftp://debates.example"},
                                                                {"--public-url", "https://debates.example/?x=1"},
                                                                {"--no-such-flag", "1"}}) {
    auto full = args;
    full.insert(full.begin(), "serve");
    EXPECT_NE(refusal(full), "no error") << args[0] << " " << args[1];
  }
}

TEST_F(config_parsing, file_mistakes_are_refused_clearly) {
  EXPECT_NE(refusal({"serve", "--config", file("thread = 4\n")}).find("unknown key 'thread'"), std::string::npos);
  EXPECT_NE(refusal({"serve", "--config", file("[serve]\nthreads = 4\n")}).find("no sections"), std::string::npos);
  EXPECT_NE(refusal({"serve", "--config", file("admin_token = 'x'\n")}).find("TRIBUNE_ADMIN_TOKEN"), std::string::npos);
  EXPECT_NE(refusal({"serve", "--config", file("threads = 4\ndb = 'x'\nthreads = 5\n")}).find("set twice"),
            std::string::npos);
  EXPECT_NE(refusal({"serve", "--config", (dir_ / "missing.toml").string()}).find("--config"), std::string::npos);
  EXPECT_NE(refusal({"serve", "--config", file("public_url = 'https://a.example/#x'\n")}).find("unterminated"),
            std::string::npos)
      << "a value cut short at # is refused, not taken";
}

TEST_F(config_parsing, the_organizer_token_comes_from_the_environment_only) {
  EXPECT_NE(refusal({"serve", "--admin-token", "abcdefghijklmnopqrstuvwxyz"}), "no error");
  env("TRIBUNE_ADMIN_TOKEN", "short");
  EXPECT_NE(refusal({"serve"}).find("TRIBUNE_ADMIN_TOKEN"), std::string::npos);
  env("TRIBUNE_ADMIN_TOKEN", "abcdefghijklmnopqrstuvwxyz");
  EXPECT_EQ(parse({"serve"})->admin_token, "abcdefghijklmnopqrstuvwxyz");
}

TEST_F(config_parsing, tribune_config_prints_every_option_as_a_file_serve_reads_back) {
  EXPECT_FALSE(parse({"config"}));
  const auto printed = printed_;
  for (const auto& [key, flag, env_var] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"listen", "--listen", "TRIBUNE_LISTEN"},
           {"db", "--db", "TRIBUNE_DB"},
           {"web_root", "--web-root", "TRIBUNE_WEB_ROOT"},
           {"vendor_root", "--vendor-root", "TRIBUNE_VENDOR_ROOT"},
           {"public_url", "--public-url", "TRIBUNE_PUBLIC_URL"},
           {"threads", "--threads", "TRIBUNE_THREADS"},
           {"log_level", "--log-level", "TRIBUNE_LOG_LEVEL"},
           {"allowed_origins", "--allowed-origins", "TRIBUNE_ALLOWED_ORIGINS"},
           {"request_timeout", "--request-timeout", "TRIBUNE_REQUEST_TIMEOUT"},
           {"hello_timeout", "--hello-timeout", "TRIBUNE_HELLO_TIMEOUT"},
           {"joins_per_second", "--joins-per-second", "TRIBUNE_JOINS_PER_SECOND"},
           {"join_burst", "--join-burst", "TRIBUNE_JOIN_BURST"}}) {
    EXPECT_NE(printed.find("\n" + key + " = "), std::string::npos) << key << " in\n" << printed;
    EXPECT_NE(printed.find("# flag " + flag + ", environment " + env_var + "\n"), std::string::npos) << flag;
  }
  EXPECT_NE(printed.find("\nlisten = '127.0.0.1:8080'\n"), std::string::npos) << "defaults are shown";
  EXPECT_NE(printed.find("\nthreads = 2\n"), std::string::npos);
  EXPECT_NE(printed.find("\nallowed_origins = []\n"), std::string::npos);
  EXPECT_EQ(printed.find("admin_token ="), std::string::npos) << "the token is never in a file";

  const auto reread = parse({"serve", "--config", file(printed)});
  const auto defaults = parse({"serve"});
  ASSERT_TRUE(reread && defaults);
  EXPECT_EQ(reread->listen_port, defaults->listen_port);
  EXPECT_EQ(reread->web_root, defaults->web_root);
  EXPECT_EQ(reread->vendor_root, defaults->vendor_root);
  EXPECT_EQ(reread->threads, defaults->threads);
  EXPECT_EQ(reread->join_burst, defaults->join_burst);
}

TEST(url_authority, brackets_ipv6_hosts) {
  EXPECT_EQ(url_authority("127.0.0.1", 8080), "127.0.0.1:8080");
  EXPECT_EQ(url_authority("::1", 8080), "[::1]:8080");
}

}  // namespace
}  // namespace tribune::server
