#include <limits>

#include "protocol/limits.hpp"
#include "protocol/messages.hpp"
#include "protocol/text.hpp"

namespace tribune::protocol {
namespace {

using json = nlohmann::json;

constexpr int max_json_depth = 16;

// Rejects deeply nested input before the parser sees it: no legitimate message nests more than
// three levels, and a bound keeps any later recursive walk over the value cheap.
bool nesting_within(std::string_view s, int limit) noexcept {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : s) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

struct field_error {
  error err;
};

error invalid(std::string_view field, std::string_view what) {
  return error{error_code::invalid_field, std::string(field) + ": " + std::string(what)};
}

const json* find(const json& obj, const char* key) {
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::string get_string(const json& obj, const char* key, std::size_t max_bytes) {
  const auto* v = find(obj, key);
  if (v == nullptr) throw field_error{invalid(key, "missing")};
  if (!v->is_string()) throw field_error{invalid(key, "must be a string")};
  const auto& s = v->get_ref<const std::string&>();
  if (s.size() > max_bytes) throw field_error{invalid(key, "too long")};
  return s;
}

std::string get_text(const json& obj, const char* key, std::size_t max_chars, bool allow_newlines) {
  // Four bytes per code point bounds the raw size before the exact count below.
  const auto* v = find(obj, key);
  if (v != nullptr && v->is_string() && v->get_ref<const std::string&>().size() > max_chars * 4 + 64) {
    throw field_error{error{error_code::text_too_long,
                            std::string(key) + " is longer than " + std::to_string(max_chars) + " characters"}};
  }
  const auto raw = get_string(obj, key, max_chars * 4 + 64);
  if (const auto e = check_text(raw, {key, max_chars, false, allow_newlines})) throw field_error{*e};
  return std::string(trim(raw));
}

bool get_bool(const json& obj, const char* key, std::optional<bool> fallback) {
  const auto* v = find(obj, key);
  if (v == nullptr) {
    if (fallback) return *fallback;
    throw field_error{invalid(key, "missing")};
  }
  if (!v->is_boolean()) throw field_error{invalid(key, "must be true or false")};
  return v->get<bool>();
}

question_id get_question(const json& obj, const char* key = "question") {
  const auto s = get_string(obj, key, 16);
  const auto id = parse_question(s);
  if (!id) throw field_error{invalid(key, "not a question id")};
  return *id;
}

participant_id get_participant(const json& obj) {
  const auto s = get_string(obj, "participant", 16);
  const auto id = parse_participant(s);
  if (!id) throw field_error{invalid("participant", "not a participant id")};
  return *id;
}

client_body decode_body(std::string_view type, const json& obj) {
  if (type == "hello") {
    hello h;
    h.debate = get_string(obj, "debate", max_debate_id_chars);
    h.token = get_string(obj, "token", max_token_chars);
    if (const auto* v = find(obj, "last_seq"); v != nullptr && !v->is_null()) {
      if (!v->is_number_unsigned() && !(v->is_number_integer() && v->get<std::int64_t>() >= 0)) {
        throw field_error{invalid("last_seq", "must be a non-negative integer")};
      }
      h.last_seq = v->get<seq_t>();
    }
    return h;
  }
  if (type == "ask") {
    return ask{get_text(obj, "text", max_question_chars, true), get_bool(obj, "anonymous", false)};
  }
  if (type == "upvote") return upvote{get_question(obj), get_bool(obj, "on", std::nullopt)};
  if (type == "react") {
    const auto kind = parse_reaction(get_string(obj, "kind", 16));
    if (!kind) throw field_error{invalid("kind", "not a reaction")};
    return react{*kind};
  }
  if (type == "approve") return approve{get_question(obj)};
  if (type == "dismiss") return dismiss{get_question(obj), get_text(obj, "reason", max_reason_chars, false)};
  if (type == "mark_answered") return mark_answered{get_question(obj)};
  if (type == "pin") return pin{get_question(obj), get_bool(obj, "pinned", std::nullopt)};
  if (type == "put_on_air") {
    const auto* v = find(obj, "question");
    if (v == nullptr) throw field_error{invalid("question", "missing (null clears the stage)")};
    if (v->is_null()) return put_on_air{std::nullopt};
    return put_on_air{get_question(obj)};
  }
  if (type == "mute") return mute{get_participant(obj), get_bool(obj, "muted", std::nullopt)};
  if (type == "ban") return ban{get_participant(obj), get_text(obj, "reason", max_reason_chars, false)};
  throw field_error{error{error_code::unknown_command, "unknown message type"}};
}

json read_id(const json& obj) {
  const auto* v = find(obj, "id");
  if (v == nullptr || v->is_null()) return nullptr;
  if (v->is_string() && utf8_length(v->get_ref<const std::string&>()).value_or(max_request_id_chars + 1) <=
                            max_request_id_chars) {
    return *v;
  }
  if (v->is_number_integer()) return *v;
  throw field_error{invalid("id", "must be a string of at most 64 characters or an integer")};
}

}  // namespace

decoded decode(std::string_view frame) {
  if (frame.size() > max_frame_bytes) {
    return decode_failure{nullptr, {error_code::invalid_field, "message too large"}};
  }
  if (!nesting_within(frame, max_json_depth)) {
    return decode_failure{nullptr, {error_code::bad_json, "nested too deeply"}};
  }
  const auto obj = json::parse(frame, nullptr, /*allow_exceptions=*/false);
  if (obj.is_discarded() || !obj.is_object()) {
    return decode_failure{nullptr, {error_code::bad_json, "expected one JSON object"}};
  }
  json id = nullptr;
  try {
    id = read_id(obj);
    const auto* type = find(obj, "type");
    if (type == nullptr || !type->is_string()) {
      return decode_failure{id, invalid("type", "missing")};
    }
    return request{id, decode_body(type->get_ref<const std::string&>(), obj)};
  } catch (const field_error& e) {
    return decode_failure{id, e.err};
  } catch (const json::exception& e) {
    // Numbers out of range for their field, for example.
    return decode_failure{id, {error_code::invalid_field, "a field has the wrong type"}};
  }
}

}  // namespace tribune::protocol
