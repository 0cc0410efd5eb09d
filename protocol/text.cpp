#include "protocol/text.hpp"

#include <utf8proc.h>

namespace tribune::protocol {

std::optional<std::size_t> utf8_length(std::string_view s) noexcept {
  std::size_t count = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  auto left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    // Refuses overlong forms, surrogates, truncated sequences and code points past U+10FFFF.
    const auto n = utf8proc_iterate(p, left, &cp);
    if (n <= 0 || cp < 0) return std::nullopt;
    p += n;
    left -= n;
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
