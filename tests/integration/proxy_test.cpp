// --trusted-proxies: a reverse proxy's X-Forwarded-For names the client for rate limits and logs,
// and from anyone else the header changes nothing, so a client cannot dodge a limit by forging it.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace tribune::testing {
namespace {

// Three new participants per address, then none for a long while.
const std::vector<std::string> tight_joins = {"--join-burst", "3", "--joins-per-second", "0.1"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

int join_from(const server_process& server, const std::string& debate, const std::string& forwarded) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!forwarded.empty()) headers.emplace_back("X-Forwarded-For", forwarded);
  const auto reply = http_request(server.port(), "POST", "/api/debates/" + debate + "/participants",
                                  json{{"name", "Someone"}}, {}, headers);
  if (reply.status != 201) {
    EXPECT_EQ(reply.body["error"].value("code", ""), "rate_limited") << reply.raw;
  }
  return reply.status;
}

TEST(forwarded_client, an_untrusted_peer_cannot_dodge_the_join_limit_with_a_forged_header) {
  temp_dir dir;
  // The test's own address, 127.0.0.1, is not among the trusted proxies.
  server_process server(dir.path() / "tribune.db", with(tight_joins, {"--trusted-proxies", "10.0.0.0/8"}));
  server.start();
  const auto d = create_debate(server);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(join_from(server, d.id, "203.0.113." + std::to_string(i)), 201) << i;
  EXPECT_EQ(join_from(server, d.id, "203.0.113.99"), 429);
  EXPECT_EQ(join_from(server, d.id, ""), 429);
}

TEST(forwarded_client, behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db", with(tight_joins, {"--trusted-proxies", "10.0.0.0/8, 127.0.0.1"}));
  server.start();
  const auto d = create_debate(server);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(join_from(server, d.id, "203.0.113.7"), 201) << i;
  EXPECT_EQ(join_from(server, d.id, "203.0.113.7"), 429);
  // The client's own header, left of what the proxy appended, proves nothing.
  EXPECT_EQ(join_from(server, d.id, "198.51.100.1, 203.0.113.7"), 429);
  // Another client behind the same proxy has its whole allowance.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(join_from(server, d.id, "203.0.113.8"), 201) << i;
  EXPECT_EQ(join_from(server, d.id, "203.0.113.8"), 429);
  // The proxy's own requests, with no header, are limited as its address.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(join_from(server, d.id, ""), 201) << i;
  EXPECT_EQ(join_from(server, d.id, ""), 429);
}

TEST(forwarded_client, the_logs_name_the_forwarded_client) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db", {"--trusted-proxies", "127.0.0.0/8"});
  server.start();
  // A WebSocket upgrade from a foreign origin is refused and logged with the client's address.
  const auto reply = http_request(server.port(), "GET", "/ws", std::nullopt, {},
                                  {{"Connection", "Upgrade"},
                                   {"Upgrade", "websocket"},
                                   {"Sec-WebSocket-Version", "13"},
                                   {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                                   {"Origin", "https://elsewhere.example"},
                                   {"X-Forwarded-For", "198.51.100.23"}});
  EXPECT_EQ(reply.status, 403) << reply.raw;
  EXPECT_TRUE(wait_until([&] { return server.log_text().find("\"origin_refused\"") != std::string::npos; }));
  EXPECT_NE(server.log_text().find("198.51.100.23"), std::string::npos) << server.log_text();
}

TEST(forwarded_client, a_bad_network_stops_the_server_before_it_opens_anything) {
  temp_dir dir;
  const auto db = (dir.path() / "tribune.db").string();
  const auto flag = run_tribune({"serve", "--db", db, "--trusted-proxies", "10.0.0.0/8,10.0.0.0/33"});
  EXPECT_EQ(flag.exit_code, 2) << flag.output;
  EXPECT_NE(flag.output.find("10.0.0.0/33"), std::string::npos) << flag.output;
  const auto env = run_tribune({"serve", "--db", db}, {{"TRIBUNE_TRUSTED_PROXIES", "proxy.example"}});
  EXPECT_EQ(env.exit_code, 2) << env.output;
  EXPECT_NE(env.output.find("TRIBUNE_TRUSTED_PROXIES"), std::string::npos) << env.output;
  EXPECT_FALSE(std::filesystem::exists(db));
}

}  // namespace
}  // namespace tribune::testing
