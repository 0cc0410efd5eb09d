// The wire schema covers everything the server sends: one debate plays every event a client can
// receive and every kind of message, and each one fits protocol/schema/tribune.schema.json (the
// test clients check every message of every integration test the same way). The checker itself is
// shown to refuse what breaks the contract.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <string>

#include "harness.hpp"
#include "schema_check.hpp"

namespace tribune::testing {
namespace {

// Every value the schema lists for `path` (an enum), e.g. the event names.
std::set<std::string> schema_enum(const std::string& definition, const std::string& property) {
  std::ifstream in(TRIBUNE_SCHEMA);
  const auto doc = json::parse(in);
  const auto& words = doc["definitions"][definition]["properties"][property]["enum"];
  return {words.begin(), words.end()};
}

TEST(schema, the_checker_refuses_messages_that_break_the_contract) {
  const json ack{{"type", "ack"}, {"id", "c1"}, {"seq", 3}};
  EXPECT_TRUE(schema::problems(ack, "server_message").empty());
  EXPECT_FALSE(schema::problems(json{{"type", "ack"}, {"id", "c1"}}, "server_message").empty()) << "no seq";
  EXPECT_FALSE(schema::problems(json{{"type", "ack"}, {"id", "c1"}, {"seq", -1}}, "server_message").empty());
  EXPECT_FALSE(
      schema::problems(json{{"type", "ack"}, {"id", "c1"}, {"seq", 3}, {"extra", 1}}, "server_message").empty());
  EXPECT_FALSE(schema::problems(json{{"type", "gossip"}, {"seq", 1}}, "server_message").empty());
  const json event{{"type", "event"},
                   {"seq", 4},
                   {"prev", 3},
                   {"at", 1},
                   {"event", "question_pinned"},
                   {"data", {{"question", "q1"}, {"pinned", true}}}};
  EXPECT_TRUE(schema::problems(event, "server_message").empty());
  auto wrong = event;
  wrong["data"]["question"] = "p1";
  EXPECT_FALSE(schema::problems(wrong, "server_message").empty()) << "a participant id where a question's is due";
  EXPECT_FALSE(schema::problems(json{{"error", {{"code", "no_such_code"}, {"detail", ""}}}}, "rest_error").empty());
}

TEST(schema, every_event_and_message_the_server_sends_fits_the_schema) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto g1 = http_request(server.port(), "POST", "/api/debates/" + d.id + "/panelists",
                               json{{"name", "Green"}, {"role", "panelist"}, {"side", "for"}}, server.admin_token());
  ASSERT_EQ(g1.status, 201) << g1.raw;
  ASSERT_EQ(http_request(server.port(), "PUT", "/api/debates/" + d.id + "/format", json{{"format", "fishbowl"}},
                         server.admin_token())
                .status,
            200);
  const auto ann = join(server, d.id, "Ann");
  const auto bob = join(server, d.id, "Bob");
  const auto eve = join(server, d.id, "Eve");

  ws_client mod(server.port()), stage(server.port()), a(server.port()), b(server.port()), g(server.port());
  mod.hello(d.id, d.moderator_token);
  stage.hello(d.id, d.stage_token);
  a.hello(d.id, ann.token);
  b.hello(d.id, bob.token);
  ASSERT_EQ(g.hello(d.id, g1.body["token"].get<std::string>()).value("type", ""), "welcome");
  const auto ok = [](const json& reply) {
    EXPECT_EQ(reply.value("type", ""), "ack") << reply;
    return reply;
  };

  // Questions and moderation.
  const auto q1 = ok(a.command({{"type", "ask"}, {"text", "Who pays?"}}))["result"]["question"];
  const auto q2 = ok(b.command({{"type", "ask"}, {"text", "Off topic"}}))["result"]["question"];
  ok(mod.command({{"type", "approve"}, {"question", q1}}));
  ok(b.command({{"type", "upvote"}, {"question", q1}, {"on", true}}));
  ok(mod.command({{"type", "pin"}, {"question", q1}, {"pinned", true}}));
  ok(mod.command({{"type", "put_on_air"}, {"question", q1}}));
  ok(mod.command({{"type", "mark_answered"}, {"question", q1}}));
  ok(mod.command({{"type", "dismiss"}, {"question", q2}, {"reason", "off topic"}}));
  const auto q3 = ok(b.command({{"type", "ask"}, {"text", "Who pays, then?"}}))["result"]["question"];
  ok(mod.command({{"type", "merge_questions"}, {"into", q1}, {"questions", {q3}}}));
  ok(mod.command({{"type", "mute"}, {"participant", bob.id}, {"muted", true}}));
  ok(mod.command({{"type", "ban"}, {"participant", eve.id}, {"reason", "spam"}}));
  ASSERT_EQ(http_request(server.port(), "POST", "/api/debates/" + d.id + "/moderation", json{{"private", true}},
                         server.admin_token())
                .status,
            200);
  ok(a.command({{"type", "react"}, {"kind", "applause"}}));

