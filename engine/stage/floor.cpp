// The floor: who speaks, for how long, and the talk-time balance; and hands raised in two lanes
// (a new point, or a direct reply to what is being said).
#include <algorithm>

#include "engine/decision.hpp"
#include "engine/stage/stage.hpp"
#include "engine/state.hpp"

namespace tribune::engine {
namespace {

using protocol::error_code;
using protocol::role;

// The speaker this actor is, if they may take part on stage: a panelist, or a seated audience member.
std::optional<speaker> stage_identity(const state& s, const actor& who) {
  if (who.role == role::panelist && s.find_panelist(who.panelist) != nullptr) return speaker{false, who.panelist};
  if (who.role == role::audience) {
    const speaker seat{true, who.participant};
    if (on_stage(s, seat)) return seat;
  }
  return std::nullopt;
}

std::uint8_t speaker_bits(const panelist& p) {
  std::uint8_t bits = 0;
  switch (p.role) {
    case protocol::panel_role::host: bits |= protocol::may_speak::host; break;
    case protocol::panel_role::guest: bits |= protocol::may_speak::guest; break;
    case protocol::panel_role::panelist: bits |= protocol::may_speak::panelist; break;
  }
  if (p.side == protocol::side::for_motion) bits |= protocol::may_speak::for_side;
  if (p.side == protocol::side::against_motion) bits |= protocol::may_speak::against_side;
  return bits;
}

bool segment_allows(const state& s, const speaker& who) {
  const auto* seg = s.show.current();
  if (!s.show.running() || seg == nullptr || seg->speakers == 0) return true;
  if (who.seated) return (seg->speakers & protocol::may_speak::seat) != 0;
  return (seg->speakers & speaker_bits(*s.find_panelist(who.id))) != 0;
}

}  // namespace

decision decide(const state& s, const context& c, const protocol::grant_floor& x) {
  if (!is_moderator(c.who)) return not_moderator();
  if (!x.who.seated && s.find_panelist(x.who.id) == nullptr) {
    return reject(error_code::unknown_panelist, "no such panelist");
  }
  if (!on_stage(s, x.who)) return reject(error_code::not_on_stage, "only someone on stage can be given the floor");
  if (!segment_allows(s, x.who)) {
    return reject(error_code::not_allowed_in_segment, "this segment's format does not give them the floor");
  }
  const auto* seg = s.show.current();
  const std::uint32_t seconds = x.seconds ? *x.seconds : (seg != nullptr ? seg->speaker_seconds : 120);
  return events{ev::floor_granted{x.who, static_cast<std::int64_t>(seconds) * 1000}};
}

decision decide(const state& s, const context& c, const protocol::extend_floor& x) {
  if (!is_moderator(c.who)) return not_moderator();
  if (!s.show.floor) return reject(error_code::no_speaker, "nobody has the floor");
  return events{ev::floor_extended{static_cast<std::int64_t>(x.seconds) * 1000}};
}

decision decide(const state& s, const context& c, const protocol::end_floor&) {
  if (!is_moderator(c.who)) return not_moderator();
  if (!s.show.floor) return reject(error_code::no_speaker, "nobody has the floor");
  return events{ev::floor_ended{s.show.floor->who}};
}

decision decide(const state& s, const context& c, const protocol::raise_hand& x) {
  const auto me = stage_identity(s, c.who);
  if (!me) return reject(error_code::forbidden, "only people on stage raise a hand");
  if (!on_stage(s, *me)) return reject(error_code::not_on_stage, "you are not on stage");
  for (const auto& h : s.show.hands) {
    if (h.who == *me && h.in == x.in) return events{};
  }
  return events{ev::hand_raised{*me, x.in}};
}

decision decide(const state& s, const context& c, const protocol::lower_hand&) {
  const auto me = stage_identity(s, c.who);
  if (!me) return reject(error_code::forbidden, "only people on stage raise a hand");
  const bool raised =
      std::any_of(s.show.hands.begin(), s.show.hands.end(), [&](const hand& h) { return h.who == *me; });
  if (!raised) return events{};
  return events{ev::hand_lowered{*me}};
}

std::vector<speaker> turn_order(const state& s) {
  std::vector<speaker> for_side, against_side, others;
  for (const auto& p : s.panelists) {
    const speaker who{false, p.id};
    if (!p.on_stage || !segment_allows(s, who)) continue;
    if (p.side == protocol::side::for_motion) {
      for_side.push_back(who);
    } else if (p.side == protocol::side::against_motion) {
      against_side.push_back(who);
    } else {
      others.push_back(who);
    }
  }
  std::vector<speaker> out;
  for (std::size_t i = 0; i < std::max(for_side.size(), against_side.size()); ++i) {
    if (i < for_side.size()) out.push_back(for_side[i]);
    if (i < against_side.size()) out.push_back(against_side[i]);
  }
  out.insert(out.end(), others.begin(), others.end());
  return out;
}

void end_turn(state& s, std::int64_t at) {
  auto& st = s.show;
  if (!st.floor) return;
  const auto& f = *st.floor;
  auto paused = f.paused_ms;
  if (st.status == protocol::show_status::paused && st.paused_at > f.started_at) paused += at - st.paused_at;
  const auto spoken = std::max<std::int64_t>(0, at - f.started_at - paused);
  st.talk_ms[protocol::format_speaker(f.who)] += spoken;
  st.side_talk_ms[static_cast<std::size_t>(side_of(s, f.who))] += spoken;
  st.floor.reset();
}

void drop_hand(state& s, const speaker& who) {
  std::erase_if(s.show.hands, [&](const hand& h) { return h.who == who; });
}

void apply(state& s, const event& e, const ev::floor_granted& x) {
  end_turn(s, e.at);
  drop_hand(s, x.who);
  s.show.floor = floor_turn{x.who, e.at, x.allotted_ms, 0};
  s.show.turns_taken.push_back(x.who);
}

void apply(state& s, const event&, const ev::floor_extended& x) { s.show.floor->allotted_ms += x.ms; }

void apply(state& s, const event& e, const ev::floor_ended&) { end_turn(s, e.at); }

void apply(state& s, const event& e, const ev::hand_raised& x) {
  drop_hand(s, x.who);
  s.show.hands.push_back(hand{x.who, x.in, e.at});
}

void apply(state& s, const event&, const ev::hand_lowered& x) { drop_hand(s, x.who); }

}  // namespace tribune::engine
