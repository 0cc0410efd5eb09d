#include <algorithm>
#include <limits>

#include "protocol/limits.hpp"
#include "protocol/messages.hpp"
#include "protocol/terms.hpp"
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

std::uint32_t get_uint(const json& obj, const char* key, std::uint32_t low, std::uint32_t high) {
  const auto* v = find(obj, key);
  if (v == nullptr) throw field_error{invalid(key, "missing")};
  if (!v->is_number_integer()) throw field_error{invalid(key, "must be an integer")};
  const auto n = v->get<std::int64_t>();
  if (n < low || n > high) {
    throw field_error{invalid(key, "must be between " + std::to_string(low) + " and " + std::to_string(high))};
  }
  return static_cast<std::uint32_t>(n);
}

template <class T, class Parse>
T get_id(const json& obj, const char* key, Parse parse) {
  const auto s = get_string(obj, key, 16);
  const auto id = parse(s);
  if (!id) throw field_error{invalid(key, "not a valid id")};
  return *id;
}

template <class T, class Parse>
std::optional<T> get_optional_id(const json& obj, const char* key, Parse parse) {
  const auto* v = find(obj, key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  return get_id<T>(obj, key, parse);
}

template <class E, class Parse>
E get_word(const json& obj, const char* key, Parse parse, std::optional<E> fallback = std::nullopt) {
  const auto* v = find(obj, key);
  if (v == nullptr && fallback) return *fallback;
  const auto value = parse(get_string(obj, key, 32));
  if (!value) throw field_error{invalid(key, "not one of the allowed words")};
  return *value;
}

bool is_web_url(std::string_view s) {
  if (!(s.starts_with("https://") || s.starts_with("http://"))) return false;
  const auto rest = s.substr(s.find("//") + 2);
  if (rest.empty() || rest.front() == '/') return false;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\') return false;
  }
  return true;
}

choice get_choice(const json& obj) {
  const auto* v = find(obj, "choice");
  if (v == nullptr) throw field_error{invalid("choice", "missing")};
  if (v->is_number_integer()) {
    const auto n = v->get<std::int64_t>();
    if (n < 0 || n > 1000) throw field_error{invalid("choice", "out of range")};
    return static_cast<std::uint32_t>(n);
  }
  if (v->is_array()) {
    if (v->empty() || v->size() > max_poll_options) throw field_error{invalid("choice", "pick 1 to 10 options")};
    std::vector<std::uint32_t> picks;
    for (const auto& item : *v) {
      if (!item.is_number_integer() || item.get<std::int64_t>() < 0 || item.get<std::int64_t>() > 1000) {
        throw field_error{invalid("choice", "options are integers")};
      }
      picks.push_back(static_cast<std::uint32_t>(item.get<std::int64_t>()));
    }
    return picks;
  }
  if (v->is_string()) {
    const auto word = get_text(obj, "choice", max_word_chars, false);
    auto folded = fold_word(word);
    if (folded.empty()) throw field_error{error{error_code::empty_text, "choice is empty"}};
    return folded;
  }
  throw field_error{invalid("choice", "an option index, a list of them, or a word")};
}

client_body decode_stage(std::string_view type, const json& obj) {
  if (type == "start_show") return start_show{};
  if (type == "advance") return advance{};
  if (type == "pause") return pause{};
  if (type == "resume") return resume{};
  if (type == "end_show") return end_show{};
  if (type == "set_on_stage") {
    return set_on_stage{get_id<panelist_id>(obj, "panelist", parse_panelist), get_bool(obj, "on", std::nullopt)};
  }
  if (type == "grant_floor") {
    grant_floor g{get_id<speaker>(obj, "speaker", parse_speaker), std::nullopt};
    if (const auto* v = find(obj, "seconds"); v != nullptr && !v->is_null()) {
      g.seconds = get_uint(obj, "seconds", 1, max_floor_seconds);
    }
    return g;
  }
  if (type == "extend_floor") return extend_floor{get_uint(obj, "seconds", 1, max_extend_seconds)};
  if (type == "end_floor") return end_floor{};
  if (type == "raise_hand") return raise_hand{get_word<lane>(obj, "lane", parse_lane, lane::new_point)};
  if (type == "lower_hand") return lower_hand{};
  if (type == "request_seat") return request_seat{};
  if (type == "cancel_seat_request") return cancel_seat_request{};
  if (type == "seat") return seat{get_participant(obj)};
  if (type == "unseat") return unseat{get_participant(obj)};
  throw field_error{error{error_code::unknown_command, "unknown message type"}};
}

