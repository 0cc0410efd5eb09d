#pragma once
// A debate's report and replay, made by the engine from its own log: `observe` follows the events
// one by one (after each is applied) and gathers what the final state no longer knows — when each
// segment ran and who spoke in it, the reactions minute by minute, the moments worth seeking to;
// `report_of` joins that to the room as a snapshot shows it.
#include <array>
#include <map>
#include <optional>

#include "engine/report/opinion_trace.hpp"
#include "engine/state.hpp"
#include "protocol/report.hpp"

namespace tribune::engine {

struct history {
  std::optional<std::int64_t> started_at;
  std::optional<std::int64_t> ended_at;
  std::vector<protocol::segment_run> segments;
  std::map<std::int64_t, protocol::reaction_counts> mood;  // by minute of the show
  std::vector<protocol::moment> moments;
  std::uint64_t ballots = 0;
  std::array<std::int64_t, 3> side_ms_at_segment{};  // side talk time when the current segment began
  opinion_trace opinion;                             // the opinion map over the show
};

// Folds one more event into `h`; `after` is the state once `e` is applied.
void observe(history& h, const state& after, const event& e);

// The report at `s` (the state the observed events fold to): the public view, or the moderator's
// for the organizer. Moments name only what that view shows (a pending argument has none).
protocol::report report_of(const state& s, const history& h, view v);

}  // namespace tribune::engine
