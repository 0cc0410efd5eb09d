// The schema and the decoder agree on what a client may send: every command type, as a page sends
// it, is accepted by both, and each kind of malformed command is refused by both.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "protocol/decode.hpp"
#include "schema_check.hpp"

namespace tribune::protocol {
namespace {

using json = nlohmann::json;

bool decodes(const json& message) { return std::holds_alternative<request>(decode(message.dump())); }
bool fits(const json& message) { return testing::schema::problems(message, "client_message").empty(); }

std::vector<json> every_command() {
  return {
      {{"type", "hello"}, {"debate", "k3f9x2m4qa"}, {"token", "sel.ver"}, {"last_seq", 41}},
      {{"type", "hello"}, {"debate", "k3f9x2m4qa"}, {"token", "sel.ver"}},
      {{"type", "time"}, {"id", "t"}},
      {{"type", "ask"}, {"id", 7}, {"text", "Who pays?"}, {"anonymous", true}, {"key", "a1b2"}},
      {{"type", "upvote"}, {"question", "q3"}, {"on", true}},
      {{"type", "react"}, {"kind", "laugh"}},
      {{"type", "approve"}, {"question", "q3"}},
      {{"type", "dismiss"}, {"question", "q3"}, {"reason", "off topic"}},
      {{"type", "mark_answered"}, {"question", "q3"}},
      {{"type", "pin"}, {"question", "q3"}, {"pinned", false}},
      {{"type", "put_on_air"}, {"question", nullptr}},
      {{"type", "mute"}, {"participant", "p4"}, {"muted", true}},
      {{"type", "ban"}, {"participant", "p4"}, {"reason", "spam"}},
      {{"type", "start_show"}},
      {{"type", "advance"}},
      {{"type", "pause"}},
      {{"type", "resume"}},
      {{"type", "end_show"}},
      {{"type", "set_on_stage"}, {"panelist", "g2"}, {"on", false}},
      {{"type", "grant_floor"}, {"speaker", "p4"}, {"seconds", 90}},
      {{"type", "extend_floor"}, {"seconds", 30}},
      {{"type", "end_floor"}},
      {{"type", "raise_hand"}, {"lane", "direct_reply"}},
      {{"type", "lower_hand"}},
      {{"type", "request_seat"}},
      {{"type", "cancel_seat_request"}},
      {{"type", "seat"}, {"participant", "p4"}},
      {{"type", "unseat"}, {"participant", "p4"}},
      {{"type", "post_argument"},
       {"text", "Cleaner air"},
       {"stance", "for"},
       {"parent", "a2"},
       {"relation", "rebuts"},
       {"source", "https://example.org"}},
      {{"type", "post_argument"}, {"text", "Both sides have a point"}, {"stance", "none"}},
      {{"type", "send_cue"}, {"panelist", "g2"}, {"cue", "wrap_up"}},
      {{"type", "send_cue"}, {"panelist", "g2"}, {"cue", "note"}, {"text", "Louder, please"}},
      {{"type", "acknowledge_cue"}, {"cue", "k3"}},
      {{"type", "post_staff_message"}, {"text", "Take Ann next"}},
      {{"type", "approve_argument"}, {"argument", "a2"}},
      {{"type", "dismiss_argument"}, {"argument", "a2"}, {"reason", "duplicate"}},
      {{"type", "feature_argument"}, {"argument", "a2"}},
      {{"type", "mark_addressed"}, {"argument", "a2"}},
      {{"type", "rate_argument"}, {"argument", "a2"}, {"rating", "pass"}},
      {{"type", "create_poll"}, {"kind", "multiple"}, {"question", "Which?"}, {"options", {"A", "B", "C"}}},
      {{"type", "create_oxford_poll"}, {"phase", "after"}},
      {{"type", "open_poll"}, {"poll", "v1"}},
      {{"type", "close_poll"}, {"poll", "v1"}},
      {{"type", "reveal_poll"}, {"poll", "v1"}},
      {{"type", "vote"}, {"poll", "v1"}, {"choice", {0, 2}}, {"changed_by", "a2"}},
      {{"type", "vote"}, {"poll", "v2"}, {"choice", "vélo"}},
  };
}

TEST(client_schema, every_command_a_page_sends_is_accepted_by_the_decoder_and_the_schema) {
  for (const auto& m : every_command()) {
    EXPECT_TRUE(decodes(m)) << m;
    const auto found = testing::schema::problems(m, "client_message");
    EXPECT_TRUE(found.empty()) << m << (found.empty() ? "" : "\n  " + found.front());
  }
}

TEST(client_schema, malformed_commands_are_refused_by_both) {
  const std::vector<json> malformed = {
      {{"type", "fly"}},
      {{"type", "ask"}},
      {{"type", "ask"}, {"text", 5}},
      {{"type", "ask"}, {"text", ""}},
      {{"type", "ask"}, {"text", std::string(501, 'x')}},
      {{"type", "upvote"}, {"question", "p3"}, {"on", true}},
      {{"type", "upvote"}, {"question", "q3"}},
      {{"type", "react"}, {"kind", "boo"}},
      {{"type", "extend_floor"}, {"seconds", 601}},
      {{"type", "grant_floor"}, {"speaker", "q1"}},
      {{"type", "raise_hand"}, {"lane", "sideways"}},
      {{"type", "post_argument"}, {"text", "x"}, {"stance", "maybe"}},
      {{"type", "send_cue"}, {"panelist", "g2"}, {"cue", "dance"}},
      {{"type", "acknowledge_cue"}, {"cue", "c3"}},
      {{"type", "post_staff_message"}, {"text", ""}},
      {{"type", "create_poll"}, {"kind", "single"}, {"question", "?"}, {"options", {"only one"}}},
      {{"type", "vote"}, {"poll", "v1"}},
      {{"type", "hello"}, {"debate", "d"}, {"token", 42}},
      {{"type", "ask"}, {"text", "Hi"}, {"key", "spaces are not allowed"}},
      {{"type", "ask"}, {"text", "Hi"}, {"id", std::string(65, 'i')}},
  };
  for (const auto& m : malformed) {
    EXPECT_FALSE(decodes(m)) << m;
    EXPECT_FALSE(fits(m)) << m;
  }
}

}  // namespace
}  // namespace tribune::protocol
