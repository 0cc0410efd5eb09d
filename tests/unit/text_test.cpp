// User text checks: UTF-8 validity and length in code points, trimming, and the rules of check_text.
#include "protocol/text.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "protocol/testing/expect.hpp"

namespace tribune::protocol {
namespace {

using namespace std::string_literals;

// ---- utf8_length ------------------------------------------------------------------------------

TEST(utf8_length, counts_ascii_bytes_as_one_code_point_each) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("a"), 1u);
  EXPECT_EQ(utf8_length("Who pays for the buses?"), 23u);
}

TEST(utf8_length, counts_two_and_three_byte_sequences_as_one_code_point) {
  EXPECT_EQ(utf8_length("\xC3\xA9"), 1u);                  // é
  EXPECT_EQ(utf8_length("caf\xC3\xA9"), 4u);               // café
  EXPECT_EQ(utf8_length("\xE2\x82\xAC"), 1u);              // €
  EXPECT_EQ(utf8_length("\xE6\x97\xA5\xE6\x9C\xAC"), 2u);  // 日本
  EXPECT_EQ(utf8_length("\xC2\x80"), 1u);                  // U+0080, smallest two-byte
  EXPECT_EQ(utf8_length("\xEF\xBF\xBF"), 1u);              // U+FFFF
}

TEST(utf8_length, counts_four_byte_sequences_as_one_code_point) {
  EXPECT_EQ(utf8_length("\xF0\x9F\x98\x80"), 1u);  // 😀 U+1F600
  EXPECT_EQ(utf8_length("\xF0\x90\x80\x80"), 1u);  // U+10000, smallest four-byte
  EXPECT_EQ(utf8_length("\xF4\x8F\xBF\xBF"), 1u);  // U+10FFFF, the last code point
  EXPECT_EQ(utf8_length("a\xF0\x9F\x98\x80z"), 3u);
}

