// The panel and the run of show: adding panelists, setting the format, and the show's progress
// through its segments (start, advance, pause, resume, end).
#include <algorithm>
#include <cassert>

#include "engine/decision.hpp"
#include "engine/stage/stage.hpp"
#include "engine/state.hpp"

namespace tribune::engine {

using protocol::error_code;
using protocol::role;
using protocol::show_status;

bool audience_may(const state& s, std::uint8_t what) noexcept {
  const auto* seg = s.show.current();
  if (!s.show.running() || seg == nullptr) return true;
  return (seg->audience & what) != 0;
}

bool on_stage(const state& s, const speaker& who) noexcept {
  if (who.seated) return std::find(s.show.seated.begin(), s.show.seated.end(), who.id) != s.show.seated.end();
  const auto* p = s.find_panelist(who.id);
  return p != nullptr && p->on_stage;
}

protocol::side side_of(const state& s, const speaker& who) noexcept {
  if (who.seated) return protocol::side::none;
  const auto* p = s.find_panelist(who.id);
  return p != nullptr ? p->side : protocol::side::none;
}

decision decide(const state& s, const context& c, const cmd::add_panelist& x) {
  if (c.who.role != role::organizer) return reject(error_code::forbidden, "only the organizer adds panelists");
  const auto id = static_cast<panelist_id>(s.panelists.size() + 1);
  return events{ev::panelist_added{id, x.display_name, x.role, x.side, x.cred}};
}

decision decide(const state& s, const context& c, const cmd::set_format& x) {
  if (c.who.role != role::organizer) return reject(error_code::forbidden, "only the organizer sets the format");
  if (s.show.status != show_status::not_started) {
    return reject(error_code::show_started, "the run of show cannot change once the show has started");
  }
  return events{ev::format_set{x.format, x.segments, x.seats, x.automatic}};
}

decision decide(const state& s, const context& c, const protocol::start_show&) {
  if (!is_moderator(c.who)) return not_moderator();
  if (s.show.status != show_status::not_started) return reject(error_code::show_started, "the show has started");
  if (s.show.segments.empty()) return reject(error_code::no_segments, "the run of show is empty");
  return events{ev::segment_started{1}};
}

decision decide(const state& s, const context& c, const protocol::advance&) {
  if (!is_moderator(c.who)) return not_moderator();
  if (!s.show.running()) return reject(error_code::show_not_running, "the show is not running");
  if (s.show.segment >= s.show.segments.size()) {
    return reject(error_code::no_next_segment, "this is the last segment; end the show instead");
  }
  events out;
  if (s.show.status == show_status::paused) out.emplace_back(ev::show_resumed{});
  out.emplace_back(ev::segment_started{s.show.segment + 1});
  return out;
}

decision decide(const state& s, const context& c, const protocol::pause&) {
  if (!is_moderator(c.who)) return not_moderator();
  if (s.show.status == show_status::paused) return reject(error_code::already_paused, "the show is paused");
  if (s.show.status != show_status::running) return reject(error_code::show_not_running, "the show is not running");
  return events{ev::show_paused{}};
}

decision decide(const state& s, const context& c, const protocol::resume&) {
  if (!is_moderator(c.who)) return not_moderator();
  if (s.show.status != show_status::paused) return reject(error_code::not_paused, "the show is not paused");
  return events{ev::show_resumed{}};
}

decision decide(const state& s, const context& c, const protocol::end_show&) {
  if (!is_moderator(c.who)) return not_moderator();
  if (!s.show.running()) return reject(error_code::show_not_running, "the show is not running");
  // The closing view has no question on air: it goes off with the show (raised hands too, in apply).
  events out;
  if (s.on_air) out.emplace_back(ev::on_air_changed{std::nullopt});
  out.emplace_back(ev::show_ended{});
  return out;
}

decision decide(const state& s, const context& c, const protocol::set_on_stage& x) {
  if (!is_moderator(c.who)) return not_moderator();
  const auto* p = s.find_panelist(x.panelist);
  if (p == nullptr) return reject(error_code::unknown_panelist, "no such panelist");
  if (p->on_stage == x.on) return events{};
  return events{ev::panelist_stage_changed{x.panelist, x.on}};
}

void apply(state& s, const event&, const ev::format_set& x) {
  s.show.format = x.format;
  s.show.segments = x.segments;
  s.show.seats = x.seats;
  s.show.automatic = x.automatic;
}

void apply(state& s, const event&, const ev::panelist_added& x) {
  assert(x.panelist == s.panelists.size() + 1);
  s.panelists.push_back(panelist{x.panelist, x.display_name, x.role, x.side, true, x.cred});
  s.panelist_by_selector.emplace(x.cred.selector, x.panelist);
}

void apply(state& s, const event& e, const ev::segment_started& x) {
  end_turn(s, e.at);
  s.show.status = show_status::running;
  s.show.segment = x.segment;
  s.show.segment_started_at = e.at;
  s.show.segment_paused_ms = 0;
  s.show.turns_taken.clear();
  s.show.paused_at = 0;
  for (auto& [who, since] : s.show.seated_since) since = e.at;
}

void apply(state& s, const event& e, const ev::show_paused&) {
  s.show.status = show_status::paused;
  s.show.paused_at = e.at;
}

void apply(state& s, const event& e, const ev::show_resumed&) {
  const auto paused = e.at - s.show.paused_at;
  s.show.segment_paused_ms += paused;
  if (s.show.floor) s.show.floor->paused_ms += paused;
  for (auto& [who, since] : s.show.seated_since) since += paused;
  s.show.status = show_status::running;
  s.show.paused_at = 0;
}

void apply(state& s, const event& e, const ev::show_ended&) {
  end_turn(s, e.at);
  s.show.status = show_status::ended;
  s.show.hands.clear();
}

void apply(state& s, const event& e, const ev::panelist_stage_changed& x) {
  const speaker who{false, x.panelist};
  if (!x.on) {
    if (s.show.floor && s.show.floor->who == who) end_turn(s, e.at);
    drop_hand(s, who);
  }
  s.panelists[x.panelist - 1].on_stage = x.on;
}

protocol::ack_result result_of(const state&, const cmd::add_panelist&, const std::vector<event>& produced) {
  for (const auto& e : produced) {
    if (const auto* added = std::get_if<ev::panelist_added>(&e.body)) {
      return protocol::result::panelist_added{added->panelist, added->display_name};
    }
  }
  return protocol::result::none{};
}

}  // namespace tribune::engine
