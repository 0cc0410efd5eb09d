#pragma once
// The wire word of every enumeration, from one table per type: the NLOHMANN_JSON_SERIALIZE_ENUM
// next to the enum's definition. `word()` and `parse_word()` read that table, so a word is written
// once, whether it travels inside JSON or is compared as text.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

namespace tribune::protocol {

namespace detail {

// Every word of E, indexed by value. Enumerations here are numbered 0…N-1 in the order their table
// lists them; nlohmann maps a value outside the table to the table's first word, which is how the
// end is found. Built once, on first use (thread-safe static initialisation).
template <class E>
const std::vector<std::string>& words_of() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < 256; ++i) {
      const nlohmann::json j = static_cast<E>(i);
      if (!j.is_string() || (i > 0 && j.get_ref<const std::string&>() == out.front())) break;
      out.push_back(j.get<std::string>());
    }
    return out;
  }();
  return words;
}

}  // namespace detail

template <class E>
requires std::is_enum_v<E> std::string_view word(E value) {
  const auto& words = detail::words_of<E>();
  const auto i = static_cast<std::size_t>(value);
  return i < words.size() ? std::string_view(words[i]) : std::string_view("unknown");
}

template <class E>
requires std::is_enum_v<E> std::optional<E> parse_word(std::string_view s) {
  const auto& words = detail::words_of<E>();
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace tribune::protocol
