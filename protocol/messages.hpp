#pragma once
// Typed client messages, as decoded from WebSocket frames. Field bounds are checked by decode();
// whether a command is allowed in the current state is the engine's decision.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/errors.hpp"
#include "protocol/ids.hpp"
#include "protocol/terms.hpp"

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

// The stage: run of show, floor and seats.
struct start_show {};
struct advance {};
struct pause {};
struct resume {};
struct end_show {};
struct set_on_stage {
  panelist_id panelist = 0;
  bool on = true;
};
struct grant_floor {
  speaker who;
  std::optional<std::uint32_t> seconds;  // default: the segment's turn length
};
struct extend_floor {
  std::uint32_t seconds = 30;
};
struct end_floor {};
struct raise_hand {
  lane in = lane::new_point;
};
struct lower_hand {};
struct request_seat {};
struct cancel_seat_request {};
struct seat {
  participant_id participant = 0;
};
struct unseat {
  participant_id participant = 0;
};

// Arguments.
struct post_argument {
  std::string text;
  side stance = side::for_motion;
  std::optional<argument_id> parent;
  relation answers = relation::none;
  std::string source;  // empty, or an http(s) URL
};
struct approve_argument {
  argument_id argument = 0;
};
struct dismiss_argument {
  argument_id argument = 0;
  std::string reason;
};
struct feature_argument {
  std::optional<argument_id> argument;  // nullopt clears the stage
};
struct mark_addressed {
  argument_id argument = 0;
};
struct rate_argument {
  argument_id argument = 0;
  rating value = rating::pass;
};

// Polls.
struct create_poll {
  poll_kind kind = poll_kind::single;
  std::string question;
  std::vector<std::string> options;
};
struct create_oxford_poll {
  oxford_phase phase = oxford_phase::before;
};
struct open_poll {
  poll_id poll = 0;
};
struct close_poll {
  poll_id poll = 0;
};
struct reveal_poll {
  poll_id poll = 0;
};
// A ballot: an option index (single), indexes (multiple), 1-5 (scale) or a folded word.
using choice = std::variant<std::uint32_t, std::vector<std::uint32_t>, std::string>;
struct vote {
  poll_id poll = 0;
  choice pick;
  std::optional<argument_id> changed_by;
};
struct time_sync {};

using client_body =
    std::variant<hello, ask, upvote, react, approve, dismiss, mark_answered, pin, put_on_air, mute, ban, start_show,
                 advance, pause, resume, end_show, set_on_stage, grant_floor, extend_floor, end_floor, raise_hand,
                 lower_hand, request_seat, cancel_seat_request, seat, unseat, post_argument, approve_argument,
                 dismiss_argument, feature_argument, mark_addressed, rate_argument, create_poll, create_oxford_poll,
                 open_poll, close_poll, reveal_poll, vote, time_sync>;

// A decoded frame. `id` is the client's request id (string or integer), echoed in the reply;
// it is null when the client sent none or the frame could not be read far enough to find it.
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

// Parses and validates one frame. Never throws on any input.
decoded decode(std::string_view frame);

}  // namespace tribune::protocol
