// The show's clock over a real server: in automatic mode the room gives the floor in turn, sides
// alternating, each for the run of show's turn length, with no moderator action after "start"; the
// debate says it runs automatically.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "harness.hpp"

namespace tribune::testing {
namespace {

bool floor_granted_to(const json& m, const std::string& who) {
  return m.value("type", "") == "event" && m["event"] == "floor_granted" &&
         m["data"]["show"]["floor"]["speaker"]["id"] == who;
}

TEST(show_clock, opening_statements_give_the_floor_in_turn_on_their_own) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  add_panelist(server, d.id, "Green", "for");
  add_panelist(server, d.id, "Motor", "against");
  const json segment = {{"name", "Opening statements"},   {"kind", "opening"},         {"minutes", 5},
                        {"speakers", {"for", "against"}}, {"audience", {"questions"}}, {"speaker_seconds", 10}};
  const json format = {{"format", "oxford"}, {"segments", {segment}}, {"automatic", true}};
  ASSERT_EQ(http_request(server.port(), "PUT", "/api/debates/" + d.id + "/format", format, server.admin_token()).status,
            200);
  const auto detail = http_request(server.port(), "GET", "/api/debates/" + d.id);
  EXPECT_EQ(detail.body["automatic"], true) << detail.raw;

  ws_client moderator(server.port()), audience(server.port());
  ASSERT_EQ(moderator.hello(d.id, d.moderator_token)["role"], "moderator");
  const auto ann = join(server, d.id, "Ann");
  ASSERT_EQ(audience.hello(d.id, ann.token)["role"], "audience");
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(moderator.command({{"type", "start_show"}})["type"], "ack");

  // For first, at once; then Against once the ten seconds are up; every screen sees it.
  const auto first = audience.wait_for([](const json& m) { return floor_granted_to(m, "g1"); });
  EXPECT_EQ(first["data"]["show"]["floor"]["allotted_ms"], 10000);
  audience.wait_for([](const json& m) { return floor_granted_to(m, "g2"); }, 30s);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 9s) << "not before the turn was up";
  const auto balance = moderator.wait_for([](const json& m) { return floor_granted_to(m, "g2"); });
  EXPECT_GE(balance["data"]["talk_time"]["speakers"]["g1"].get<std::int64_t>(), 9000) << balance;
}

}  // namespace
}  // namespace tribune::testing
