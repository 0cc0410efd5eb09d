// The run of show changed while the show runs: the moderator gives the current segment more time
// (its end, every countdown and, in automatic mode, the moment the next one starts move with it),
// or moves a segment still to come to the place of another still to come. What has run stays as
// it ran, so the log's segment numbers keep their meaning.
#include <algorithm>

#include "engine/decision.hpp"
#include "engine/stage/stage.hpp"
#include "engine/state.hpp"

namespace tribune::engine {

using protocol::error_code;

decision decide(const state& s, const context& c, const protocol::extend_segment& x) {
  if (!is_moderator(c.who)) return not_moderator();
  if (!s.show.running()) return reject(error_code::show_not_running, "the show is not running");
  const auto* seg = s.show.current();
  if (x.minutes < 1 || x.minutes > protocol::max_extend_segment_minutes ||
      seg->minutes + x.minutes > protocol::max_segment_minutes) {
    return reject(error_code::invalid_field, "a segment lasts at most 600 minutes, extended by 1 to 60 at a time");
  }
  return events{ev::segment_extended{s.show.segment, x.minutes}};
}

decision decide(const state& s, const context& c, const protocol::move_segment& x) {
  if (!is_moderator(c.who)) return not_moderator();
  if (s.show.status == protocol::show_status::ended) {
    return reject(error_code::show_not_running, "the show has ended");
  }
  const auto count = s.show.segments.size();
  if (x.segment < 1 || x.segment > count || x.to < 1 || x.to > count) {
    return reject(error_code::unknown_segment, "no such segment");
  }
  if (x.segment <= s.show.segment || x.to <= s.show.segment) {
    return reject(error_code::segment_passed, "only segments still to come move");
  }
  if (x.segment == x.to) return events{};
  return events{ev::segment_moved{x.segment, x.to}};
}

void apply(state& s, const event&, const ev::segment_extended& x) {
  s.show.segments[x.segment - 1].minutes += x.minutes;
}

void apply(state& s, const event&, const ev::segment_moved& x) {
  auto& all = s.show.segments;
  const auto from = all.begin() + static_cast<std::ptrdiff_t>(x.from - 1);
  const auto to = all.begin() + static_cast<std::ptrdiff_t>(x.to - 1);
  if (from < to) {
    std::rotate(from, from + 1, to + 1);
  } else {
    std::rotate(to, from, from + 1);
  }
}

protocol::data::format_set view_of(const state& s, const ev::segment_extended&, view v) {
  return view_of(s, ev::format_set{}, v);
}
protocol::data::format_set view_of(const state& s, const ev::segment_moved&, view v) {
  return view_of(s, ev::format_set{}, v);
}

}  // namespace tribune::engine
