#pragma once
// What each screen is shown of an update of the opinion map: the engine's result put on the map's
// [-1, 1] scale, the lists cut to what a screen shows, and each placed participant's own place.
// Pure.
#include <unordered_map>

#include "engine/opinion/opinion.hpp"
#include "protocol/opinion.hpp"

namespace tribune::engine::opinion {

struct shaped {
  protocol::opinion_wire::map map;                                         // with every dot sampled for the big screens
  std::unordered_map<participant_id, protocol::opinion_wire::you> places;  // placed participants
};

shaped shape(const result& r, std::size_t min_ratings);

}  // namespace tribune::engine::opinion
