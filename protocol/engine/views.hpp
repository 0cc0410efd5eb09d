#pragma once
// What each audience of a room sees. The public view (audience, stage) never names the author of
// an anonymous question, never shows pending text, and follows the room's privacy setting for the
// transparency log; the moderator view shows everything but credentials.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/engine/state.hpp"

namespace tribune::engine {

enum class view : std::uint8_t { public_view, moderator_view };

// The client message for a committed event, in state `after` (the state once the event applied).
std::string encode_event(const state& after, const event& e, view v);

// The whole state as one `snapshot` message for a viewer. `me` names an audience participant.
std::string encode_snapshot(const state& s, view v, std::optional<participant_id> me);

// The ack `result` of a command whose events are `produced`, in the state after them.
nlohmann::json command_result(const state& after, const std::vector<event_body>& produced);

nlohmann::json debate_json(const debate_info& d);

}  // namespace tribune::engine
