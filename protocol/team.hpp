#pragma once
// The moderators of a debate by name: each moderator link carries a name the organizer chose, so
// moderators see who did what. Names reach moderators only, unless the organizer names them in
// public too (then the public log and events say who acted).
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "protocol/ids.hpp"

namespace tribune::protocol {

namespace wire {
// One moderator link, as moderators see the team ("o1" is the debate's first link).
struct moderator {
  moderator_id id = 0;
  std::string name;  // empty: not named yet
};
// The moderators' snapshot part: the team, and whether the public sees who acted.
struct team {
  std::vector<moderator> moderators;
  bool names_public = false;
};
void to_json(nlohmann::json& j, const moderator& v);
void to_json(nlohmann::json& j, const team& v);
}  // namespace wire

namespace data {
// moderator_added, moderator_renamed, moderator_removed: to moderators only.
struct moderator_changed {
  wire::moderator moderator;
  bool removed = false;
};
// moderator_names_shown: to moderators only.
struct moderator_names {
  bool names_public = false;
};
void to_json(nlohmann::json& j, const moderator_changed& v);
void to_json(nlohmann::json& j, const moderator_names& v);
}  // namespace data

}  // namespace tribune::protocol
