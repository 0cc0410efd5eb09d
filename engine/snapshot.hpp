#pragma once
// A debate's whole state in storage form, so that loading a long debate folds only the events after
// its newest snapshot. A snapshot is only a cache: one this version cannot read is ignored and the
// log replayed from the start, so deleting every snapshot changes nothing.
#include <optional>
#include <string>
#include <string_view>

#include "engine/state.hpp"

namespace tribune::engine {

std::string encode_state(const state& s);
// nullopt when `text` is not a snapshot this version wrote.
std::optional<state> decode_state(std::string_view text);

}  // namespace tribune::engine
