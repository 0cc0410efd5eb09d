// The server holds to docs/protocol.md where it once did not: a connection that does not start
// with a valid hello is refused and closed; commands pipelined behind a hello wait for it; an
// idempotency key makes any command, reactions included, apply once; a frame is one JSON object or
// nothing; refusals carry the room's seq; a quiet room sends no reaction figures; and rate limits
// hold per participant across reconnections.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "harness.hpp"
#include "wire.hpp"

namespace tribune::testing {
namespace {

using clock = std::chrono::steady_clock;

class conformance : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.start();
    debate_ = create_debate(server_);
    ann_ = join(server_, debate_.id, "Ann");
  }

  // The error the server answers a frame with, and the close code that follows.
  struct refusal {
    std::string code;                    // the error's code
    std::optional<std::uint16_t> close;  // the close code that followed it, if any
  };

  // Sends one frame on a fresh socket and waits for the error, then for the close.
  refusal refusal_of(const json& frame) {
    ws_client c(server_.port());
    c.send(frame);
    const auto error = c.wait_for([](const json& m) { return m.value("type", "") == "error"; });
    return {error.value("code", ""), c.wait_closed()};
  }

  temp_dir dir_;
  server_process server_{dir_.path() / "tribune.db"};
  debate debate_;
  participant ann_;
};

TEST_F(conformance, a_hello_whose_token_is_not_a_string_is_refused_and_the_socket_closed) {
  const auto r = refusal_of({{"type", "hello"}, {"debate", debate_.id}, {"token", 42}});
  EXPECT_EQ(r.code, "invalid_field");
  EXPECT_EQ(r.close, 1008);
}

TEST_F(conformance, a_hello_without_a_token_is_refused_and_the_socket_closed) {
  const auto r = refusal_of({{"type", "hello"}, {"debate", debate_.id}});
  EXPECT_EQ(r.code, "invalid_field");
  EXPECT_EQ(r.close, 1008);
}

TEST_F(conformance, a_hello_with_an_oversized_token_is_refused_and_the_socket_closed) {
  const auto r = refusal_of({{"type", "hello"}, {"debate", debate_.id}, {"token", std::string(129, 'a')}});
  EXPECT_EQ(r.code, "invalid_field");
  EXPECT_EQ(r.close, 1008);
}

TEST_F(conformance, a_command_before_any_hello_is_refused_and_the_socket_closed) {
  const auto r = refusal_of({{"type", "ask"}, {"id", 1}, {"text", "Anyone?"}});
  EXPECT_EQ(r.code, "hello_required");
  EXPECT_EQ(r.close, 1008);
}

TEST_F(conformance, a_valid_hello_after_a_refused_one_is_never_accepted) {
  ws_client c(server_.port());
  c.send({{"type", "hello"}, {"debate", debate_.id}, {"token", nullptr}});
  c.send({{"type", "hello"}, {"debate", debate_.id}, {"token", ann_.token}});
  EXPECT_EQ(c.wait_closed(), 1008);
  for (const auto& m : c.received()) EXPECT_NE(m.value("type", ""), "welcome") << m;
}

TEST_F(conformance, commands_pipelined_behind_hello_wait_for_it_and_are_never_refused) {
  // The hello and a command in one TCP write, so both arrive before the welcome can be sent.
  for (int attempt = 0; attempt < 20; ++attempt) {
    wire::raw_ws c(server_.port());
    ASSERT_TRUE(c.upgraded());
    const json hello{{"type", "hello"}, {"debate", debate_.id}, {"token", ann_.token}};
    const json command{{"type", "cancel_seat_request"}, {"id", "r"}};
    ASSERT_TRUE(c.send(wire::text_frame(hello.dump()) + wire::text_frame(command.dump())));
    std::optional<json> reply;
    while (auto m = c.next_message()) {
      if (m->value("id", json()) == "r") {
        reply = m;
        break;
      }
    }
    ASSERT_TRUE(reply) << "attempt " << attempt << ": no answer";
    ASSERT_EQ(reply->value("type", ""), "ack") << "attempt " << attempt << ": " << *reply;
  }
}

TEST_F(conformance, a_reaction_sent_again_with_its_key_is_counted_once) {
  ws_client stage(server_.port()), ann(server_.port());
  ASSERT_EQ(stage.hello(debate_.id, debate_.stage_token).value("type", ""), "welcome");
  ASSERT_EQ(ann.hello(debate_.id, ann_.token).value("type", ""), "welcome");
  const json react{{"type", "react"}, {"kind", "applause"}, {"key", "clap-1"}};
  EXPECT_EQ(ann.command(react).value("type", ""), "ack");
  const auto again = ann.command(react);
  EXPECT_EQ(again.value("type", ""), "ack") << again;
  EXPECT_EQ(again["result"]["duplicate"], true) << again;
  // A different key is a different click.
  EXPECT_EQ(ann.command({{"type", "react"}, {"kind", "laugh"}, {"key", "laugh-1"}}).value("type", ""), "ack");
  const auto shown =
      stage.wait_for([](const json& m) { return m.value("type", "") == "reactions" && m["totals"]["laugh"] == 1; });
  EXPECT_EQ(shown["totals"]["applause"], 1) << shown;
}

