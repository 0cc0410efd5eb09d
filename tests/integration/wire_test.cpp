// Malformed WebSocket frames over a raw socket, after a real upgrade: for each, the exact way the
// server ends the connection (close code, or a plain TCP close), and that the server is still
// healthy afterwards. One server serves every case.
#include <gtest/gtest.h>

#include <memory>

#include "harness.hpp"
#include "wire.hpp"

namespace tribune::testing {
namespace {

using namespace wire;

enum class outcome {
  close,     // the server sends a close frame with `code`, then closes TCP
  echo,      // a close the client started: the server answers with `code`
  answered,  // the message is valid: the server answers it and the connection stays open
};

struct wire_case {
  std::string name;
  std::vector<std::string> chunks;  // bytes sent after the upgrade, in order
  outcome expect = outcome::close;
  std::uint16_t code = 0;
  std::chrono::milliseconds within = 2s;  // the close must arrive this soon
  std::chrono::milliseconds not_before = 0ms;
  bool tcp_close_after = true;  // the server also closes TCP once the handshake is done
  std::size_t pongs = 0;        // pongs expected before the answer
  bool answers_first = false;   // a valid message precedes the bad frame and is answered
};

// What gtest prints for a case (`GetParam() = …` in listings and failures) instead of its bytes.
void PrintTo(const wire_case& c, std::ostream* os) {
  *os << c.name << ": " << c.chunks.size() << " chunk(s), then ";
  switch (c.expect) {
    case outcome::close: *os << "close " << c.code; break;
    case outcome::echo: *os << "close echoed with " << c.code; break;
    case outcome::answered: *os << "an answer"; break;
  }
}

std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (const auto c : bytes) {
    const auto b = static_cast<std::uint8_t>(c);
    if (!out.empty()) out += '_';
    out += digits[b >> 4];
    out += digits[b & 0xf];
  }
  return out;
}

std::string time_request(std::string_view extra = {}) {
  return std::string(R"({"type":"time","x":")") + std::string(extra) + R"("})";
}

frame_spec cont(std::string payload, bool fin = true) {
  return {.opcode = op::cont, .payload = std::move(payload), .fin = fin};
}

// ---------------------------------------------------------------------------------------------
// Invalid UTF-8 in text frames: 1007, in one frame, split across fragments, and as soon as a bad
// sequence arrives in an unfinished message.

struct utf8_sample {
  std::string name;
  std::string bytes;
  bool truncated = false;  // only invalid because the message ends inside the sequence
};

const std::vector<utf8_sample>& bad_utf8() {
  static const std::vector<utf8_sample> samples = {
      {"overlong_2_C0_80", "\xC0\x80"},
      {"overlong_2_C0_AF", "\xC0\xAF"},
      {"overlong_2_C1_BF", "\xC1\xBF"},
      {"overlong_3_E0_80_80", "\xE0\x80\x80"},
      {"overlong_3_E0_80_AF", "\xE0\x80\xAF"},
      {"overlong_3_E0_9F_BF", "\xE0\x9F\xBF"},
      {"overlong_4_F0_80_80_80", "\xF0\x80\x80\x80"},
      {"overlong_4_F0_80_80_AF", "\xF0\x80\x80\xAF"},
      {"overlong_4_F0_8F_BF_BF", "\xF0\x8F\xBF\xBF"},
      {"overlong_5_F8_88_80_80_80", "\xF8\x88\x80\x80\x80"},
      {"overlong_6_FC_84_80_80_80_80", "\xFC\x84\x80\x80\x80\x80"},
      {"surrogate_D800", "\xED\xA0\x80"},
      {"surrogate_DB7F", "\xED\xAD\xBF"},
      {"surrogate_DB80", "\xED\xAE\x80"},
      {"surrogate_DBFF", "\xED\xAF\xBF"},
      {"surrogate_DC00", "\xED\xB0\x80"},
      {"surrogate_DF80", "\xED\xBE\x80"},
      {"surrogate_DFFF", "\xED\xBF\xBF"},
      {"surrogate_pair_D800_DC00", "\xED\xA0\x80\xED\xB0\x80"},
      {"surrogate_pair_DBFF_DFFF", "\xED\xAF\xBF\xED\xBF\xBF"},
      {"above_max_F4_90_80_80", "\xF4\x90\x80\x80"},
      {"above_max_F4_BF_BF_BF", "\xF4\xBF\xBF\xBF"},
      {"above_max_F5_80_80_80", "\xF5\x80\x80\x80"},
      {"above_max_F7_BF_BF_BF", "\xF7\xBF\xBF\xBF"},
      {"byte_F8", "\xF8"},
      {"byte_FE", "\xFE"},
      {"byte_FF", "\xFF"},
      {"lone_continuation_80", "\x80"},
      {"lone_continuation_BF", "\xBF"},
      {"continuation_run_80_BF_80", "\x80\xBF\x80"},
      {"bad_second_byte_C3_28", "\xC3\x28"},
      {"bad_second_byte_E2_28_A1", "\xE2\x28\xA1"},
      {"bad_third_byte_E2_82_28", "\xE2\x82\x28"},
      {"bad_fourth_byte_F0_90_80_28", "\xF0\x90\x80\x28"},
      {"lead_then_ascii_E0_41", "\xE0\x41"},
      {"truncated_C2", "\xC2", true},
      {"truncated_E0_A0", "\xE0\xA0", true},
      {"truncated_E2_82", "\xE2\x82", true},
      {"truncated_F0_90", "\xF0\x90", true},
      {"truncated_F0_90_80", "\xF0\x90\x80", true},
      {"truncated_F4_8F_BF", "\xF4\x8F\xBF", true},
  };
  return samples;
}

std::vector<wire_case> utf8_cases() {
  std::vector<wire_case> out;
  for (const auto& s : bad_utf8()) {
    const std::string prefix = R"({"type":"time","x":")";
    const std::string whole = s.truncated ? prefix + s.bytes : time_request(s.bytes);
    out.push_back({.name = "whole_frame_" + s.name, .chunks = {text_frame(whole)}, .code = 1007});

    // Split inside the bad sequence (or just before a one-byte one): the checker must carry its
    // state across fragments.
    const auto cut = prefix.size() + std::max<std::size_t>(1, s.bytes.size() / 2) - (s.bytes.size() == 1 ? 1 : 0);
    out.push_back({.name = "split_fragments_" + s.name,
                   .chunks = {text_frame(whole.substr(0, cut), false), encode(cont(whole.substr(cut)))},
                   .code = 1007});

    // A bad sequence in a message that never ends is refused as soon as it arrives.
    if (!s.truncated) {
      out.push_back({.name = "unfinished_message_" + s.name,
                     .chunks = {text_frame(prefix + s.bytes + "tail", false)},
                     .code = 1007,
                     .within = 1s});
    }
  }
  // Valid sequences at the edges of the ranges, split across fragments: accepted.
  const std::vector<std::pair<std::string, std::string>> good = {
      {"U_00E9", "\xC3\xA9"},           {"U_20AC", "\xE2\x82\xAC"}, {"U_D7FF", "\xED\x9F\xBF"},
      {"U_E000", "\xEE\x80\x80"},       {"U_FFFF", "\xEF\xBF\xBF"}, {"U_1D11E", "\xF0\x9D\x84\x9E"},
      {"U_10FFFF", "\xF4\x8F\xBF\xBF"}, {"U_0080", "\xC2\x80"},
  };
  for (const auto& [name, bytes] : good) {
    const auto whole = time_request(bytes);
    const auto cut = std::string(R"({"type":"time","x":")").size() + 1;
    out.push_back({.name = "valid_split_" + name,
                   .chunks = {text_frame(whole.substr(0, cut), false), encode(cont(whole.substr(cut)))},
                   .expect = outcome::answered});
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Framing errors: 1002.

std::vector<wire_case> framing_cases() {
  std::vector<wire_case> out;
  auto protocol_error = [&out](std::string name, std::vector<std::string> chunks) {
    out.push_back({.name = std::move(name), .chunks = std::move(chunks), .code = 1002});
  };
  for (const int value : {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
    const auto code = static_cast<std::uint8_t>(value);
    const auto name = "reserved_opcode_" + hex(std::string(1, static_cast<char>(code)));
    protocol_error(name + "_empty", {encode({.opcode = code})});
    protocol_error(name + "_with_payload", {encode({.opcode = code, .payload = time_request()})});
  }

  protocol_error("unmasked_text", {encode({.opcode = op::text, .payload = time_request(), .mask = false})});
  protocol_error("unmasked_binary", {encode({.opcode = op::binary, .payload = "x", .mask = false})});
  protocol_error("unmasked_ping", {encode({.opcode = op::ping, .payload = "x", .mask = false})});
  protocol_error("unmasked_close", {encode({.opcode = op::close, .payload = "\x03\xE8", .mask = false})});
  protocol_error("unmasked_continuation_of_masked_start",
                 {text_frame(R"({"type":)", false), encode({.opcode = op::cont, .payload = "1}", .mask = false})});

  for (std::uint8_t rsv = 1; rsv <= 7; ++rsv) {
    std::string bits;
    if (rsv & rsv1) bits += "1";
    if (rsv & rsv2) bits += "2";
    if (rsv & rsv3) bits += "3";
    protocol_error("rsv" + bits + "_on_text", {encode({.opcode = op::text, .payload = time_request(), .rsv = rsv})});
    protocol_error("rsv" + bits + "_on_ping", {encode({.opcode = op::ping, .payload = "p", .rsv = rsv})});
    protocol_error(
        "rsv" + bits + "_on_continuation",
        {text_frame(R"({"type":)", false), encode({.opcode = op::cont, .payload = R"("time"})", .rsv = rsv})});
  }

  protocol_error("ping_126_bytes", {encode({.opcode = op::ping, .payload = std::string(126, 'p')})});
  protocol_error("ping_1000_bytes", {encode({.opcode = op::ping, .payload = std::string(1000, 'p')})});
  protocol_error("pong_126_bytes", {encode({.opcode = op::pong, .payload = std::string(126, 'p')})});
  protocol_error("close_126_bytes",
                 {encode({.opcode = op::close, .payload = std::string("\x03\xE8", 2) + std::string(124, 'r')})});
  protocol_error("ping_64bit_length_field",
                 {encode({.opcode = op::ping, .payload = std::string(10, 'p'), .length_bits = 64})});

  protocol_error("fragmented_ping", {encode({.opcode = op::ping, .payload = "p", .fin = false})});
  protocol_error("fragmented_pong", {encode({.opcode = op::pong, .payload = "p", .fin = false})});
  protocol_error("fragmented_close", {encode({.opcode = op::close, .payload = "\x03\xE8", .fin = false})});
  protocol_error("fragmented_ping_inside_fragmented_text",
                 {text_frame(R"({"type":)", false), encode({.opcode = op::ping, .payload = "p", .fin = false})});

  protocol_error("continuation_without_message", {encode(cont(time_request()))});
  protocol_error("unfinished_continuation_without_message", {encode(cont("x", false))});
  out.push_back({.name = "continuation_after_finished_message",
                 .chunks = {text_frame(time_request()), encode(cont("x"))},
                 .code = 1002,
                 .answers_first = true});

  protocol_error("text_while_text_fragmented", {text_frame(R"({"type":)", false), text_frame(time_request())});
  protocol_error("unfinished_text_while_text_fragmented",
                 {text_frame(R"({"type":)", false), text_frame(R"({"type":)", false)});
  protocol_error("binary_while_text_fragmented",
                 {text_frame(R"({"type":)", false), encode({.opcode = op::binary, .payload = "x"})});
  protocol_error("text_while_binary_fragmented",
                 {encode({.opcode = op::binary, .payload = "x", .fin = false}), text_frame(time_request())});

  protocol_error("length_16bit_not_canonical",
                 {encode({.opcode = op::text, .payload = time_request(), .length_bits = 16})});
  protocol_error("length_64bit_not_canonical",
                 {encode({.opcode = op::text, .payload = time_request(), .length_bits = 64})});
  protocol_error("length_64bit_for_65535_bytes",
                 {encode({.opcode = op::text, .declared = 65535, .length_bits = 64, .with_payload = false})});

  // A ping inside a fragmented message is allowed: answered with a pong, then the message.
  out.push_back({.name = "ping_between_fragments",
                 .chunks = {text_frame(R"({"type":)", false), encode({.opcode = op::ping, .payload = "hi"}),
                            encode(cont(R"("time"})"))},
                 .expect = outcome::answered,
                 .pongs = 1});
  return out;
}

// ---------------------------------------------------------------------------------------------
// Close frames sent by the client: invalid codes and payloads fail with 1002; valid ones are
// echoed.

std::vector<wire_case> close_cases() {
  std::vector<wire_case> out;
  for (const int value : {0, 1, 999, 1004, 1005, 1006, 1014, 1015, 1016, 1100, 2000, 2999}) {
    const auto code = static_cast<std::uint16_t>(value);
    out.push_back({.name = "invalid_close_code_" + std::to_string(code), .chunks = {close_frame(code)}, .code = 1002});
  }
  out.push_back({.name = "close_payload_of_one_byte",
                 .chunks = {encode({.opcode = op::close, .payload = "\x03"})},
                 .code = 1002});
  for (const auto& s : bad_utf8()) {
    if (s.name.rfind("surrogate_D", 0) == 0 && s.name != "surrogate_D800") continue;
    if (s.name.rfind("overlong", 0) == 0 && s.name != "overlong_2_C0_80") continue;
    out.push_back({.name = "close_reason_" + s.name, .chunks = {close_frame(1000, "bye " + s.bytes)}, .code = 1002});
  }
  for (const int value : {1000, 1001, 1003, 1007, 1008, 1011, 3000, 4000, 4999}) {
    const auto code = static_cast<std::uint16_t>(value);
    out.push_back({.name = "valid_close_code_" + std::to_string(code) + "_echoed",
                   .chunks = {close_frame(code, "bye")},
                   .expect = outcome::echo,
                   .code = code});
  }
  out.push_back({.name = "empty_close_answered_with_1000",
                 .chunks = {encode({.opcode = op::close})},
                 .expect = outcome::echo,
                 .code = 1000});
  for (const int value : {5000, 65535}) {
    const auto code = static_cast<std::uint16_t>(value);
    out.push_back({.name = "close_code_" + std::to_string(code) + "_beyond_4999",
                   .chunks = {close_frame(code)},
                   .expect = outcome::echo,
                   .code = code});
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Size: a declared length above 64 KiB gets 1009 from the header alone; nothing waits for the
// payload.

std::vector<wire_case> size_cases() {
  std::vector<wire_case> out;
  auto header_only = [](std::uint64_t declared, std::uint8_t opcode = op::text) {
    return encode({.opcode = opcode, .declared = declared, .with_payload = false});
  };
  for (const auto& [name, declared] : std::vector<std::pair<std::string, std::uint64_t>>{
           {"65537", 65537},
           {"1MiB", 1u << 20},
           {"4GiB", 1ull << 32},
           {"2_pow_62", 1ull << 62},
       }) {
    out.push_back(
        {.name = "declared_" + name + "_header_only", .chunks = {header_only(declared)}, .code = 1009, .within = 1s});
  }
  out.push_back({.name = "declared_length_with_msb_set",
                 .chunks = {header_only(0x8000000000000000ull)},
                 .code = 1009,
                 .within = 1s});
  out.push_back({.name = "declared_length_all_ones", .chunks = {header_only(~0ull)}, .code = 1009, .within = 1s});
  out.push_back({.name = "binary_declared_1MiB_header_only",
                 .chunks = {header_only(1u << 20, op::binary)},
                 .code = 1009,
                 .within = 1s});
  out.push_back({.name = "fragments_summing_above_64KiB",
                 .chunks = {text_frame(std::string(40000, ' '), false),
                            encode({.opcode = op::cont, .fin = true, .declared = 40000, .with_payload = false})},
                 .code = 1009,
                 .within = 1s});

  // Exactly 64 KiB is allowed, whole or in fragments.
  std::string at_cap = time_request();
  at_cap.insert(at_cap.size() - 2, std::string(65536 - at_cap.size(), 'a'));
  out.push_back({.name = "exactly_64KiB_accepted", .chunks = {text_frame(at_cap)}, .expect = outcome::answered});
  out.push_back({.name = "exactly_64KiB_in_fragments_accepted",
                 .chunks = {text_frame(at_cap.substr(0, 30000), false),
                            encode(cont(at_cap.substr(30000, 30000), false)), encode(cont(at_cap.substr(60000)))},
                 .expect = outcome::answered});
  std::string over = at_cap;
  over.insert(over.size() - 2, "a");
  out.push_back({.name = "one_byte_over_64KiB_with_payload", .chunks = {text_frame(over)}, .code = 1009});
  return out;
}

// ---------------------------------------------------------------------------------------------
// Binary frames: the protocol is text only, 1003.

std::vector<wire_case> binary_cases() {
  return {
      {.name = "binary_json", .chunks = {encode({.opcode = op::binary, .payload = time_request()})}, .code = 1003},
      {.name = "binary_empty", .chunks = {encode({.opcode = op::binary})}, .code = 1003},
      {.name = "binary_not_utf8", .chunks = {encode({.opcode = op::binary, .payload = "\xFF\xFE\x00"})}, .code = 1003},
      {.name = "binary_fragmented",
       .chunks = {encode({.opcode = op::binary, .payload = "ab", .fin = false}), encode(cont("cd"))},
       .code = 1003},
      {.name = "binary_after_valid_text",
       .chunks = {text_frame(time_request()), encode({.opcode = op::binary, .payload = "x"})},
       .code = 1003,
       .answers_first = true},
  };
}

// ---------------------------------------------------------------------------------------------
// A frame cut short, then silence: the hello timeout (1 s on this server) closes the connection
// with 1008. The server cannot read the client's answer to its close (the bytes would land in the
// unfinished frame), so it drops the TCP connection later, after its close grace.

std::vector<wire_case> stall_cases() {
  const auto masked_header = encode({.opcode = op::text, .payload = "hello"});
  std::vector<std::pair<std::string, std::string>> prefixes = {
      {"first_byte_only", masked_header.substr(0, 1)},
      {"16bit_length_missing", std::string("\x81\xFE", 2)},
      {"64bit_length_cut", std::string("\x81\xFF\x00\x00\x00", 5)},
      {"mask_key_missing", masked_header.substr(0, 2)},
      {"payload_cut", masked_header.substr(0, 8)},
  };
  std::vector<wire_case> out;
  for (auto& [name, bytes] : prefixes) {
    out.push_back({.name = "truncated_" + name + "_then_silence",
                   .chunks = {bytes},
                   .code = 1008,
                   .within = 3s,
                   .not_before = 900ms,
                   .tcp_close_after = false});
  }
  return out;
}

std::string case_name(const ::testing::TestParamInfo<wire_case>& info) { return info.param.name; }

class malformed : public ::testing::TestWithParam<wire_case> {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<temp_dir>();
    server_ =
        std::make_unique<server_process>(dir_->path() / "tribune.db", std::vector<std::string>{"--hello-timeout", "1"});
    server_->start();
    debate_ = std::make_unique<debate>(create_debate(*server_));
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
    debate_.reset();
  }

  // The server still serves HTTP and a well-behaved WebSocket client.
  static void expect_healthy() {
    ASSERT_TRUE(alive(server_->pid()));
    EXPECT_EQ(http_request(server_->port(), "GET", "/healthz").status, 200);
    ws_client normal(server_->port());
    const auto welcome = normal.hello(debate_->id, debate_->stage_token);
    EXPECT_EQ(welcome.value("type", ""), "welcome") << welcome;
  }

  static std::unique_ptr<temp_dir> dir_;
  static std::unique_ptr<server_process> server_;
  static std::unique_ptr<debate> debate_;
};
std::unique_ptr<temp_dir> malformed::dir_;
std::unique_ptr<server_process> malformed::server_;
std::unique_ptr<debate> malformed::debate_;

TEST_P(malformed, ends_the_connection_exactly_as_expected_and_the_server_stays_healthy) {
  const auto& c = GetParam();
  ASSERT_TRUE(server_ && server_->running());
  raw_ws ws(server_->port());
  ASSERT_TRUE(ws.upgraded()) << ws.status();
  std::size_t first = 0;
  if (c.answers_first) {
    // The valid message is answered before the bad frame is even sent.
    ws.send(c.chunks.at(0));
    const auto answer = ws.next_message(2s);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->value("type", ""), "time") << *answer;
    first = 1;
  }
  for (std::size_t i = first; i < c.chunks.size(); ++i) ws.send(c.chunks[i]);

  if (c.expect == outcome::answered) {
    const auto deadline = clock::now() + 2s;
    std::size_t pongs = 0;
    std::optional<json> answer;
    while (!answer) {
      auto f = ws.next_frame(deadline);
      ASSERT_TRUE(f) << "no answer; " << (ws.socket().eof() ? "closed" : "timed out");
      ASSERT_NE(f->opcode, op::close) << "closed: " << hex(f->payload);
      if (f->opcode == op::pong) {
        EXPECT_EQ(f->payload, "hi");
        ++pongs;
      }
      if (auto text = ws.assemble(*f)) answer = messages(*text).at(0);
    }
    EXPECT_EQ(pongs, c.pongs);
    EXPECT_EQ(answer->value("type", ""), "time") << *answer;
    // Still open: a normal close is answered normally.
    ws.send(close_frame(1000));
    const auto end = ws.read_until_closed(2s);
    EXPECT_EQ(end.kind, ending::how::close_frame) << describe(end);
    EXPECT_EQ(end.code, 1000) << describe(end);
  } else {
    const auto end = ws.read_until_closed(c.within, c.tcp_close_after ? 3s : 0s);
    ASSERT_EQ(end.kind, ending::how::close_frame) << describe(end);
    EXPECT_EQ(end.code, c.code) << describe(end);
    EXPECT_GE(end.elapsed, c.not_before) << describe(end);
    if (c.tcp_close_after) {
      EXPECT_TRUE(end.tcp_closed_after) << describe(end);
    }
    // The refused frame was not processed.
    for (const auto& m : end.messages) EXPECT_NE(m.value("type", ""), "time") << describe(end);
  }
  expect_healthy();
}

INSTANTIATE_TEST_SUITE_P(utf8, malformed, ::testing::ValuesIn(utf8_cases()), case_name);
INSTANTIATE_TEST_SUITE_P(framing, malformed, ::testing::ValuesIn(framing_cases()), case_name);
INSTANTIATE_TEST_SUITE_P(close, malformed, ::testing::ValuesIn(close_cases()), case_name);
INSTANTIATE_TEST_SUITE_P(size, malformed, ::testing::ValuesIn(size_cases()), case_name);
INSTANTIATE_TEST_SUITE_P(binary, malformed, ::testing::ValuesIn(binary_cases()), case_name);
INSTANTIATE_TEST_SUITE_P(stall, malformed, ::testing::ValuesIn(stall_cases()), case_name);

}  // namespace
}  // namespace tribune::testing
