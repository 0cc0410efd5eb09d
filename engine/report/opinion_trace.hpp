#pragma once
// The opinion map over the show, for the report: the log's ratings, upvotes and bans fed to the
// analysis (engine/opinion) as the report's pass folds them, one update at the end of each minute
// of the show that changed something (the first event of a later minute closes it) and one when the
// show ends. Every update point comes from the events' times, so the same log always gives the same
// maps. Minute 0 starts with the show; what came before it counts in minute 0.
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/opinion/feed.hpp"
#include "engine/opinion/opinion.hpp"
#include "protocol/report.hpp"

namespace tribune::engine {

struct opinion_trace {
  opinion::map map{opinion::parameters{}};
  bool changed = false;     // inputs since the last update
  std::int64_t minute = 0;  // the minute of the show those inputs came in
  protocol::opinion_report report;
  std::vector<opinion::input> scratch;
};

// Follows one more event; `after` is the state once it is applied, `started_at` when the show began.
void follow(opinion_trace& t, const std::optional<std::int64_t>& started_at, const state& after, const event& e);

}  // namespace tribune::engine
