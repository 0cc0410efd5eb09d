// What the stage shows: the run of show, the show's progress, the floor, hands, seats and, for
// moderators, the talk-time balance.
#include "engine/polls/polls.hpp"
#include "engine/stage/stage.hpp"
#include "engine/state.hpp"

namespace tribune::engine {
namespace {

namespace wire = protocol::wire;
namespace data = protocol::data;

wire::panelist panelist_view(const panelist& p) { return {p.id, p.name, p.role, p.side, p.on_stage}; }

wire::show show_view(const state& s) {
  const auto& st = s.show;
  wire::show out;
  out.status = st.status;
  if (st.segment != 0) out.segment = st.segment;
  out.segment_started_at = st.segment_started_at;
  out.segment_paused_ms = st.segment_paused_ms;
  if (st.paused_at != 0) out.paused_at = st.paused_at;
  if (st.floor) {
    const auto& f = *st.floor;
    out.floor = wire::floor_turn{speaker_view(s, f.who), f.started_at, f.allotted_ms, f.paused_ms};
  }
  out.seat_ends = seat_ends(s);
  return out;
}

std::vector<wire::hand> hands_view(const state& s) {
  std::vector<wire::hand> out;
  for (const auto& h : s.show.hands) out.push_back(wire::hand{speaker_view(s, h.who), h.in, h.raised_at});
  return out;
}

wire::seats seats_view(const state& s, view v) {
  wire::seats out;
  out.total = s.show.seats;
  for (const auto id : s.show.seated) out.seated.push_back(speaker_view(s, speaker{true, id}));
  if (v == view::moderator_view) {
    auto& requests = out.requests.emplace();
    for (const auto id : s.show.seat_requests) requests.push_back(speaker_view(s, speaker{true, id}));
  }
  return out;
}

std::optional<wire::talk_time> talk_time_view(const state& s, view v) {
  if (v != view::moderator_view) return std::nullopt;
  const auto& sides = s.show.side_talk_ms;
  return wire::talk_time{{s.show.talk_ms.begin(), s.show.talk_ms.end()}, sides[0], sides[1], sides[2]};
}

data::floor_changed floor_change(const state& s, view v) { return {show_view(s), hands_view(s), talk_time_view(s, v)}; }

data::seats_changed seats_change(const state& s, participant_id p, view v) {
  return {p, seats_view(s, v), show_view(s), std::nullopt};
}

}  // namespace

wire::speaker_ref speaker_view(const state& s, const speaker& who) {
  wire::speaker_ref out{who, {}, wire::speaker_role::seat, protocol::side::none};
  if (who.seated) {
    if (const auto* p = s.find_participant(who.id)) out.name = p->name;
  } else if (const auto* p = s.find_panelist(who.id)) {
    out.name = p->name;
    out.role = p->role == protocol::panel_role::host    ? wire::speaker_role::host
               : p->role == protocol::panel_role::guest ? wire::speaker_role::guest
                                                        : wire::speaker_role::panelist;
    out.stance = p->side;
  }
  return out;
}

wire::run_of_show run_of_show_view(protocol::show_format format, const std::vector<segment_spec>& segments,
                                   std::uint32_t seats, bool automatic) {
  wire::run_of_show out{format, {}, seats, automatic};
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& seg = segments[i];
    out.segments.push_back(wire::segment{static_cast<segment_id>(i + 1), seg.name, seg.kind, seg.minutes, seg.speakers,
                                         seg.audience, seg.speaker_seconds});
  }
  return out;
}

data::format_set view_of(const state& s, const ev::format_set&, view) {
  return {run_of_show_view(s.show.format, s.show.segments, s.show.seats, s.show.automatic)};
}
data::panelist_added view_of(const state& s, const ev::panelist_added& x, view) {
  return {panelist_view(*s.find_panelist(x.panelist))};
}
// A new segment ends the turn of whoever had the floor: the moderators' balance counts it at once.
data::show_changed view_of(const state& s, const ev::segment_started&, view v) {
  return {show_view(s), talk_time_view(s, v)};
}
data::show_changed view_of(const state& s, const ev::show_paused&, view) { return {show_view(s), std::nullopt}; }
data::show_changed view_of(const state& s, const ev::show_resumed&, view) { return {show_view(s), std::nullopt}; }
data::show_ended view_of(const state& s, const ev::show_ended&, view v) {
  return {show_view(s), oxford_result(s), talk_time_view(s, v)};
}
data::panelist_stage_changed view_of(const state& s, const ev::panelist_stage_changed& x, view v) {
  return {panelist_view(*s.find_panelist(x.panelist)), show_view(s), hands_view(s),
          x.on ? std::nullopt : talk_time_view(s, v)};
}
data::floor_changed view_of(const state& s, const ev::floor_granted&, view v) { return floor_change(s, v); }
data::floor_changed view_of(const state& s, const ev::floor_extended&, view v) { return floor_change(s, v); }
data::floor_changed view_of(const state& s, const ev::floor_ended&, view v) { return floor_change(s, v); }
data::hands_changed view_of(const state& s, const ev::hand_raised&, view) { return {hands_view(s)}; }
data::hands_changed view_of(const state& s, const ev::hand_lowered&, view) { return {hands_view(s)}; }
data::seats_changed view_of(const state& s, const ev::seat_requested& x, view v) {
  return seats_change(s, x.participant, v);
}
data::seats_changed view_of(const state& s, const ev::seat_request_cancelled& x, view v) {
  return seats_change(s, x.participant, v);
}
data::seats_changed view_of(const state& s, const ev::participant_seated& x, view v) {
  return seats_change(s, x.participant, v);
}
data::seats_changed view_of(const state& s, const ev::participant_unseated& x, view v) {
  auto out = seats_change(s, x.participant, v);
  out.talk_time = talk_time_view(s, v);  // an unseated speaker's turn ended with their seat
  return out;
}

void add_stage(protocol::snapshot& out, const state& s, view v, std::optional<participant_id> me) {
  out.run_of_show = run_of_show_view(s.show.format, s.show.segments, s.show.seats, s.show.automatic);
  out.show = show_view(s);
  for (const auto& p : s.panelists) out.panelists.push_back(panelist_view(p));
  out.hands = hands_view(s);
  out.seats = seats_view(s, v);
  out.talk_time = talk_time_view(s, v);
  if (me && out.mine) out.mine->seated = on_stage(s, speaker{true, *me});
}

}  // namespace tribune::engine
