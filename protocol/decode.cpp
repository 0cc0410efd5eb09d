#include "protocol/decode.hpp"

#include <algorithm>

#include "protocol/limits.hpp"
#include "protocol/text.hpp"

namespace tribune::protocol {
namespace {

using json = nlohmann::json;

// nlohmann's own tree builder, refusing to open a container deeper than max_json_depth: one pass
// over the text, where a parse callback would build each value and then be asked about it.
class depth_limited_dom {
 public:
  explicit depth_limited_dom(json& root) : dom_(root, /*allow_exceptions=*/false) {}

  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) { return dom_.number_float(v, s); }
  bool string(json::string_t& v) { return dom_.string(v); }
  bool binary(json::binary_t& v) { return dom_.binary(v); }
  bool key(json::string_t& v) { return dom_.key(v); }
  bool start_object(std::size_t n) { return open() && dom_.start_object(n); }
  bool start_array(std::size_t n) { return open() && dom_.start_array(n); }
  bool end_object() { return close() && dom_.end_object(); }
  bool end_array() { return close() && dom_.end_array(); }
  template <class Exception>
  bool parse_error(std::size_t at, const std::string& token, const Exception& ex) {
    return dom_.parse_error(at, token, ex);
  }

  bool is_errored() const { return dom_.is_errored(); }
  bool too_deep() const { return too_deep_; }

 private:
  bool open() {
    if (++depth_ <= max_json_depth) return true;
    too_deep_ = true;
    return false;
  }
  bool close() {
    --depth_;
    return true;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  int depth_ = 0;
  bool too_deep_ = false;
};

// The command whose wire type is `type`, read from `f`; every alternative of client_body is tried
// in turn, so a command is known to the decoder by being in the variant.
template <std::size_t I = 0>
client_body read_body(std::string_view type, const fields& f) {
  if constexpr (I == std::variant_size_v<client_body>) {
    throw field_error{error{error_code::unknown_command, "unknown message type"}};
  } else {
    using command = std::variant_alternative_t<I, client_body>;
    if (command::type == type) return command::read(f);
    return read_body<I + 1>(type, f);
  }
}

json read_id(const fields& f) {
  const auto* v = f.find("id");
  if (v == nullptr || v->is_null()) return nullptr;
  if (v->is_string() &&
      utf8_length(v->get_ref<const std::string&>()).value_or(max_request_id_chars + 1) <= max_request_id_chars) {
    return *v;
  }
  if (v->is_number_integer()) return *v;
  throw field_error{invalid("id", "must be a string of at most 64 characters or an integer")};
}

bool key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == ':';
}

std::optional<std::string> read_key(const fields& f) {
  if (!f.given("key")) return std::nullopt;
  const auto* v = f.find("key");
  if (v->is_string() && valid_command_key(v->get_ref<const std::string&>())) return v->get<std::string>();
  throw field_error{invalid("key", "must be 1 to 64 characters among letters, digits and - _ . :")};
}

}  // namespace

std::optional<json> parse_object(std::string_view text, error& err) {
  // nlohmann stops at a NUL byte as if the input ended there; JSON text never holds a raw one.
  if (text.find('\0') != std::string_view::npos) {
    err = {error_code::bad_json, "expected one JSON object"};
    return std::nullopt;
  }
  json obj;
  depth_limited_dom builder(obj);
  const bool parsed = json::sax_parse(text, &builder, json::input_format_t::json, /*strict=*/true);
  if (builder.too_deep()) {
    err = {error_code::bad_json, "nested too deeply"};
    return std::nullopt;
  }
  if (!parsed || builder.is_errored() || !obj.is_object()) {
    err = {error_code::bad_json, "expected one JSON object"};
    return std::nullopt;
  }
  return obj;
}

decoded decode(std::string_view frame) {
  if (frame.size() > max_frame_bytes) {
    return decode_failure{nullptr, {error_code::invalid_field, "message too large"}};
  }
  error err{error_code::bad_json, {}};
  const auto obj = parse_object(frame, err);
  if (!obj) return decode_failure{nullptr, err};
  const fields f(*obj);
  json id = nullptr;
  try {
    id = read_id(f);
    const auto* type = f.find("type");
    if (type == nullptr || !type->is_string()) return decode_failure{id, invalid("type", "missing")};
    auto body = read_body(type->get_ref<const std::string&>(), f);
    return request{id, std::move(body), read_key(f)};
  } catch (const field_error& e) {
    return decode_failure{id, e.err};
  } catch (const json::exception&) {
    // Numbers out of range for their field, for example.
    return decode_failure{id, {error_code::invalid_field, "a field has the wrong type"}};
  }
}

bool valid_command_key(std::string_view key) noexcept {
  return !key.empty() && key.size() <= max_command_key_chars && std::all_of(key.begin(), key.end(), key_char);
}

}  // namespace tribune::protocol
