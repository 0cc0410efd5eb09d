#pragma once
// What each audience of a room sees. The public view (audience, stage) never names the author of
// an anonymous question, never shows pending text, and follows the room's privacy setting for the
// transparency log; the moderator view shows everything but credentials.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/state.hpp"

namespace tribune::engine {

enum class view : std::uint8_t { public_view, moderator_view };

// The client message for a committed event, in state `after` (the state once the event applied).
// `prev` is the seq of the previous event sent to this view (so a client can tell a gap from an
// event its view does not receive); the three-argument form assumes seq - 1.
std::string encode_event(const state& after, const event& e, view v, seq_t prev);
std::string encode_event(const state& after, const event& e, view v);

// Events whose effect reaches clients only through coalesced `tallies` messages (ballots and
// ratings): one message per ballot to every screen would not scale with the audience.
bool is_silent(const event_body& body) noexcept;

// Current figures of the given polls and arguments, as one `tallies` message for a view.
std::string encode_tallies(const state& s, view v, const std::set<poll_id>& polls,
                           const std::set<argument_id>& arguments);

// One line of the transparency log as a view shows it.
nlohmann::json log_entry_view(const state& s, const log_entry& e, view v);

// The whole state as one `snapshot` message for a viewer. `me` names an audience participant.
std::string encode_snapshot(const state& s, view v, std::optional<participant_id> me);

// The ack `result` of a command whose events are `produced`, in the state after them.
nlohmann::json command_result(const state& after, const std::vector<event_body>& produced);

nlohmann::json debate_json(const debate_info& d);

}  // namespace tribune::engine
