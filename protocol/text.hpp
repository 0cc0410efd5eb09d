#pragma once
// Checks on user text: valid UTF-8, length in code points, no control characters except line
// breaks (\n, \r\n) and tabs where a field allows them.
// User text is stored and sent as given (after trimming); pages always render it as text.
#include <optional>
#include <string>
#include <string_view>

#include "protocol/errors.hpp"

namespace tribune::protocol {

// Number of code points, or nullopt when `s` is not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view s) noexcept;

// Trims ASCII whitespace at both ends.
std::string_view trim(std::string_view s) noexcept;

// Validates a user-supplied text field: trimmed, 1..max code points (or 0..max when optional),
// valid UTF-8, no control characters other than \n and \t. Returns the trimmed text or an error
// naming the field.
struct text_rule {
  std::string_view field;
  std::size_t max_chars;
  bool allow_empty = false;
  bool allow_newlines = false;
};
std::optional<error> check_text(std::string_view s, const text_rule& rule);

}  // namespace tribune::protocol
