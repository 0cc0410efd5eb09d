#pragma once
// Typed reading of one JSON object's fields, for every message that arrives (WebSocket commands
// and REST bodies alike), with the protocol's bounds. A field that does not fit throws
// `field_error`; the decoders turn it into an `error` naming the field.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "protocol/errors.hpp"
#include "protocol/ids.hpp"
#include "protocol/limits.hpp"
#include "protocol/words.hpp"

namespace tribune::protocol {

struct field_error {
  error err;
};

error invalid(std::string_view field, std::string_view what);

// Rules of a user text field: length in code points after trimming; empty allowed or not; line
// breaks and tabs allowed or not.
struct text_limits {
  std::size_t max_chars;
  bool allow_empty = false;
  bool multiline = false;
};

class fields {
 public:
  explicit fields(const nlohmann::json& object) : obj_(object) {}

  const nlohmann::json* find(const char* key) const;
  bool has(const char* key) const { return find(key) != nullptr; }
  // Present and not null.
  bool given(const char* key) const;

  std::string string(const char* key, std::size_t max_bytes) const;
  std::string text(const char* key, text_limits limits) const;
  // Absent or null: empty text.
  std::string optional_text(const char* key, text_limits limits) const;
  bool flag(const char* key, std::optional<bool> fallback = std::nullopt) const;
  std::uint32_t number(const char* key, std::uint32_t low, std::uint32_t high) const;
  std::uint32_t number(const char* key, std::uint32_t low, std::uint32_t high, std::uint32_t fallback) const;

  template <class T, class Parse>
  T id(const char* key, Parse parse) const {
    const auto value = parse(string(key, max_id_chars));
    if (!value) throw field_error{invalid(key, "not a valid id")};
    return *value;
  }
  // Absent or null: nullopt.
  template <class T, class Parse>
  std::optional<T> optional_id(const char* key, Parse parse) const {
    if (!given(key)) return std::nullopt;
    return id<T>(key, parse);
  }
  template <class E>
  E word(const char* key, std::optional<E> fallback = std::nullopt) const {
    if (!has(key) && fallback) return *fallback;
    const auto value = parse_word<E>(string(key, max_word_bytes));
    if (!value) throw field_error{invalid(key, "not one of the allowed words")};
    return *value;
  }

 private:
  const nlohmann::json& obj_;
};

// Checks a user text under `limits`; returns it trimmed.
std::string checked_text(std::string_view field, std::string_view raw, text_limits limits);

}  // namespace tribune::protocol