  // The stage, the floor and the fishbowl.
  // Two segments still to come swapped, and back.
  ok(mod.command({{"type", "move_segment"}, {"segment", "s3"}, {"to", "s2"}}));
  ok(mod.command({{"type", "move_segment"}, {"segment", "s2"}, {"to", "s3"}}));
  ok(mod.command({{"type", "start_show"}}));
  ok(mod.command({{"type", "advance"}}));
  ok(mod.command({{"type", "set_on_stage"}, {"panelist", "g1"}, {"on", false}}));
  ok(mod.command({{"type", "set_on_stage"}, {"panelist", "g1"}, {"on", true}}));
  ok(g.command({{"type", "raise_hand"}, {"lane", "new_point"}}));
  ok(g.command({{"type", "lower_hand"}}));
  // The moderators by name: a second link, named and renamed, names made public, and removed. The
  // second moderator writes the staff message below (which carries its author's name).
  const auto team_path = "/api/debates/" + d.id + "/moderators";
  const auto lea = http_request(server.port(), "POST", team_path, json{{"name", "Léa"}}, server.admin_token());
  ASSERT_EQ(lea.status, 201);
  ws_client mod2(server.port());
  ASSERT_EQ(mod2.hello(d.id, lea.body["token"].get<std::string>()).value("moderator", ""), "o2");
  ASSERT_EQ(http_request(server.port(), "PATCH", team_path + "/o1", json{{"name", "Max"}}, server.admin_token()).status,
            200);
  ASSERT_EQ(http_request(server.port(), "POST", "/api/debates/" + d.id + "/moderation", json{{"names_public", true}},
                         server.admin_token())
                .status,
            200);
  ok(mod2.command({{"type", "post_staff_message"}, {"text", "I take the questions"}}));
  ASSERT_EQ(http_request(server.port(), "DELETE", team_path + "/o2", std::nullopt, server.admin_token()).status, 204);
  ASSERT_EQ(http_request(server.port(), "PUT", "/api/debates/" + d.id + "/flag_words",
                         json{{"words", {"bouffon*", "lobby"}}}, server.admin_token())
                .status,
            200);
  (void)mod2.wait_closed();
  // The predictions, the quiz and the rest of the show come from another moderator link: each
  // link has its own command rate (protocol/limits.hpp), and one console alone would send the whole
  // flow faster than a person does.
  const auto desk = http_request(server.port(), "POST", team_path, json{{"name", "Régie"}}, server.admin_token());
  ASSERT_EQ(desk.status, 201);
  ws_client mod3(server.port());
  ASSERT_EQ(mod3.hello(d.id, desk.body["token"].get<std::string>()).value("type", ""), "welcome");

  // Backstage: a cue the panelist acknowledges, and a message between moderators.
  ok(mod.command({{"type", "send_cue"}, {"panelist", "g1"}, {"cue", "note"}, {"text", "Slower, please"}}));
  ok(g.command({{"type", "acknowledge_cue"}, {"cue", "k1"}}));
  ok(mod.command({{"type", "post_staff_message"}, {"text", "Ann is next"}}));
  ok(mod.command({{"type", "grant_floor"}, {"speaker", "g1"}}));
  ok(mod.command({{"type", "extend_floor"}, {"seconds", 30}}));
  ok(mod.command({{"type", "pause"}}));
  ok(mod.command({{"type", "resume"}}));
  ok(mod.command({{"type", "end_floor"}}));
  ok(a.command({{"type", "request_seat"}}));
  ok(a.command({{"type", "cancel_seat_request"}}));
  ok(a.command({{"type", "request_seat"}}));
  ok(mod.command({{"type", "seat"}, {"participant", ann.id}}));
  ok(mod.command({{"type", "unseat"}, {"participant", ann.id}}));

