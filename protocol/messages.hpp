#pragma once
// Typed client messages, as decoded from WebSocket frames. Field bounds are checked by decode();
// whether a command is allowed in the current state is the engine's decision.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "protocol/errors.hpp"
#include "protocol/ids.hpp"

namespace tribune::protocol {

struct hello {
  std::string debate;
  std::string token;
  std::optional<seq_t> last_seq;
};

struct ask {
  std::string text;
  bool anonymous = false;
};
struct upvote {
  question_id question = 0;
  bool on = true;
};
struct react {
  reaction_kind kind = reaction_kind::applause;
};
struct approve {
  question_id question = 0;
};
struct dismiss {
  question_id question = 0;
  std::string reason;
};
struct mark_answered {
  question_id question = 0;
};
struct pin {
  question_id question = 0;
  bool pinned = true;
};
struct put_on_air {
  std::optional<question_id> question;  // nullopt clears the stage
};
struct mute {
  participant_id participant = 0;
  bool muted = true;
};
struct ban {
  participant_id participant = 0;
  std::string reason;
};

using client_body =
    std::variant<hello, ask, upvote, react, approve, dismiss, mark_answered, pin, put_on_air, mute, ban>;

// A decoded frame. `id` is the client's request id (string or integer), echoed in the reply;
// it is null when the client sent none or the frame could not be read far enough to find it.
struct request {
  nlohmann::json id;
  client_body body;
};

struct decode_failure {
  nlohmann::json id;
  error err;
};

using decoded = std::variant<request, decode_failure>;

// Parses and validates one frame. Never throws on any input.
decoded decode(std::string_view frame);

}  // namespace tribune::protocol