client_body decode_arguments_and_polls(std::string_view type, const json& obj) {
  if (type == "post_argument") {
    post_argument a;
    a.text = get_text(obj, "text", max_argument_chars, true);
    a.stance = get_word<side>(obj, "stance", parse_side);
    if (a.stance == side::none) throw field_error{invalid("stance", "must be for or against")};
    a.parent = get_optional_id<argument_id>(obj, "parent", parse_argument);
    if (a.parent) {
      a.answers = get_word<relation>(obj, "relation", parse_relation);
      if (a.answers == relation::none) throw field_error{invalid("relation", "supports, opposes or rebuts")};
    }
    if (const auto* v = find(obj, "source");
        v != nullptr && !v->is_null() && !(v->is_string() && v->get_ref<const std::string&>().empty())) {
      a.source = get_string(obj, "source", max_source_chars);
      if (!is_web_url(a.source)) throw field_error{invalid("source", "must be an http or https link")};
    }
    return a;
  }
  if (type == "approve_argument") return approve_argument{get_id<argument_id>(obj, "argument", parse_argument)};
  if (type == "dismiss_argument") {
    return dismiss_argument{get_id<argument_id>(obj, "argument", parse_argument),
                            get_text(obj, "reason", max_reason_chars, false)};
  }
  if (type == "feature_argument") {
    if (find(obj, "argument") == nullptr) throw field_error{invalid("argument", "missing (null clears the stage)")};
    return feature_argument{get_optional_id<argument_id>(obj, "argument", parse_argument)};
  }
  if (type == "mark_addressed") return mark_addressed{get_id<argument_id>(obj, "argument", parse_argument)};
  if (type == "rate_argument") {
    return rate_argument{get_id<argument_id>(obj, "argument", parse_argument),
                         get_word<rating>(obj, "rating", parse_rating)};
  }
  if (type == "create_poll") {
    create_poll p;
    p.kind = get_word<poll_kind>(obj, "kind", parse_poll_kind);
    p.question = get_text(obj, "question", max_poll_question_chars, false);
    if (p.kind == poll_kind::single || p.kind == poll_kind::multiple) {
      const auto* v = find(obj, "options");
      if (v == nullptr || !v->is_array()) throw field_error{invalid("options", "a list of 2 to 10 options")};
      if (v->size() < min_poll_options || v->size() > max_poll_options) {
        throw field_error{invalid("options", "a list of 2 to 10 options")};
      }
      for (const auto& option : *v) {
        const json wrapper{{"option", option}};
        p.options.push_back(get_text(wrapper, "option", max_option_chars, false));
      }
    }
    return p;
  }
  if (type == "create_oxford_poll") {
    const auto phase = get_word<oxford_phase>(obj, "phase", parse_oxford_phase);
    if (phase == oxford_phase::none) throw field_error{invalid("phase", "before or after")};
    return create_oxford_poll{phase};
  }
  if (type == "open_poll") return open_poll{get_id<poll_id>(obj, "poll", parse_poll)};
  if (type == "close_poll") return close_poll{get_id<poll_id>(obj, "poll", parse_poll)};
  if (type == "reveal_poll") return reveal_poll{get_id<poll_id>(obj, "poll", parse_poll)};
  if (type == "vote") {
    return vote{get_id<poll_id>(obj, "poll", parse_poll), get_choice(obj),
                get_optional_id<argument_id>(obj, "changed_by", parse_argument)};
  }
  if (type == "time") return time_sync{};
  return decode_stage(type, obj);
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
  return decode_arguments_and_polls(type, obj);
}

json read_id(const json& obj) {
  const auto* v = find(obj, "id");
  if (v == nullptr || v->is_null()) return nullptr;
  if (v->is_string() &&
      utf8_length(v->get_ref<const std::string&>()).value_or(max_request_id_chars + 1) <= max_request_id_chars) {
    return *v;
  }
  if (v->is_number_integer()) return *v;
  throw field_error{invalid("id", "must be a string of at most 64 characters or an integer")};
}

std::optional<std::string> read_key(const json& obj) {
  const auto* v = find(obj, "key");
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    const bool ok = !s.empty() && s.size() <= max_command_key_chars && std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
             c == '.' || c == ':';
    });
    if (ok) return s;
  }
  throw field_error{invalid("key", "must be 1 to 64 characters among letters, digits and - _ . :")};
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
    auto body = decode_body(type->get_ref<const std::string&>(), obj);
    return request{id, std::move(body), read_key(obj)};
  } catch (const field_error& e) {
    return decode_failure{id, e.err};
  } catch (const json::exception& e) {
    // Numbers out of range for their field, for example.
    return decode_failure{id, {error_code::invalid_field, "a field has the wrong type"}};
  }
}

}  // namespace tribune::protocol
