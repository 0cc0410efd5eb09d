#pragma once
// Views of the structured debate: run of show, stage, arguments, polls and the Oxford result.
// views.cpp dispatches here; callers use views.hpp.
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "engine/state.hpp"
#include "engine/views.hpp"

namespace tribune::engine::structured {

// `data` of a structured-debate event, or nullopt when `body` is not one.
std::optional<nlohmann::json> event_data(const state& after, const event_body& body, view v);

// Adds the run of show, stage, arguments and polls to a snapshot's state object.
void add_to_snapshot(nlohmann::json& st, const state& s, view v, std::optional<participant_id> me);

nlohmann::json argument_json(const state& s, const argument& a, view v);
nlohmann::json argument_figures(const argument& a);
nlohmann::json poll_json(const state& s, const poll& p, view v);
nlohmann::json poll_tally(const poll& p);
// The Oxford result once both votes exist and the after vote is closed; null otherwise.
nlohmann::json oxford_result(const state& s);
nlohmann::json speaker_json(const state& s, const speaker& who);

}  // namespace tribune::engine::structured
