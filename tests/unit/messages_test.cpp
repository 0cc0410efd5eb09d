// The replies written field by field (ack, error, time) give exactly the bytes of the json object
// they stand for, whatever the request id holds.
#include "protocol/messages.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "protocol/words.hpp"

namespace tribune::protocol {
namespace {

using json = nlohmann::json;

std::vector<json> ids() {
  return {nullptr, 0, 42, -7, "n1", "quote \" backslash \\ tab \t nul-free", "é ✓ 🎙", std::string(64, 'x')};
}

TEST(replies, an_ack_is_the_object_it_stands_for) {
  for (const auto& id : ids()) {
    EXPECT_EQ(encode_ack(id, 17, result::none{}), (json{{"type", "ack"}, {"id", id}, {"seq", 17}}.dump()));
    EXPECT_EQ(encode_ack(id, 0, result::votes{3}),
              (json{{"type", "ack"}, {"id", id}, {"seq", 0}, {"result", {{"votes", 3}}}}.dump()));
    EXPECT_EQ(encode_ack(id, 9, result::changed{12}),
              (json{{"type", "ack"}, {"id", id}, {"seq", 9}, {"result", {{"changed", 12}}}}.dump()));
  }
}

TEST(replies, an_error_is_the_object_it_stands_for) {
  const std::vector<error> errors = {{error_code::bad_json, "expected one JSON object"},
                                     {error_code::rate_limited, ""},
                                     {error_code::invalid_field, "\"text\" must be a string\n<b>é</b>"}};
  for (const auto& id : ids()) {
    for (const auto& err : errors) {
      const json expected{
          {"type", "error"}, {"id", id}, {"seq", 123456789}, {"code", word(err.code)}, {"detail", err.detail}};
      EXPECT_EQ(encode_error(id, 123456789, err), expected.dump());
    }
  }
}

TEST(replies, a_time_reply_is_the_object_it_stands_for) {
  for (const auto& id : ids()) {
    EXPECT_EQ(encode_time(id, 5, 1'780'000'000'123),
              (json{{"type", "time"}, {"id", id}, {"seq", 5}, {"server_time", 1'780'000'000'123}}.dump()));
  }
}

}  // namespace
}  // namespace tribune::protocol