TEST_F(conformance, a_frame_with_a_nul_byte_and_garbage_after_the_object_is_bad_json) {
  ws_client c(server_.port());
  ASSERT_EQ(c.hello(debate_.id, ann_.token).value("type", ""), "welcome");
  c.send_raw(std::string("{\"type\":\"time\",\"id\":\"n\"}\0garbage", 31));
  const auto reply = c.wait_for([](const json& m) { return m.value("type", "") != "snapshot"; });
  EXPECT_EQ(reply.value("type", ""), "error") << reply;
  EXPECT_EQ(reply.value("code", ""), "bad_json") << reply;
}

TEST_F(conformance, refusals_of_unreadable_commands_carry_the_rooms_seq) {
  // Bob has sent nothing yet: the seq he learns from an error is the room's, not his own acks'.
  const auto bob = join(server_, debate_.id, "Bob");
  ws_client ann(server_.port()), c(server_.port());
  ASSERT_EQ(c.hello(debate_.id, bob.token).value("type", ""), "welcome");
  ann.hello(debate_.id, ann_.token);
  const auto asked = ann.command({{"type", "ask"}, {"text", "Real question"}});
  ASSERT_EQ(asked.value("type", ""), "ack");
  const auto seq = asked.value("seq", 0);
  ASSERT_GT(seq, 1);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"type":"ask","id":"a", )", "bad_json"},
      {R"({"type":"ask","id":"b","text":5})", "invalid_field"},
      {R"({"type":"ask","id":"c","text":")" + std::string(600, 'x') + R"("})", "text_too_long"},
      {R"({"type":"ask","id":"d","text":"   "})", "empty_text"},
      {R"({"type":"fly","id":"e"})", "unknown_command"},
  };
  for (const auto& [frame, code] : cases) {
    c.send_raw(frame);
    const auto reply = c.wait_for([](const json& m) { return m.value("type", "") == "error"; });
    EXPECT_EQ(reply.value("code", ""), code) << frame;
    EXPECT_EQ(reply.value("seq", 0), seq) << code << ": " << reply;
  }
}

TEST_F(conformance, a_quiet_room_sends_no_reaction_figures_that_did_not_change) {
  ws_client stage(server_.port()), ann(server_.port());
  stage.hello(debate_.id, debate_.stage_token);
  ann.hello(debate_.id, ann_.token);
  ASSERT_EQ(ann.command({{"type", "react"}, {"kind", "agree"}}).value("type", ""), "ack");
  // The meter rises, then falls back to zero within its five-second window; every message on the
  // way shows something new.
  std::vector<json> shown;
  const auto zero = [](const json& m) {
    for (const auto& [kind, n] : m["recent"].items()) {
      if (n != 0) return false;
    }
    return true;
  };
  const auto fell = stage.wait_for(
      [&](const json& m) {
        if (m.value("type", "") != "reactions") return false;
        shown.push_back(m);
        return zero(m);
      },
      10s);
  ASSERT_FALSE(fell.is_null());
  ASSERT_GE(shown.size(), 2u);
  for (std::size_t i = 1; i < shown.size(); ++i) {
    EXPECT_NE(shown[i - 1].dump(), shown[i].dump()) << "the same figures were sent twice in a row";
  }
  // Then nothing more: a second's wait sees no further reaction message.
  const auto more = stage.next(1500ms);
  EXPECT_FALSE(more && more->value("type", "") == "reactions") << *more;
}

TEST_F(conformance, a_participant_reconnecting_after_each_close_stays_within_the_rate_limit) {
  ws_client moderator(server_.port());
  moderator.hello(debate_.id, debate_.moderator_token);
  const auto qid = [&] {
    ws_client a(server_.port());
    a.hello(debate_.id, ann_.token);
    return a.command({{"type", "ask"}, {"text", "Flooded"}})["result"]["question"].get<std::string>();
  }();
  ASSERT_EQ(moderator.command({{"type", "approve"}, {"question", qid}}).value("type", ""), "ack");

  // Toggling an upvote as fast as possible, reconnecting whenever the server closes the socket.
  const auto start = clock::now();
  std::size_t applied = 0;
  bool on = true;
  while (clock::now() - start < 3s) {
    ws_client c(server_.port());
    if (c.hello(debate_.id, ann_.token).value("type", "") != "welcome") continue;
    for (int i = 0; i < 200 && !c.is_closed(); ++i) {
      c.send({{"type", "upvote"}, {"id", "u" + std::to_string(i)}, {"question", qid}, {"on", on}});
      on = !on;
    }
    c.wait_closed(2s);
    for (const auto& m : c.received()) applied += m.value("type", "") == "ack" ? 1 : 0;
  }
  const double seconds = std::chrono::duration<double>(clock::now() - start).count();
  // The burst, plus the refill at 20 a second over the flood's life, whatever the reconnections.
  EXPECT_LE(static_cast<double>(applied), 40 + 20 * seconds + 20) << "over " << seconds << " s";
  EXPECT_GT(applied, 0u);
}

}  // namespace
}  // namespace tribune::testing
