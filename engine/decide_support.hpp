#pragma once
// Small helpers shared by the engine's decision files; internal to the engine.
#include <string>
#include <vector>

#include "engine/decide.hpp"

namespace tribune::engine::support {

using events = std::vector<event_body>;

inline rejection reject(protocol::error_code code, std::string detail) { return rejection{code, std::move(detail)}; }

inline bool is_moderator(const actor& a) {
  return a.role == protocol::role::moderator || a.role == protocol::role::organizer;
}

inline rejection not_moderator() { return reject(protocol::error_code::forbidden, "only moderators may do this"); }

}  // namespace tribune::engine::support
