// The report and the replay over real sockets. At 20 moments of a scripted Oxford show, the state
// a fresh stage screen and a fresh moderator console receive is recorded; afterwards the replay at
// each of those seqs gives the same state, byte for byte in the codec's encoding, in the public and
// the organizer's view. The report counts what the script did and names its moments.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace tribune::testing {
namespace {

struct moment_seen {
  std::uint64_t seq = 0;
  json stage;      // the public view (a stage screen has no `me`)
  json moderator;  // the moderator view
};

json fresh_snapshot(std::uint16_t port, const std::string& debate, const std::string& token) {
  ws_client c(port);
  c.hello(debate, token);
  return c.wait_for([](const json& m) { return m.value("type", "") == "snapshot"; });
}

json ack_of(ws_client& c, json command) {
  auto reply = c.command(std::move(command));
  EXPECT_EQ(reply.value("type", ""), "ack") << reply.dump();
  return reply;
}

class replay : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.start();
    const auto reply =
        http_request(server_.port(), "POST", "/api/debates",
                     json{{"title", "Cars"}, {"motion", "Ban cars"}, {"format", "oxford"}}, server_.admin_token());
    ASSERT_EQ(reply.status, 201) << reply.raw;
    id_ = reply.body["id"];
    moderator_token_ = reply.body["tokens"]["moderator"];
    stage_token_ = reply.body["tokens"]["stage"];
  }

  std::string panelist(const std::string& name, const std::string& side) {
    const auto reply = http_request(server_.port(), "POST", "/api/debates/" + id_ + "/panelists",
                                    json{{"name", name}, {"role", "panelist"}, {"side", side}}, server_.admin_token());
    EXPECT_EQ(reply.status, 201) << reply.raw;
    return reply.body.value("token", "");
  }

  void record(std::vector<moment_seen>& seen) {
    auto stage = fresh_snapshot(server_.port(), id_, stage_token_);
    auto console = fresh_snapshot(server_.port(), id_, moderator_token_);
    ASSERT_EQ(stage["seq"], console["seq"]) << "nothing happens between the two";
    seen.push_back(moment_seen{stage["seq"].get<std::uint64_t>(), stage["state"], console["state"]});
  }

  json get(const std::string& target, const std::string& token = {}) {
    const auto reply = http_request(server_.port(), "GET", target, std::nullopt, token);
    EXPECT_EQ(reply.status, 200) << target << ": " << reply.raw;
    return reply.body;
  }

  temp_dir dir_;
  server_process server_{dir_.path() / "tribune.db"};
  std::string id_, moderator_token_, stage_token_;
};

