#pragma once
// What the opinion map takes from a debate: its committed events, or the state a room loaded,
// turned into inputs (a rating, an argument moderated out, a participant banned or erased, an
// upvote given or taken back). The live room hands them to the analysis on its own thread
// (server/opinion/); the report applies them as it folds the log. One reading of the events for both.
#include <cstdint>
#include <vector>

#include "engine/events.hpp"
#include "engine/opinion/opinion.hpp"
#include "engine/state.hpp"

namespace tribune::engine::opinion {

struct input {
  enum class kind : std::uint8_t { rate, exclude, drop, upvote, withdraw };
  kind what = kind::rate;
  std::uint32_t who = 0;   // the participant (rate, drop, upvote, withdraw)
  std::uint32_t item = 0;  // the argument (rate, exclude) or the question (upvote, withdraw)
  protocol::rating value = protocol::rating::pass;
};

// What `e` changes for the map; `after` is the state once `e` is applied.
void inputs_of(const state& after, const event& e, std::vector<input>& out);
// Everything the map needs from a state: its ratings, upvotes and bans.
void inputs_of(const state& s, std::vector<input>& out);

void apply(map& m, const input& i);

}  // namespace tribune::engine::opinion
