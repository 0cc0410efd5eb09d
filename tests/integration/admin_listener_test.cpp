// /metrics with build and process figures, on the public port by default or, with --admin-listen,
// on an admin listener of its own and nowhere else.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "harness.hpp"

namespace tribune::testing {
namespace {

// The admin port the server logged (admin_listening), 0 when none.
std::uint16_t admin_port(const server_process& server) {
  std::istringstream lines(server.log_text());
  for (std::string line; std::getline(lines, line);) {
    const auto j = json::parse(line, nullptr, false);
    if (j.is_object() && j.value("msg", "") == "admin_listening") return j.value("port", std::uint16_t{0});
  }
  return 0;
}

// The value of the sample `name` (a whole line "name value"), or -1 when absent.
double sample(const std::string& text, const std::string& name) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(name + " ")) return std::stod(line.substr(name.size() + 1));
  }
  return -1;
}

void expect_process_figures(const std::string& text) {
  EXPECT_NE(text.find("tribune_build_info{version=\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"} 1"), std::string::npos) << text;
  EXPECT_GT(sample(text, "process_resident_memory_bytes"), 1e6) << text;
  EXPECT_GT(sample(text, "process_virtual_memory_bytes"), 1e6) << text;
  EXPECT_GT(sample(text, "process_open_fds"), 3) << text;
  EXPECT_GT(sample(text, "process_max_fds"), 3) << text;
  EXPECT_GE(sample(text, "process_cpu_seconds_total"), 0) << text;
  const auto now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  const auto started = sample(text, "process_start_time_seconds");
  EXPECT_GT(started, now - 120) << text;
  EXPECT_LT(started, now + 5) << text;
}

TEST(admin_listener, without_one_the_metrics_with_process_figures_stay_on_the_public_port) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  EXPECT_EQ(admin_port(server), 0);
  const auto metrics = http_request(server.port(), "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  expect_process_figures(metrics.raw);
}

TEST(admin_listener, with_one_the_metrics_are_served_there_and_no_longer_on_the_public_port) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db", {"--admin-listen", "127.0.0.1:0"});
  server.start();
  const auto admin = admin_port(server);
  ASSERT_NE(admin, 0) << server.log_text();
  ASSERT_NE(admin, server.port());

  const auto d = create_debate(server);
  const auto ann = join(server, d.id, "Ann");
  ws_client ws(server.port());
  ws.hello(d.id, ann.token);
  const auto metrics = http_request(admin, "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  expect_process_figures(metrics.raw);
  EXPECT_EQ(sample(metrics.raw, "tribune_websocket_connections"), 1) << metrics.raw;
  EXPECT_EQ(sample(metrics.raw, "tribune_rooms"), 1) << metrics.raw;
  EXPECT_EQ(http_request(admin, "GET", "/healthz").status, 200);
  EXPECT_EQ(http_request(admin, "HEAD", "/metrics").status, 200);

  EXPECT_EQ(http_request(server.port(), "GET", "/metrics").status, 404);
  EXPECT_EQ(http_request(server.port(), "GET", "/healthz").status, 200);
  // The admin listener serves nothing else: no page, no API.
  EXPECT_EQ(http_request(admin, "GET", "/").status, 404);
  EXPECT_EQ(http_request(admin, "GET", "/api/debates/" + d.id).status, 404);
  EXPECT_EQ(http_request(admin, "POST", "/metrics").status, 405);
}

// The Grafana dashboard (docs/grafana/tribune.json) plots what the server exports: every metric its
// queries name is in /metrics, but the one the docs say is not exported yet.
TEST(admin_listener, every_metric_the_grafana_dashboard_plots_is_exported) {
  const auto file = std::filesystem::path(TRIBUNE_PROTOCOL_DOC).parent_path() / "grafana" / "tribune.json";
  std::ifstream in(file);
  const auto dashboard = json::parse(in, nullptr, false);
  ASSERT_TRUE(dashboard.is_object()) << file;
  std::set<std::string> names;
  const std::regex metric(R"(\b((tribune|process)_[a-z_]+))");
  for (const auto& panel : dashboard["panels"]) {
    for (const auto& target : panel["targets"]) {
      const auto expr = target["expr"].get<std::string>();
      for (std::sregex_iterator it(expr.begin(), expr.end(), metric), end; it != end; ++it) names.insert((*it)[1]);
    }
  }
  EXPECT_GE(names.size(), 10U);
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto metrics = http_request(server.port(), "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  for (const auto& name : names) {
    EXPECT_NE(metrics.raw.find("\n" + name), std::string::npos) << name;
  }
}

TEST(admin_listener, a_bad_address_stops_the_server_before_it_opens_anything) {
  temp_dir dir;
  const auto db = (dir.path() / "tribune.db").string();
  const auto flag = run_tribune({"serve", "--db", db, "--admin-listen", "localhost:9100"});
  EXPECT_EQ(flag.exit_code, 2) << flag.output;
  EXPECT_NE(flag.output.find("--admin-listen"), std::string::npos) << flag.output;
  const auto env = run_tribune({"serve", "--db", db}, {{"TRIBUNE_ADMIN_LISTEN", "127.0.0.1:70000"}});
  EXPECT_EQ(env.exit_code, 2) << env.output;
  EXPECT_NE(env.output.find("TRIBUNE_ADMIN_LISTEN"), std::string::npos) << env.output;
  EXPECT_FALSE(std::filesystem::exists(db));
}

}  // namespace
}  // namespace tribune::testing
