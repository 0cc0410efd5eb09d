#pragma once
// The format templates an organizer starts from: Oxford-style, talk show, round table, fishbowl.
// Each is a run of show (segments) and a number of stage seats; organizers edit them freely.
#include <optional>
#include <string_view>
#include <vector>

#include "engine/decide.hpp"

namespace tribune::engine {

std::vector<std::string_view> format_names();
std::optional<cmd::set_format> format_template(std::string_view name);

}  // namespace tribune::engine
