// The show's clock in automatic mode: what happens on its own when time is up. A vote segment opens
// its Oxford poll as it starts and closes it as it ends; an "in turn" segment (opening and closing
// statements, a round table) gives the floor to each eligible speaker in order, sides alternating,
// each for the segment's turn length; a fishbowl seats whoever waits for a seat, in an open seat or
// in place of the one seated longest once their turn length is up; a segment ends when its time is
// up, and the last one ends the show. In any mode, an open quiz question closes when its time is up.
// The room asks next_due() when to wake, then sends cmd::clock_tick; the moderator can still act at
// any moment (skip, extend, take the floor back), and the clock carries on from there.
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

// The first audience member waiting for a seat who may take one.
std::optional<participant_id> next_seat(const state& s) {
  for (const auto p : s.show.seat_requests) {
    const auto* who = s.find_participant(p);
    if (who != nullptr && !who->banned) return p;
  }
  return std::nullopt;
}

// When a seated audience member's time is up: the segment's turn length after they sat down (or
// after it started), pauses excluded, and never while they hold the floor.
std::int64_t seat_end(const show_state& sh, participant_id p) {
  const auto end = sh.seated_since.at(p) + static_cast<std::int64_t>(sh.current()->speaker_seconds) * 1000;
  if (sh.floor && sh.floor->who == speaker{true, p}) return std::max(end, turn_end(*sh.floor));
  return end;
}

void add(events& out, const decision& d) {
  if (const auto* e = std::get_if<events>(&d)) out.insert(out.end(), e->begin(), e->end());
}

// What the clock does next, and when.
enum class act : std::uint8_t { leave_segment, close_stale_vote, open_vote, take_turn, fill_seat, rotate_seat };
struct step {
  act what = act::leave_segment;
  std::int64_t due = 0;
  participant_id leaving = 0;  // rotate_seat
};

// Every step the clock may take in the current segment, most urgent first. next_due() is the
// earliest of them; a tick takes the first that is due. One list for both, so that a moment the
// room wakes for always changes something.
std::vector<step> steps(const state& s) {
  std::vector<step> out;
  if (!s.show.automatic || s.show.status != protocol::show_status::running) return out;
  const auto* seg = s.show.current();
  if (seg == nullptr) return out;
  const auto& sh = s.show;
  out.push_back({act::leave_segment, segment_end(sh)});
  if (stale_vote(s) != nullptr) out.push_back({act::close_stale_vote, sh.segment_started_at});
  if (const auto phase = vote_of(seg->kind); phase != oxford_phase::none && oxford_poll(s, phase) == nullptr) {
    out.push_back({act::open_vote, sh.segment_started_at});  // the vote opens with its segment
  }
  if (in_turn(seg->kind)) {
    if (sh.floor) {
      out.push_back({act::take_turn, turn_end(*sh.floor)});
    } else if (next_turn(s)) {
      out.push_back({act::take_turn, sh.segment_started_at});  // the next turn starts at once
    }
  }
  if (seg->kind == segment_kind::fishbowl && next_seat(s)) {
    if (open_seats(s) > 0) {
      out.push_back({act::fill_seat, sh.segment_started_at});
    } else if (!sh.seated.empty()) {
      // The one seated longest leaves first.
      step leave{act::rotate_seat, seat_end(sh, sh.seated.front()), sh.seated.front()};
      for (const auto p : sh.seated) {
        if (const auto end = seat_end(sh, p); end < leave.due) leave = {act::rotate_seat, end, p};
      }
      out.push_back(leave);
    }
  }
  return out;
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

events take(const state& s, const context& as_host, const step& next) {
  events out;
  switch (next.what) {
    case act::leave_segment: return leave_segment(s, as_host);
    case act::close_stale_vote: return events{ev::poll_closed{stale_vote(s)->id}};
    case act::open_vote:
      add(out, decide(s, as_host, protocol::create_oxford_poll{vote_of(s.show.current()->kind)}));
      out.emplace_back(ev::poll_opened{static_cast<poll_id>(s.polls.size() + 1)});
      return out;
    case act::take_turn:
      if (const auto who = next_turn(s)) {
        add(out, decide(s, as_host, protocol::grant_floor{*who, std::nullopt}));
      } else {
        out.emplace_back(ev::floor_ended{s.show.floor->who});
      }
      return out;
    case act::fill_seat: return events{ev::participant_seated{*next_seat(s)}};
    case act::rotate_seat: return events{ev::participant_unseated{next.leaving}, ev::participant_seated{*next_seat(s)}};
  }
  return out;
}

}  // namespace

std::map<std::string, std::int64_t> seat_ends(const state& s) {
  std::map<std::string, std::int64_t> out;
  const auto& sh = s.show;
  const auto* seg = sh.current();
  const bool running = sh.status == protocol::show_status::running || sh.status == protocol::show_status::paused;
  if (!sh.automatic || !running || seg == nullptr || seg->kind != segment_kind::fishbowl || seg->speaker_seconds == 0) {
    return out;
  }
  for (const auto p : sh.seated) out[protocol::format_speaker(speaker{true, p})] = seat_end(sh, p);
  return out;
}

std::optional<std::int64_t> next_due(const state& s) {
  std::optional<std::int64_t> due = next_quiz_due(s);
  for (const auto& st : steps(s)) due = std::min(due.value_or(st.due), st.due);
  return due;
}

decision decide(const state& s, const context& c, const cmd::clock_tick&) {
  if (c.who.role != protocol::role::system) return reject(protocol::error_code::forbidden, "only the room's clock");
  if (auto closed = quiz_tick(s, c.now)) return events{*closed};  // a quiz question's time is up
  const context as_host{clock_hand, c.now};
  for (const auto& st : steps(s)) {
    if (c.now >= st.due) return take(s, as_host, st);
  }
  return events{};
}

}  // namespace tribune::engine
