// The structured debate over real sockets: panelist links, the floor on the stage screen, the
// Oxford vote with coalesced tallies, and what a late joiner or a reconnecting client sees.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace tribune::testing {
namespace {

class debate_flow : public ::testing::Test {
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

  temp_dir dir_;
  server_process server_{dir_.path() / "tribune.db"};
  std::string id_, moderator_token_, stage_token_;
};

TEST_F(debate_flow, panelist_links_work_in_their_debate_only) {
  const auto green = add_panelist(server_, id_, "Dr. Green", "for");
  ws_client ws(server_.port());
  const auto welcome = ws.hello(id_, green.token);
  EXPECT_EQ(welcome["role"], "panelist");
  EXPECT_EQ(welcome["panelist"], green.id);
  EXPECT_EQ(welcome["side"], "for");
  EXPECT_TRUE(welcome["server_time"].is_number());

  const auto other = create_debate(server_, "Another");
  ws_client elsewhere(server_.port());
  EXPECT_EQ(elsewhere.hello(other.id, green.token)["code"], "unauthorized");
  EXPECT_EQ(http_request(server_.port(), "POST", "/api/debates/" + id_ + "/panelists", json{{"name", "X"}}).status,
            401);
  EXPECT_EQ(http_request(server_.port(), "POST", "/api/debates/" + id_ + "/panelists",
                         json{{"name", "X"}, {"side", "maybe"}}, server_.admin_token())
                .body["error"]["code"],
            "invalid_field");
}

TEST_F(debate_flow, the_floor_reaches_the_stage_and_only_moderators_grant_it) {
  const auto green = add_panelist(server_, id_, "Dr. Green", "for");
  const auto ann = join(server_, id_, "Ann");
  ws_client moderator(server_.port()), stage(server_.port()), ann_ws(server_.port());
  moderator.hello(id_, moderator_token_);
  stage.hello(id_, stage_token_);
  ann_ws.hello(id_, ann.token);
  EXPECT_EQ(moderator.command({{"type", "start_show"}})["type"], "ack");
  EXPECT_EQ(moderator.command({{"type", "grant_floor"}, {"speaker", green.id}})["code"], "not_allowed_in_segment");
  EXPECT_EQ(moderator.command({{"type", "advance"}})["type"], "ack");
  EXPECT_EQ(ann_ws.command({{"type", "grant_floor"}, {"speaker", green.id}})["code"], "forbidden");
  EXPECT_EQ(moderator.command({{"type", "grant_floor"}, {"speaker", green.id}, {"seconds", 90}})["type"], "ack");
  const auto granted = stage.wait_for([](const json& m) { return is_event(m, "floor_granted"); });
  EXPECT_EQ(granted["data"]["show"]["floor"]["speaker"]["name"], "Dr. Green");
  EXPECT_EQ(granted["data"]["show"]["floor"]["allotted_ms"], 90000);
  EXPECT_EQ(granted["data"]["show"]["segment"], "s2");
  EXPECT_FALSE(granted["data"].contains("talk_time")) << "talk time is for moderators";
  const auto ended = moderator.command({{"type", "end_floor"}});
  ASSERT_EQ(ended["type"], "ack");
  // The event came before its ack, so it is already among the received messages.
  json balance;
  for (const auto& m : moderator.received()) {
    if (is_event(m, "floor_ended")) balance = m;
  }
  EXPECT_TRUE(balance["data"]["talk_time"]["speakers"].contains(green.id)) << balance;
}

TEST_F(debate_flow, an_oxford_vote_is_tallied_without_one_message_per_ballot_and_names_the_winner) {
  std::vector<participant> people;
  std::vector<std::unique_ptr<ws_client>> phones;
  for (const auto* name : {"Ann", "Bob", "Chloe"}) {
    people.push_back(join(server_, id_, name));
    phones.push_back(std::make_unique<ws_client>(server_.port()));
    phones.back()->hello(id_, people.back().token);
  }
  ws_client moderator(server_.port());
  moderator.hello(id_, moderator_token_);
  const auto run_vote = [&](const std::string& phase, const std::vector<int>& choices) {
    const auto created = moderator.command({{"type", "create_oxford_poll"}, {"phase", phase}});
    const std::string poll = created["result"]["poll"];
    moderator.command({{"type", "open_poll"}, {"poll", poll}});
    for (std::size_t i = 0; i < choices.size(); ++i) {
      EXPECT_EQ(phones[i]->command({{"type", "vote"}, {"poll", poll}, {"choice", choices[i]}})["type"], "ack");
    }
    moderator.wait_for([&](const json& m) {
      return m["type"] == "tallies" && m["polls"].contains(poll) && m["polls"][poll]["ballots"] == choices.size();
    });
    return poll;
  };
  run_vote("before", {0, 1, 2});
  const auto after = run_vote("after", {0, 0, 1});
  EXPECT_EQ(phones[0]->command({{"type", "vote"}, {"poll", after}, {"choice", 7}})["code"], "invalid_choice");
  EXPECT_EQ(moderator.command({{"type", "close_poll"}, {"poll", after}})["type"], "ack");
  EXPECT_EQ(phones[0]->command({{"type", "vote"}, {"poll", after}, {"choice", 1}})["code"], "poll_not_open");
  const auto closed =
      phones[2]->wait_for([](const json& m) { return is_event(m, "poll_closed") && !m["data"]["oxford"].is_null(); });
  EXPECT_EQ(closed["data"]["oxford"]["winner"], "for");
  for (const auto& m : phones[2]->received()) EXPECT_FALSE(is_event(m, "ballot_cast")) << "ballots must be coalesced";
}

TEST_F(debate_flow, a_reconnecting_client_sees_no_gap_in_prev_and_gets_current_figures) {
  const auto green = add_panelist(server_, id_, "Dr. Green", "for");
  const auto ann = join(server_, id_, "Ann");
  const auto bob = join(server_, id_, "Bob");
  ws_client panel(server_.port()), bob_ws(server_.port()), moderator(server_.port());
  panel.hello(id_, green.token);
  bob_ws.hello(id_, bob.token);
  moderator.hello(id_, moderator_token_);
  std::uint64_t last_seq = 0;
  {
    ws_client ann_ws(server_.port());
    last_seq = ann_ws.hello(id_, ann.token)["seq"];
  }
  const auto posted = panel.command({{"type", "post_argument"}, {"text", "Cleaner air"}, {"stance", "for"}});
  const std::string argument = posted["result"]["argument"];
  bob_ws.command({{"type", "rate_argument"}, {"argument", argument}, {"rating", "agree"}});  // silent
  moderator.command({{"type", "feature_argument"}, {"argument", argument}});

  ws_client again(server_.port());
  EXPECT_EQ(again.hello(id_, ann.token, last_seq)["resume"], "events");
  std::uint64_t seen = last_seq;
  for (;;) {
    const auto m = again.next();
    ASSERT_TRUE(m.has_value()) << "the resume ended early";
    if ((*m)["type"] == "tallies") {
      EXPECT_EQ((*m)["arguments"][argument]["agree"], 1);
      break;
    }
    ASSERT_EQ((*m)["type"], "event");
    EXPECT_LE((*m)["prev"].get<std::uint64_t>(), seen) << "a gap in the resumed events";
    seen = (*m)["seq"];
  }
}

TEST_F(debate_flow, the_run_of_show_can_be_edited_until_the_show_starts) {
  const auto format =
      json{{"format", "custom"},
           {"segments", json::array({json{{"name", "Only segment"}, {"kind", "conversation"}, {"minutes", 5}}})}};
  const auto path = "/api/debates/" + id_ + "/format";
  EXPECT_EQ(http_request(server_.port(), "PUT", path, format, server_.admin_token()).status, 200);
  EXPECT_EQ(http_request(server_.port(), "PUT", path, json{{"segments", json::array()}}, server_.admin_token())
                .body["error"]["code"],
            "invalid_field");
  EXPECT_EQ(http_request(server_.port(), "PUT", path, format).status, 401);
  ws_client moderator(server_.port());
  moderator.hello(id_, moderator_token_);
  const auto snapshot = moderator.wait_for([](const json& m) { return m["type"] == "snapshot"; });
  EXPECT_EQ(snapshot["state"]["run_of_show"]["segments"].size(), 1u);
  moderator.command({{"type", "start_show"}});
  EXPECT_EQ(http_request(server_.port(), "PUT", path, format, server_.admin_token()).body["error"]["code"],
            "show_started");
  EXPECT_EQ(http_request(server_.port(), "GET", "/api/formats").body["formats"].size(), 4u);
}

TEST_F(debate_flow, metrics_count_connections_and_appended_events) {
  ws_client moderator(server_.port());
  moderator.hello(id_, moderator_token_);
  moderator.command({{"type", "start_show"}});
  const auto metrics = http_request(server_.port(), "GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.raw.find("tribune_websocket_connections 1"), std::string::npos) << metrics.raw;
  EXPECT_NE(metrics.raw.find("tribune_events_appended_total 3"), std::string::npos) << metrics.raw;
  EXPECT_NE(metrics.raw.find("tribune_command_seconds_bucket"), std::string::npos);
  EXPECT_EQ(http_request(server_.port(), "GET", "/readyz").status, 200);
  EXPECT_EQ(http_request(server_.port(), "GET", "/livez").status, 200);
}

}  // namespace
}  // namespace tribune::testing
