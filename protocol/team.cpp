#include "protocol/team.hpp"

#include <nlohmann/json.hpp>

namespace tribune::protocol {

namespace wire {

void to_json(nlohmann::json& j, const moderator& v) {
  j = nlohmann::json{{"id", format_moderator(v.id)}, {"name", v.name}};
}

void to_json(nlohmann::json& j, const team& v) {
  j = nlohmann::json{{"moderators", v.moderators}, {"names_public", v.names_public}};
}

}  // namespace wire

namespace data {

void to_json(nlohmann::json& j, const moderator_changed& v) {
  j = nlohmann::json{{"moderator", v.moderator}, {"removed", v.removed}};
}

void to_json(nlohmann::json& j, const moderator_names& v) { j = nlohmann::json{{"names_public", v.names_public}}; }

}  // namespace data

}  // namespace tribune::protocol
