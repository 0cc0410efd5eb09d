#include "protocol/text.hpp"

#include <cstdint>

namespace tribune::protocol {

std::optional<std::size_t> utf8_length(std::string_view s) noexcept {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<std::uint8_t>(s[i]);
    std::size_t extra = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07u;
    } else {
      return std::nullopt;
    }
    if (i + extra >= s.size() && extra > 0) return std::nullopt;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<std::uint8_t>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    // Overlong forms, surrogates and out-of-range code points are invalid.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return std::nullopt;
    }
    i += extra + 1;
    ++count;
  }
  return count;
}

std::string_view trim(std::string_view s) noexcept {
  constexpr std::string_view space = " \t\r\n\f\v";
  const auto first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(space);
  return s.substr(first, last - first + 1);
}

std::optional<error> check_text(std::string_view s, const text_rule& rule) {
  const auto t = trim(s);
  const auto length = utf8_length(t);
  if (!length) return error{error_code::invalid_field, std::string(rule.field) + ": not valid UTF-8"};
  for (const char ch : t) {
    const auto c = static_cast<unsigned char>(ch);
    const bool newline = c == '\n' || c == '\t' || c == '\r';
    if ((c < 0x20 && !(rule.allow_newlines && newline)) || c == 0x7F) {
      return error{error_code::invalid_field, std::string(rule.field) + ": control characters"};
    }
  }
  if (*length == 0 && !rule.allow_empty) {
    return error{error_code::empty_text, std::string(rule.field) + " is empty"};
  }
  if (*length > rule.max_chars) {
    return error{error_code::text_too_long,
                 std::string(rule.field) + " is longer than " + std::to_string(rule.max_chars) + " characters"};
  }
  return std::nullopt;
}

}  // namespace tribune::protocol
