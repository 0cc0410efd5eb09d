#include "protocol/fields.hpp"

#include "protocol/text.hpp"

namespace tribune::protocol {

error invalid(std::string_view field, std::string_view what) {
  return error{error_code::invalid_field, std::string(field) + ": " + std::string(what)};
}

std::string checked_text(std::string_view field, std::string_view raw, text_limits limits) {
  // Four bytes per code point bounds the raw size before the exact count.
  if (raw.size() > limits.max_chars * 4 + 64) {
    throw field_error{error{error_code::text_too_long, std::string(field) + " is longer than " +
                                                           std::to_string(limits.max_chars) + " characters"}};
  }
  if (auto e = check_text(raw, {field, limits.max_chars, limits.allow_empty, limits.multiline})) {
    throw field_error{std::move(*e)};
  }
  return std::string(trim(raw));
}

const nlohmann::json* fields::find(const char* key) const {
  const auto it = obj_.find(key);
  return it == obj_.end() ? nullptr : &*it;
}

bool fields::given(const char* key) const {
  const auto* v = find(key);
  return v != nullptr && !v->is_null();
}

std::string fields::string(const char* key, std::size_t max_bytes) const {
  const auto* v = find(key);
  if (v == nullptr) throw field_error{invalid(key, "missing")};
  if (!v->is_string()) throw field_error{invalid(key, "must be a string")};
  const auto& s = v->get_ref<const std::string&>();
  if (s.size() > max_bytes) throw field_error{invalid(key, "too long")};
  return s;
}

std::string fields::text(const char* key, text_limits limits) const {
  const auto* v = find(key);
  if (v == nullptr) throw field_error{invalid(key, "missing")};
  if (!v->is_string()) throw field_error{invalid(key, "must be a string")};
  return checked_text(key, v->get_ref<const std::string&>(), limits);
}

std::string fields::optional_text(const char* key, text_limits limits) const {
  if (!given(key)) return {};
  limits.allow_empty = true;
  return text(key, limits);
}

bool fields::flag(const char* key, std::optional<bool> fallback) const {
  const auto* v = find(key);
  if (v == nullptr) {
    if (fallback) return *fallback;
    throw field_error{invalid(key, "missing")};
  }
  if (!v->is_boolean()) throw field_error{invalid(key, "must be true or false")};
  return v->get<bool>();
}

std::uint32_t fields::number(const char* key, std::uint32_t low, std::uint32_t high) const {
  const auto* v = find(key);
  if (v == nullptr) throw field_error{invalid(key, "missing")};
  if (!v->is_number_integer()) throw field_error{invalid(key, "must be an integer")};
  const auto n = v->get<std::int64_t>();
  if (n < low || n > high) {
    throw field_error{invalid(key, "must be between " + std::to_string(low) + " and " + std::to_string(high))};
  }
  return static_cast<std::uint32_t>(n);
}

std::uint32_t fields::number(const char* key, std::uint32_t low, std::uint32_t high, std::uint32_t fallback) const {
  if (!given(key)) return fallback;
  return number(key, low, high);
}

}  // namespace tribune::protocol