TEST_F(replay, the_room_replayed_at_20_moments_is_the_room_as_it_was_live_in_every_view) {
  const auto green_token = panelist("Dr. Green", "for");
  panelist("Mr. Blue", "against");
  const auto ann = join(server_, id_, "Ann");
  const auto bob = join(server_, id_, "Bob");
  ws_client moderator(server_.port()), green(server_.port()), ann_ws(server_.port()), bob_ws(server_.port());
  moderator.hello(id_, moderator_token_);
  green.hello(id_, green_token);
  ann_ws.hello(id_, ann.token);
  bob_ws.hello(id_, bob.token);
  std::vector<moment_seen> seen;

  record(seen);
  ack_of(moderator, {{"type", "start_show"}});
  ack_of(moderator, {{"type", "create_oxford_poll"}, {"phase", "before"}});
  record(seen);
  ack_of(moderator, {{"type", "open_poll"}, {"poll", "v1"}});
  ack_of(ann_ws, {{"type", "vote"}, {"poll", "v1"}, {"choice", 0}});
  ack_of(bob_ws, {{"type", "vote"}, {"poll", "v1"}, {"choice", 2}});
  record(seen);
  ack_of(moderator, {{"type", "close_poll"}, {"poll", "v1"}});
  ack_of(moderator, {{"type", "reveal_poll"}, {"poll", "v1"}});
  record(seen);
  ack_of(moderator, {{"type", "advance"}});
  ack_of(moderator, {{"type", "set_on_stage"}, {"panelist", "g1"}, {"on", true}});
  record(seen);
  ack_of(moderator, {{"type", "grant_floor"}, {"speaker", "g1"}, {"seconds", 90}});
  record(seen);
  ack_of(green, {{"type", "post_argument"}, {"text", "Buses are cheaper"}, {"stance", "for"}});
  record(seen);
  ack_of(ann_ws, {{"type", "rate_argument"}, {"argument", "a1"}, {"rating", "agree"}});
  ack_of(bob_ws, {{"type", "post_argument"}, {"text", "Vans still deliver"}, {"stance", "against"}});
  record(seen);
  ack_of(moderator, {{"type", "approve_argument"}, {"argument", "a2"}});
  ack_of(ann_ws, {{"type", "ask"}, {"text", "Qui paie les bus ?"}});
  record(seen);
  ack_of(bob_ws, {{"type", "ask"}, {"text", "Hors sujet"}});
  ack_of(moderator, {{"type", "approve"}, {"question", "q1"}});
  record(seen);
  ack_of(moderator, {{"type", "put_on_air"}, {"question", "q1"}});
  record(seen);
  ack_of(bob_ws, {{"type", "upvote"}, {"question", "q1"}, {"on", true}});
  ack_of(moderator, {{"type", "dismiss"}, {"question", "q2"}, {"reason", "Hors sujet, désolé"}});
  record(seen);
  ack_of(moderator, {{"type", "end_floor"}});
  record(seen);
  ack_of(moderator, {{"type", "pause"}});
  record(seen);
  ack_of(moderator, {{"type", "resume"}});
  ack_of(moderator, {{"type", "mark_answered"}, {"question", "q1"}});
  record(seen);
  while (ack_of(moderator, {{"type", "advance"}}).value("type", "") == "ack") {
    if (get("/api/debates/" + id_)["status"] != "live") break;
    const auto s = fresh_snapshot(server_.port(), id_, stage_token_);
    if (s["state"]["show"]["segment"] == s["state"]["run_of_show"]["segments"].back()["id"]) break;
  }
  record(seen);
  ack_of(moderator, {{"type", "create_oxford_poll"}, {"phase", "after"}});
  ack_of(moderator, {{"type", "open_poll"}, {"poll", "v2"}});
  record(seen);
  ack_of(ann_ws, {{"type", "vote"}, {"poll", "v2"}, {"choice", 0}});
  ack_of(bob_ws, {{"type", "vote"}, {"poll", "v2"}, {"choice", 0}, {"changed_by", "a1"}});
  record(seen);
  ack_of(moderator, {{"type", "close_poll"}, {"poll", "v2"}});
  ack_of(moderator, {{"type", "reveal_poll"}, {"poll", "v2"}});
  record(seen);
  ack_of(moderator, {{"type", "end_show"}});
  record(seen);
  ASSERT_EQ(seen.size(), 20u);

  const auto base = "/api/debates/" + id_ + "/replay?seq=";
  for (const auto& m : seen) {
    const auto pub = get(base + std::to_string(m.seq));
    EXPECT_EQ(pub["seq"], m.seq);
    EXPECT_EQ(pub["state"].dump(), m.stage.dump()) << "public view at seq " << m.seq;
    const auto full = get(base + std::to_string(m.seq), server_.admin_token());
    EXPECT_EQ(full["state"].dump(), m.moderator.dump()) << "moderator view at seq " << m.seq;
  }
  EXPECT_EQ(get(base + "999999")["seq"], seen.back().seq) << "past the end means the last event";

  const auto report = get("/api/debates/" + id_ + "/report");
  EXPECT_EQ(report["seq"], seen.back().seq);
  EXPECT_EQ(report["head"], get("/api/debates/" + id_ + "/archive/head")["head"]);
  EXPECT_EQ(report["state"].dump(), seen.back().stage.dump());
  const auto& counts = report["counts"];
  EXPECT_EQ(counts["participants"], 2);
  EXPECT_EQ(counts["asked"], 2);
  EXPECT_EQ(counts["approved"], 1);
  EXPECT_EQ(counts["answered"], 1);
  EXPECT_EQ(counts["dismissed"], 1);
  EXPECT_EQ(counts["arguments"], 2);
  EXPECT_EQ(counts["ballots"], 4);
  EXPECT_TRUE(report["started_at"].is_number());
  EXPECT_TRUE(report["ended_at"].is_number());
  EXPECT_GT(report["talk_time"]["sides"]["for"].get<std::int64_t>(), 0) << "Dr. Green held the floor";
  EXPECT_GT(report["talk_time"]["speakers"]["g1"].get<std::int64_t>(), 0);
  EXPECT_EQ(report["speakers"]["g1"], "Dr. Green");
  ASSERT_GE(report["segments"].size(), 2u);
  EXPECT_EQ(report["segments"][1]["talk"]["for"], report["talk_time"]["sides"]["for"])
      << "Dr. Green spoke in segment 2 only";
  std::set<std::string> types;
  for (const auto& m : report["moments"]) types.insert(m["type"].get<std::string>());
  for (const auto* t : {"segment_started", "floor_granted", "argument_posted", "on_air_changed", "poll_opened",
                        "poll_revealed", "show_paused", "show_resumed", "show_ended"}) {
    EXPECT_TRUE(types.contains(t)) << t;
  }
  // The moment an argument was made replays with it, and not the one before.
  for (const auto& m : report["moments"]) {
    if (m["type"] != "argument_posted" || m["argument"] != "a1") continue;
    const auto seq = m["seq"].get<std::uint64_t>();
    EXPECT_EQ(get(base + std::to_string(seq))["state"]["arguments"].size(), 1u);
    EXPECT_EQ(get(base + std::to_string(seq - 1))["state"]["arguments"].size(), 0u);
  }

  EXPECT_EQ(http_request(server_.port(), "GET", base + "0").status, 400);
  EXPECT_EQ(http_request(server_.port(), "GET", base + "x").status, 400);
  EXPECT_EQ(http_request(server_.port(), "GET", "/api/debates/" + id_ + "/replay").status, 400);
  EXPECT_EQ(http_request(server_.port(), "GET", "/api/debates/nosuch/report").status, 404);
  EXPECT_EQ(http_request(server_.port(), "GET", "/api/debates/nosuch/replay?seq=1").status, 404);
  EXPECT_EQ(http_request(server_.port(), "POST", "/api/debates/" + id_ + "/report", json::object()).status, 405);
}

