#pragma once
// What every slice of the engine shares: who acts and when (actor, context), capabilities, the
// debate's identity, the type lists the slices register their commands and events in, and the
// forward declarations that let a slice's header name the whole state without including it.
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>

#include <nlohmann/json.hpp>

#include "protocol/commands.hpp"
#include "protocol/errors.hpp"
#include "protocol/ids.hpp"
#include "protocol/terms.hpp"

namespace tribune::engine {

using protocol::argument_id;
using protocol::panelist_id;
using protocol::participant_id;
using protocol::poll_id;
using protocol::prediction_id;
using protocol::question_id;
using protocol::quiz_question_id;
using protocol::segment_id;
using protocol::seq_t;
using protocol::speaker;
using rejection = protocol::error;

// Who sends a command. The server proves it (tokens); the engine decides what that role may do.
struct actor {
  protocol::role role = protocol::role::audience;
  participant_id participant = 0;        // set for the audience role only
  panelist_id panelist = 0;              // set for the panelist role only
  protocol::moderator_id moderator = 0;  // set for the moderator role only: which link (team/)
};

// A command's circumstances: who, and when (milliseconds since the epoch, from the room's clock).
// The engine reads no clock: the same state, context and command always decide the same way.
struct context {
  actor who;
  std::int64_t now = 0;
};

// A capability: `selector` finds the credential, `verifier_hash` (hex of a keyed hash of the secret
// half) proves it. Only the hash is ever stored; the secret lives with whoever holds the link.
struct credential {
  std::string selector;
  std::string verifier_hash;
};

struct debate_info {
  std::string id;
  std::string code;
  std::string title;
  std::string motion;
  std::string description;
  std::int64_t created_at = 0;
};

// The two views of a room: the public one (audience, stage, panelists) and the moderators'.
enum class view : std::uint8_t { public_view, moderator_view };

template <class... T>
struct type_list {};

template <class... L>
struct concat;
template <class... T>
struct concat<type_list<T...>> {
  using type = type_list<T...>;
};
template <class... A, class... B, class... Rest>
struct concat<type_list<A...>, type_list<B...>, Rest...> {
  using type = typename concat<type_list<A..., B...>, Rest...>::type;
};

template <class L>
struct variant_of;
template <class... T>
struct variant_of<type_list<T...>> {
  using type = std::variant<T...>;
};

// A personal text an event names (a name given on joining, a contact). In memory it travels with
// its text; its storage form is the ref alone (unique in its stream), the text being kept beside
// the log (contact_row, ADR 0010), so that erasing it leaves the log whole. Read back from the log
// it has an empty text until the rows restore it.
struct kept_text {
  std::uint32_t ref = 0;
  std::string text;
};
inline void to_json(nlohmann::json& j, const kept_text& c) { j = c.ref; }
inline void from_json(const nlohmann::json& j, kept_text& c) {
  c.ref = j.get<std::uint32_t>();
  c.text.clear();
}

// A text kept beside the log, by the ref its event names.
struct contact_row {
  std::uint32_t ref = 0;
  std::string text;
};

// Defined once every slice's events are known (state.hpp, events.hpp, decision.hpp).
struct state;
struct event;
struct decision;

// Storage form of what events hold.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(credential, selector, verifier_hash)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(debate_info, id, code, title, motion, description, created_at)

namespace ev {
// Events without fields are stored as an empty object.
template <class T>
requires std::is_empty_v<T>
void to_json(nlohmann::json& j, const T&) { j = nlohmann::json::object(); }
template <class T>
requires std::is_empty_v<T>
void from_json(const nlohmann::json&, T&) {}
}  // namespace ev

}  // namespace tribune::engine

namespace nlohmann {
// Storage form of the protocol values events hold: a speaker as its id, a ballot as the value the
// voter sent, an optional as the value or null.
template <>
struct adl_serializer<tribune::protocol::speaker> {
  static void to_json(json& j, const tribune::protocol::speaker& s) { j = tribune::protocol::format_speaker(s); }
  static void from_json(const json& j, tribune::protocol::speaker& s) {
    const auto parsed = tribune::protocol::parse_speaker(j.get<std::string>());
    if (!parsed) throw std::runtime_error("bad speaker id");
    s = *parsed;
  }
};
template <>
struct adl_serializer<tribune::protocol::choice> {
  static void to_json(json& j, const tribune::protocol::choice& c) {
    std::visit([&j](const auto& v) { j = v; }, c);
  }
  static void from_json(const json& j, tribune::protocol::choice& c) {
    if (j.is_number_integer()) {
      c = j.get<std::uint32_t>();
    } else if (j.is_array()) {
      c = j.get<std::vector<std::uint32_t>>();
    } else {
      c = j.get<std::string>();
    }
  }
};
template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& v) {
    if (v) {
      j = *v;
    } else {
      j = nullptr;
    }
  }
  static void from_json(const json& j, std::optional<T>& v) {
    if (j.is_null()) {
      v.reset();
    } else {
      v = j.get<T>();
    }
  }
};
}  // namespace nlohmann
