// The show's clock in automatic mode: what happens on its own when time is up. A vote segment opens
// its Oxford poll as it starts and closes it as it ends; an "in turn" segment (opening and closing
// statements, a round table) gives the floor to each eligible speaker in order, sides alternating,
// each for the segment's turn length; a segment ends when its time is up, and the last one ends the
// show. The room asks next_due() when to wake, then sends cmd::clock_tick; the moderator can still
// act at any moment (skip, extend, take the floor back), and the clock carries on from there.
#include <algorithm>

#include "engine/decision.hpp"
#include "engine/engine.hpp"
#include "engine/stage/stage.hpp"
#include "engine/state.hpp"

namespace tribune::engine {
namespace {

using protocol::oxford_phase;
using protocol::segment_kind;

// The clock acts with a moderator's rights, through the same decisions.
const actor clock_hand{protocol::role::moderator, 0, 0};

bool in_turn(segment_kind k) {
  return k == segment_kind::opening || k == segment_kind::closing || k == segment_kind::round;
}

oxford_phase vote_of(segment_kind k) {
  if (k == segment_kind::vote_before) return oxford_phase::before;
  if (k == segment_kind::vote_after) return oxford_phase::after;
  return oxford_phase::none;
}

std::int64_t segment_end(const show_state& sh) {
  return sh.segment_started_at + static_cast<std::int64_t>(sh.current()->minutes) * 60'000 + sh.segment_paused_ms;
}

std::int64_t turn_end(const floor_turn& f) { return f.started_at + f.allotted_ms + f.paused_ms; }

const poll* oxford_poll(const state& s, oxford_phase phase) {
  for (const auto& p : s.polls) {
    if (p.phase == phase) return &p;
  }
  return nullptr;
}

// An Oxford poll still open whose vote segment is over (the moderator moved on by hand).
const poll* stale_vote(const state& s) {
  const auto current = vote_of(s.show.current()->kind);
  for (const auto& p : s.polls) {
    if (p.phase != oxford_phase::none && p.phase != current && p.status == protocol::poll_status::open) return &p;
  }
  return nullptr;
}

std::optional<speaker> next_turn(const state& s) {
  const auto& taken = s.show.turns_taken;
  for (const auto& who : turn_order(s)) {
    if (std::find(taken.begin(), taken.end(), who) == taken.end()) return who;
  }
  return std::nullopt;
}

void add(events& out, const decision& d) {
  if (const auto* e = std::get_if<events>(&d)) out.insert(out.end(), e->begin(), e->end());
}

// Time is up: the segment's vote closes, then the next segment starts, or the show ends.
events leave_segment(const state& s, const context& as_host) {
  events out;
  const auto* vote = oxford_poll(s, vote_of(s.show.current()->kind));
  if (vote != nullptr && vote->status == protocol::poll_status::open) out.emplace_back(ev::poll_closed{vote->id});
  if (s.show.segment >= s.show.segments.size()) {
    add(out, decide(s, as_host, protocol::end_show{}));
  } else {
    out.emplace_back(ev::segment_started{s.show.segment + 1});
  }
  return out;
}

}  // namespace

std::optional<std::int64_t> next_due(const state& s) {
  if (!s.show.automatic || s.show.status != protocol::show_status::running) return std::nullopt;
  const auto* seg = s.show.current();
  if (seg == nullptr) return std::nullopt;
  auto due = segment_end(s.show);
  if (stale_vote(s) != nullptr) return s.show.segment_started_at;
  if (const auto phase = vote_of(seg->kind); phase != oxford_phase::none && oxford_poll(s, phase) == nullptr) {
    return s.show.segment_started_at;  // the vote opens with its segment
  }
  if (in_turn(seg->kind)) {
    if (s.show.floor) {
      due = std::min(due, turn_end(*s.show.floor));
    } else if (next_turn(s)) {
      return s.show.segment_started_at;  // the next turn starts at once
    }
  }
  return due;
}

decision decide(const state& s, const context& c, const cmd::clock_tick&) {
  if (c.who.role != protocol::role::system) return reject(protocol::error_code::forbidden, "only the room's clock");
  const auto due = next_due(s);
  if (!due || c.now < *due) return events{};
  const context as_host{clock_hand, c.now};
  if (c.now >= segment_end(s.show)) return leave_segment(s, as_host);
  if (const auto* stale = stale_vote(s)) return events{ev::poll_closed{stale->id}};
  const auto* seg = s.show.current();
  events out;
  if (const auto phase = vote_of(seg->kind); phase != oxford_phase::none && oxford_poll(s, phase) == nullptr) {
    add(out, decide(s, as_host, protocol::create_oxford_poll{phase}));
    out.emplace_back(ev::poll_opened{static_cast<poll_id>(s.polls.size() + 1)});
    return out;
  }
  if (in_turn(seg->kind) && (!s.show.floor || c.now >= turn_end(*s.show.floor))) {
    if (const auto next = next_turn(s)) {
      add(out, decide(s, as_host, protocol::grant_floor{*next, std::nullopt}));
    } else if (s.show.floor) {
      out.emplace_back(ev::floor_ended{s.show.floor->who});
    }
  }
  return out;
}

}  // namespace tribune::engine
