#pragma once
// Reading a REST request body: one JSON object (an empty body is `{}`), read by a function that
// throws `field_error` for a field that does not fit. Every decoder of a request goes through here,
// so a body is refused the same way whichever route it came to.
#include <string_view>
#include <type_traits>
#include <variant>

#include <nlohmann/json.hpp>

#include "protocol/decode.hpp"
#include "protocol/errors.hpp"
#include "protocol/fields.hpp"

namespace tribune::protocol {

// `read` takes either the body's `fields` or the JSON object itself.
template <class T, class Read>
std::variant<T, error> read_body(std::string_view body, Read read) {
  nlohmann::json obj = nlohmann::json::object();
  if (!body.empty()) {
    error err{error_code::bad_json, {}};
    auto parsed = parse_object(body, err);
    if (!parsed) return error{error_code::bad_json, "the body must be one JSON object"};
    obj = std::move(*parsed);
  }
  try {
    if constexpr (std::is_invocable_v<Read, const fields&>) {
      return read(fields(obj));
    } else {
      return read(static_cast<const nlohmann::json&>(obj));
    }
  } catch (const field_error& e) {
    return e.err;
  } catch (const nlohmann::json::exception&) {
    return error{error_code::invalid_field, "a field has the wrong type"};
  }
}

}  // namespace tribune::protocol
