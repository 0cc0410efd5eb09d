#pragma once
// Decoding of one WebSocket frame into a typed command, with every bound checked. Never throws.
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "protocol/commands.hpp"
#include "protocol/errors.hpp"

namespace tribune::protocol {

// A decoded frame. `id` is the client's request id (string or integer), echoed in the reply; it is
// null when the client sent none or the frame could not be read far enough to find it.
struct request {
  nlohmann::json id;
  client_body body;
  // Optional idempotency key: a command retried with the same key by the same sender is
  // acknowledged again but applied once.
  std::optional<std::string> key;
};

struct decode_failure {
  nlohmann::json id;
  error err;
};

using decoded = std::variant<request, decode_failure>;

decoded decode(std::string_view frame);

// An idempotency key as a client may choose it: 1 to 64 characters among letters, digits and - _ . :
// (a command's "key", or the Idempotency-Key header of a channel call).
bool valid_command_key(std::string_view key) noexcept;

// Parses one JSON object from untrusted text: the whole text must be that object (nothing after
// it, no NUL byte) and it may not nest deeper than max_json_depth. Never throws.
std::optional<nlohmann::json> parse_object(std::string_view text, error& err);

}  // namespace tribune::protocol