TEST(utf8_length, rejects_overlong_encodings) {
  EXPECT_FALSE(utf8_length("\xC0\xAF"));  // '/' in two bytes
  EXPECT_FALSE(utf8_length("\xC1\xBF"));
  EXPECT_FALSE(utf8_length("\xC0\x80"));          // "modified UTF-8" NUL
  EXPECT_FALSE(utf8_length("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(utf8_length("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(utf8_length("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(utf8_length("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
}

TEST(utf8_length, rejects_surrogates_and_code_points_past_u10ffff) {
  EXPECT_FALSE(utf8_length("\xED\xA0\x80"));              // U+D800
  EXPECT_FALSE(utf8_length("\xED\xBF\xBF"));              // U+DFFF
  EXPECT_FALSE(utf8_length("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 pair
  EXPECT_EQ(utf8_length("\xED\x9F\xBF"), 1u);             // U+D7FF, just below
  EXPECT_EQ(utf8_length("\xEE\x80\x80"), 1u);             // U+E000, just above
  EXPECT_FALSE(utf8_length("\xF4\x90\x80\x80"));          // U+110000
  EXPECT_FALSE(utf8_length("\xF7\xBF\xBF\xBF"));
}

TEST(utf8_length, rejects_truncated_sequences) {
  EXPECT_FALSE(utf8_length("\xC3"));
  EXPECT_FALSE(utf8_length("abc\xC3"));
  EXPECT_FALSE(utf8_length("\xE2\x82"));
  EXPECT_FALSE(utf8_length("\xF0\x9F\x98"));
  EXPECT_FALSE(utf8_length("\xF0\x9F"));
  // A lead byte followed by something that is not a continuation byte.
  EXPECT_FALSE(
      utf8_length("\xC3"
                  "a"));
  EXPECT_FALSE(
      utf8_length("\xE2\x82"
                  "a"));
  EXPECT_FALSE(
      utf8_length("\xF0\x9F\x98"
                  "a"));
}

TEST(utf8_length, rejects_stray_continuation_and_invalid_lead_bytes) {
  EXPECT_FALSE(utf8_length("\x80"));
  EXPECT_FALSE(utf8_length("a\xBF"));
  EXPECT_FALSE(utf8_length("\xF8\x88\x80\x80\x80"));  // five-byte form
  EXPECT_FALSE(utf8_length("\xFE"));
  EXPECT_FALSE(utf8_length("\xFF"));
}

TEST(utf8_length, counts_an_embedded_nul_as_a_code_point) {
  const auto text = "a\0b"s;
  ASSERT_EQ(text.size(), 3u);
  EXPECT_EQ(utf8_length(text), 3u);
}

// ---- trim ---------------------------------------------------------------------------------------

TEST(trim, removes_ascii_whitespace_at_both_ends_only) {
  EXPECT_EQ(trim("  hello  "), "hello");
  EXPECT_EQ(trim("\t\r\n\f\vhello world\n"), "hello world");
  EXPECT_EQ(trim("a  b"), "a  b");
  EXPECT_EQ(trim("x"), "x");
}

TEST(trim, returns_empty_for_empty_or_all_whitespace_input) {
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \t\n "), "");
}

TEST(trim, leaves_non_ascii_spaces_alone) {
  // U+00A0 NO-BREAK SPACE is not ASCII whitespace.
  EXPECT_EQ(trim("\xC2\xA0x\xC2\xA0"), "\xC2\xA0x\xC2\xA0");
}

// ---- check_text ---------------------------------------------------------------------------------

constexpr text_rule question_rule{"text", 10, false, true};
constexpr text_rule reason_rule{"reason", 10, false, false};
constexpr text_rule name_rule{"name", 10, true, false};

TEST(check_text, accepts_text_within_bounds) {
  EXPECT_FALSE(check_text("hello", question_rule));
  EXPECT_FALSE(check_text("  hello  ", question_rule));
  EXPECT_FALSE(check_text("1234567890", question_rule));
}

TEST(check_text, counts_code_points_not_bytes) {
  std::string ten_accents;
  for (int i = 0; i < 10; ++i) ten_accents += "\xC3\xA9";
  EXPECT_FALSE(check_text(ten_accents, question_rule));
  EXPECT_EQ(check_text(ten_accents + "\xC3\xA9", question_rule)->code, error_code::text_too_long);
}

TEST(check_text, too_long_text_is_text_too_long_naming_the_field) {
  const auto e = check_text("12345678901", question_rule);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, error_code::text_too_long);
  EXPECT_NE(e->detail.find("text"), std::string::npos) << e->detail;
}

TEST(check_text, length_is_measured_after_trimming) {
  const auto refusal = check_text("     1234567890     ", question_rule);
  EXPECT_FALSE(refusal);
}

TEST(check_text, empty_or_blank_text_is_empty_text_unless_allowed) {
  EXPECT_EQ(check_text("", question_rule)->code, error_code::empty_text);
  EXPECT_EQ(check_text(" \n\t ", question_rule)->code, error_code::empty_text);
  EXPECT_EQ(check_text("", reason_rule)->code, error_code::empty_text);
  EXPECT_FALSE(check_text("", name_rule));
  EXPECT_FALSE(check_text("   ", name_rule));
}

TEST(check_text, invalid_utf8_is_invalid_field_naming_the_field) {
  const auto e = check_text("ab\xC3", reason_rule);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, error_code::invalid_field);
  EXPECT_NE(e->detail.find("reason"), std::string::npos) << e->detail;
  EXPECT_EQ(check_text("\xED\xA0\x80", question_rule)->code, error_code::invalid_field);
}

TEST(check_text, newlines_and_tabs_inside_are_allowed_only_when_the_rule_says_so) {
  EXPECT_FALSE(check_text("one\ntwo", question_rule));
  EXPECT_FALSE(check_text("a\tb", question_rule));
  EXPECT_EQ(check_text("one\ntwo", reason_rule)->code, error_code::invalid_field);
  EXPECT_EQ(check_text("a\tb", reason_rule)->code, error_code::invalid_field);
}

TEST(check_text, other_control_characters_are_invalid_field) {
  for (const auto& bad : {"a\0b"s, "a\x01"s, "a\x1B[31m"s, "a\x7F"s, "\x08x"s}) {
    const auto e = check_text(bad, question_rule);
    ASSERT_TRUE(e) << testing::PrintToString(bad);
    EXPECT_EQ(e->code, error_code::invalid_field) << testing::PrintToString(bad);
  }
}

TEST(check_text, control_characters_are_checked_before_length) {
  // A long text with a control character reports the character, the more specific problem.
  EXPECT_EQ(check_text(std::string(50, 'a') + "\x01", question_rule)->code, error_code::invalid_field);
}

}  // namespace
}  // namespace tribune::protocol
