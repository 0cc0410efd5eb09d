#pragma once
// What decide() answers: the events a command produces (possibly none: a command that changes
// nothing is still accepted), or a rejection that changes nothing. And the small helpers every
// slice's decisions use.
#include <string>
#include <variant>
#include <vector>

#include "engine/events.hpp"

namespace tribune::engine {

using events = std::vector<event_body>;

struct decision : std::variant<events, rejection> {
  using variant::variant;
};

inline rejection reject(protocol::error_code code, std::string detail) { return rejection{code, std::move(detail)}; }

inline bool is_moderator(const actor& a) {
  return a.role == protocol::role::moderator || a.role == protocol::role::organizer;
}

inline rejection not_moderator() { return reject(protocol::error_code::forbidden, "only moderators may do this"); }

}  // namespace tribune::engine