TEST(report_audience, the_report_counts_the_most_audience_connections_open_at_once_across_a_restart) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db", {"--room-idle", "1"});
  server.start();
  const auto d = create_debate(server);
  const auto report = [&] {
    const auto r = http_request(server.port(), "GET", "/api/debates/" + d.id + "/report");
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body;
  };
  {
    ws_client moderator(server.port());
    moderator.hello(d.id, d.moderator_token);
    ASSERT_EQ(moderator.command({{"type", "start_show"}})["type"], "ack");
    std::vector<participant> people;
    for (const auto* name : {"Ana", "Bob", "Chloé", "Driss"}) people.push_back(join(server, d.id, name));
    // Three phones at once (the moderator's console is no audience, and the fourth person who
    // joined never opens the room): the peak is three.
    ws_client a(server.port()), b(server.port()), c(server.port());
    ASSERT_EQ(a.hello(d.id, people[0].token)["type"], "welcome");
    ASSERT_EQ(b.hello(d.id, people[1].token)["type"], "welcome");
    ASSERT_EQ(c.hello(d.id, people[2].token)["type"], "welcome");
    ASSERT_EQ(moderator.command({{"type", "end_show"}})["type"], "ack");
    EXPECT_LE(report()["counts"]["peak_audience"].get<int>(), 3);
    for (const auto& m : moderator.received()) EXPECT_NE(m.value("event", ""), "audience_peaked") << m.dump();
  }
  // Nobody is left: the room unloads, and records the peak it saw as it goes.
  ASSERT_TRUE(wait_until([&] { return report()["counts"]["peak_audience"] == 3; }, std::chrono::seconds(20)))
      << report()["counts"].dump();
  EXPECT_EQ(report()["counts"]["participants"], 4);
  EXPECT_EQ(server.terminate(), 0);
  server.start();
  EXPECT_EQ(report()["counts"]["peak_audience"], 3);
}

}  // namespace
}  // namespace tribune::testing