  // Arguments and polls.
  const auto a1 =
      ok(g.command({{"type", "post_argument"}, {"text", "Cleaner air"}, {"stance", "for"}}))["result"]["argument"];
  const auto a2 = ok(a.command({{"type", "post_argument"},
                                {"text", "Too costly"},
                                {"stance", "against"},
                                {"parent", a1},
                                {"relation", "rebuts"}}))["result"]["argument"];
  ok(mod.command({{"type", "approve_argument"}, {"argument", a2}}));
  ok(mod.command({{"type", "feature_argument"}, {"argument", a1}}));
  ok(mod.command({{"type", "mark_addressed"}, {"argument", a1}}));
  const auto a3 = ok(a.command({{"type", "post_argument"}, {"text", "Spam"}, {"stance", "for"}}))["result"]["argument"];
  ok(mod.command({{"type", "dismiss_argument"}, {"argument", a3}, {"reason", "duplicate"}}));
  ok(a.command({{"type", "rate_argument"}, {"argument", a1}, {"rating", "agree"}}));
  const auto v1 = ok(mod.command({{"type", "create_oxford_poll"}, {"phase", "before"}}))["result"]["poll"];
  ok(mod.command({{"type", "open_poll"}, {"poll", v1}}));
  ok(a.command({{"type", "vote"}, {"poll", v1}, {"choice", 0}}));
  ok(mod.command({{"type", "close_poll"}, {"poll", v1}}));
  const auto v2 = ok(mod.command({{"type", "create_oxford_poll"}, {"phase", "after"}}))["result"]["poll"];
  ok(mod.command({{"type", "open_poll"}, {"poll", v2}}));
  ok(a.command({{"type", "vote"}, {"poll", v2}, {"choice", 1}, {"changed_by", a1}}));
  ok(mod.command({{"type", "close_poll"}, {"poll", v2}}));
  ok(mod.command({{"type", "reveal_poll"}, {"poll", v2}}));
  // Predictions: one resolved after a prediction (whose counts come as tallies), one cancelled.
  const auto r1 = ok(mod3.command({{"type", "create_prediction"},
                                   {"title", "Who wins?"},
                                   {"outcomes", {"For", "Against"}}}))["result"]["prediction"];
  ok(a.command({{"type", "predict"}, {"prediction", r1}, {"outcome", 1}}));
  ok(mod3.command({{"type", "lock_prediction"}, {"prediction", r1}}));
  ok(mod3.command({{"type", "resolve_prediction"}, {"prediction", r1}, {"outcome", 1}}));
  const auto r2 = ok(mod3.command(
      {{"type", "create_prediction"}, {"title", "A tie?"}, {"outcomes", {"Yes", "No"}}}))["result"]["prediction"];
  ok(mod3.command({{"type", "cancel_prediction"}, {"prediction", r2}}));
  // A quiz question answered (the answers come as tallies), closed with its leaderboard.
  const auto z1 = ok(mod3.command({{"type", "start_quiz_question"},
                                   {"text", "2 + 2?"},
                                   {"choices", {"3", "4"}},
                                   {"correct", 1},
                                   {"seconds", 30}}))["result"]["quiz_question"];
  ok(a.command({{"type", "answer_quiz"}, {"quiz_question", z1}, {"choice", 1}}));
  ok(mod3.command({{"type", "close_quiz_question"}, {"quiz_question", z1}}));
  // The run of show changed during the show: the current segment extended.
  ok(mod3.command({{"type", "extend_segment"}, {"minutes", 5}}));
  ok(mod.command({{"type", "end_show"}}));
  ASSERT_EQ(
      http_request(server.port(), "POST", "/api/debates/" + d.id + "/links", std::nullopt, server.admin_token()).status,
      200);
  (void)stage.wait_closed();  // the old stage link stops working

  // The rest of the message kinds: a time answer, an error, a catch-up and a snapshot.
  a.send({{"type", "time"}, {"id", "t"}});
  (void)a.wait_for([](const json& m) { return m.value("type", "") == "time"; });
  EXPECT_EQ(a.command({{"type", "approve"}, {"question", q1}}).value("type", ""), "error");
  ws_client again(server.port());
  EXPECT_EQ(again.hello(d.id, ann.token, 0).value("resume", ""), "events") << "the whole log, replayed";
  ws_client fresh(server.port());
  EXPECT_EQ(fresh.hello(d.id, bob.token).value("resume", ""), "snapshot");
  (void)fresh.wait_for([](const json& m) { return m.value("type", "") == "snapshot"; });
  (void)again.wait_for([](const json& m) { return m.value("type", "") == "tallies"; });
  // A contact left (sent to no screen) and an erasure, last: a client that reconnects after an
  // erasure gets a snapshot rather than the events that named the participant.
  ok(b.command({{"type", "leave_contact"}, {"contact", "bob@exemple.fr"}, {"brand", true}}));
  ok(b.command({{"type", "erase_me"}}));
  (void)a.wait_for([](const json& m) { return m.value("event", "") == "participant_erased"; });

  // The reaction counted earlier reached the meter on screens, and the log: recorded once the meter
  // fell back, or with the show's end at the latest (either may have arrived while the client
  // waited for something else).
  EXPECT_TRUE(wait_until(
      [&] {
        const auto all = a.received();
        const auto has = [&all](const char* key, const char* value) {
          return std::any_of(all.begin(), all.end(), [&](const json& m) { return m.value(key, "") == value; });
        };
        return has("event", "reactions_recorded") && has("type", "reactions");
      },
      15s));

  // Everything above was checked against the schema as it arrived; now check nothing was missed.
  std::set<std::string> types, events;
  for (const auto* c : {&mod, &mod2, &stage, &a, &b, &g, &again, &fresh}) {
    for (const auto& m : c->received()) {
      types.insert(m.value("type", ""));
      if (m.value("type", "") == "event") events.insert(m.value("event", ""));
    }
  }
  // The opinion map's messages need groups of five raters or more: opinion_test.cpp makes them,
  // and its clients check them against the schema as they arrive too.
  auto expected = schema_enum("server_message", "type");
  expected.erase("opinion");
  expected.erase("opinion_you");
  EXPECT_EQ(types, expected);
  EXPECT_EQ(events, schema_enum("event_message", "event"));
}

}  // namespace
}  // namespace tribune::testing
