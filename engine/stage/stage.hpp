#pragma once
// The stage: the panel, the run of show and its segments (start, advance, pause, end), who is on
// stage, the floor and its timer, raised hands in two lanes, and the fishbowl's open seats. Each
// segment says who may speak and what the audience may do (audience_may).
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types.hpp"
#include "protocol/event_data.hpp"
#include "protocol/messages.hpp"
#include "protocol/rest.hpp"

namespace tribune::engine {

// One step of the run of show.
struct segment_spec {
  std::string name;
  protocol::segment_kind kind = protocol::segment_kind::conversation;
  std::uint32_t minutes = 10;
  std::uint8_t speakers = 0;  // protocol::may_speak bits
  std::uint8_t audience = 0;  // protocol::audience_may bits
  std::uint32_t speaker_seconds = 120;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(segment_spec, name, kind, minutes, speakers, audience, speaker_seconds)

namespace ev {
struct format_set {
  static constexpr std::string_view name = "format_set";
  protocol::show_format format = protocol::show_format::custom;
  std::vector<segment_spec> segments;
  std::uint32_t seats = 0;  // fishbowl seats on stage, panelists included
  bool automatic = false;   // the show's clock advances it (clock.cpp)
};
struct panelist_added {
  static constexpr std::string_view name = "panelist_added";
  panelist_id panelist = 0;
  std::string display_name;
  protocol::panel_role role = protocol::panel_role::guest;
  protocol::side side = protocol::side::none;
  credential cred;
};
struct segment_started {
  static constexpr std::string_view name = "segment_started";
  segment_id segment = 0;
};
struct show_paused {
  static constexpr std::string_view name = "show_paused";
};
struct show_resumed {
  static constexpr std::string_view name = "show_resumed";
};
struct show_ended {
  static constexpr std::string_view name = "show_ended";
};
struct panelist_stage_changed {
  static constexpr std::string_view name = "panelist_stage_changed";
  panelist_id panelist = 0;
  bool on = true;
};
struct floor_granted {
  static constexpr std::string_view name = "floor_granted";
  speaker who;
  std::int64_t allotted_ms = 0;
};
struct floor_extended {
  static constexpr std::string_view name = "floor_extended";
  std::int64_t ms = 0;
};
struct floor_ended {
  static constexpr std::string_view name = "floor_ended";
  speaker who;
};
struct hand_raised {
  static constexpr std::string_view name = "hand_raised";
  speaker who;
  protocol::lane in = protocol::lane::new_point;
};
struct hand_lowered {
  static constexpr std::string_view name = "hand_lowered";
  speaker who;
};
struct seat_requested {
  static constexpr std::string_view name = "seat_requested";
  participant_id participant = 0;
};
struct seat_request_cancelled {
  static constexpr std::string_view name = "seat_request_cancelled";
  participant_id participant = 0;
};
struct participant_seated {
  static constexpr std::string_view name = "participant_seated";
  participant_id participant = 0;
};
struct participant_unseated {
  static constexpr std::string_view name = "participant_unseated";
  participant_id participant = 0;
};
// The moderator changes the run of show during the show (run_of_show.cpp): the current segment
// runs longer, or a segment still to come takes another's place.
struct segment_extended {
  static constexpr std::string_view name = "segment_extended";
  segment_id segment = 0;
  std::uint32_t minutes = 0;
};
struct segment_moved {
  static constexpr std::string_view name = "segment_moved";
  segment_id from = 0;
  segment_id to = 0;
};
// `automatic` came later: a format_set without it is a show the moderator advances.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(format_set, format, segments, seats, automatic)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(panelist_added, panelist, display_name, role, side, cred)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(segment_started, segment)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(panelist_stage_changed, panelist, on)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(floor_granted, who, allotted_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(floor_extended, ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(floor_ended, who)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(hand_raised, who, in)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(hand_lowered, who)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(seat_requested, participant)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(seat_request_cancelled, participant)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_seated, participant)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_unseated, participant)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(segment_extended, segment, minutes)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(segment_moved, from, to)
}  // namespace ev

namespace cmd {
struct add_panelist {
  std::string display_name;
  protocol::panel_role role = protocol::panel_role::guest;
  protocol::side side = protocol::side::none;
  credential cred;
};
struct set_format {
  protocol::show_format format = protocol::show_format::custom;
  std::vector<segment_spec> segments;
  std::uint32_t seats = 0;
  bool automatic = false;
};
// The room's clock: time has passed (the system actor only; see next_due()).
struct clock_tick {};
}  // namespace cmd

struct panelist {
  panelist_id id = 0;
  std::string name;
  protocol::panel_role role = protocol::panel_role::guest;
  protocol::side side = protocol::side::none;
  bool on_stage = true;
  credential cred;
};

// The current turn at the floor. Remaining time is started_at + allotted_ms + paused_ms - now.
struct floor_turn {
  speaker who;
  std::int64_t started_at = 0;
  std::int64_t allotted_ms = 0;
  std::int64_t paused_ms = 0;  // time the show spent paused during this turn
};

struct hand {
  speaker who;
  protocol::lane in = protocol::lane::new_point;
  std::int64_t raised_at = 0;
};

struct show_state {
  protocol::show_format format = protocol::show_format::talk_show;
  std::vector<segment_spec> segments;
  std::uint32_t seats = 0;
  protocol::show_status status = protocol::show_status::not_started;
  segment_id segment = 0;  // current, from 1; 0 before the show
  std::int64_t segment_started_at = 0;
  std::int64_t segment_paused_ms = 0;
  std::int64_t paused_at = 0;  // set while paused
  std::optional<floor_turn> floor;
  std::vector<hand> hands;
  std::vector<participant_id> seated;
  std::vector<participant_id> seat_requests;
  // When each seated audience member's seat time started: as they sat down, or as the segment
  // started, moved on by the time the show spent paused (clock.cpp rotates fishbowl seats).
  std::map<participant_id, std::int64_t> seated_since;
  std::map<std::string, std::int64_t> talk_ms;  // by speaker id ("g1", "p4")
  std::array<std::int64_t, 3> side_talk_ms{};   // none, for, against
  bool automatic = false;                       // segments advance on time (clock.cpp)
  std::vector<speaker> turns_taken;             // who had the floor in the current segment

  const segment_spec* current() const noexcept {
    return segment >= 1 && segment <= segments.size() ? &segments[segment - 1] : nullptr;
  }
  bool running() const noexcept {
    return status == protocol::show_status::running || status == protocol::show_status::paused;
  }
};

struct stage_state {
  show_state show;
  std::vector<panelist> panelists;  // panelists[id - 1]
  std::map<std::string, panelist_id, std::less<>> panelist_by_selector;
};

namespace stage {
using commands = type_list<cmd::add_panelist, cmd::set_format, protocol::start_show, protocol::advance, protocol::pause,
                           protocol::resume, protocol::end_show, protocol::set_on_stage, protocol::grant_floor,
                           protocol::extend_floor, protocol::end_floor, protocol::raise_hand, protocol::lower_hand,
                           protocol::request_seat, protocol::cancel_seat_request, protocol::seat, protocol::unseat,
                           cmd::clock_tick, protocol::extend_segment, protocol::move_segment>;
using events =
    type_list<ev::format_set, ev::panelist_added, ev::segment_started, ev::show_paused, ev::show_resumed,
              ev::show_ended, ev::panelist_stage_changed, ev::floor_granted, ev::floor_extended, ev::floor_ended,
              ev::hand_raised, ev::hand_lowered, ev::seat_requested, ev::seat_request_cancelled, ev::participant_seated,
              ev::participant_unseated, ev::segment_extended, ev::segment_moved>;
}  // namespace stage

// The run of show and the panel (show.cpp).
decision decide(const state& s, const context& c, const cmd::add_panelist& x);
decision decide(const state& s, const context& c, const cmd::set_format& x);
decision decide(const state& s, const context& c, const protocol::start_show& x);
decision decide(const state& s, const context& c, const protocol::advance& x);
decision decide(const state& s, const context& c, const protocol::pause& x);
decision decide(const state& s, const context& c, const protocol::resume& x);
decision decide(const state& s, const context& c, const protocol::end_show& x);
decision decide(const state& s, const context& c, const protocol::set_on_stage& x);
void apply(state& s, const event& e, const ev::format_set& x);
void apply(state& s, const event& e, const ev::panelist_added& x);
void apply(state& s, const event& e, const ev::segment_started& x);
void apply(state& s, const event& e, const ev::show_paused& x);
void apply(state& s, const event& e, const ev::show_resumed& x);
void apply(state& s, const event& e, const ev::show_ended& x);
void apply(state& s, const event& e, const ev::panelist_stage_changed& x);
protocol::ack_result result_of(const state& after, const cmd::add_panelist& x, const std::vector<event>& produced);

// The run of show changed during the show (run_of_show.cpp): moderators only, while it runs.
decision decide(const state& s, const context& c, const protocol::extend_segment& x);
decision decide(const state& s, const context& c, const protocol::move_segment& x);
void apply(state& s, const event& e, const ev::segment_extended& x);
void apply(state& s, const event& e, const ev::segment_moved& x);
protocol::data::format_set view_of(const state& s, const ev::segment_extended& x, view v);
protocol::data::format_set view_of(const state& s, const ev::segment_moved& x, view v);

// The floor and raised hands (floor.cpp).
decision decide(const state& s, const context& c, const protocol::grant_floor& x);
decision decide(const state& s, const context& c, const protocol::extend_floor& x);
decision decide(const state& s, const context& c, const protocol::end_floor& x);
decision decide(const state& s, const context& c, const protocol::raise_hand& x);
decision decide(const state& s, const context& c, const protocol::lower_hand& x);
void apply(state& s, const event& e, const ev::floor_granted& x);
void apply(state& s, const event& e, const ev::floor_extended& x);
void apply(state& s, const event& e, const ev::floor_ended& x);
void apply(state& s, const event& e, const ev::hand_raised& x);
void apply(state& s, const event& e, const ev::hand_lowered& x);
// Closes the current turn at `at`, adding its length to the talk-time balance.
void end_turn(state& s, std::int64_t at);
// Who speaks in turn in the current segment: the panelists on stage it gives the floor to, in
// order, For and Against alternating, then those without a side.
std::vector<speaker> turn_order(const state& s);

// The show's clock in automatic mode (clock.cpp): when something is next due (a vote to open or
// close, a turn to give, a segment to end), and what happens when the clock ticks.
std::optional<std::int64_t> next_due(const state& s);
// When each seated audience member's time on a seat is up (by speaker id, "p4"), while the show's
// clock rotates the seats: an automatic show in a fishbowl segment with a turn length. Empty
// otherwise. A pause under way is not counted yet (the show's paused_at says since when).
std::map<std::string, std::int64_t> seat_ends(const state& s);
decision decide(const state& s, const context& c, const cmd::clock_tick& x);
void drop_hand(state& s, const speaker& who);

// Fishbowl seats (seats.cpp).
decision decide(const state& s, const context& c, const protocol::request_seat& x);
decision decide(const state& s, const context& c, const protocol::cancel_seat_request& x);
decision decide(const state& s, const context& c, const protocol::seat& x);
decision decide(const state& s, const context& c, const protocol::unseat& x);
void apply(state& s, const event& e, const ev::seat_requested& x);
void apply(state& s, const event& e, const ev::seat_request_cancelled& x);
void apply(state& s, const event& e, const ev::participant_seated& x);
void apply(state& s, const event& e, const ev::participant_unseated& x);
// Seats on stage nobody holds, panelists on stage included.
std::uint32_t open_seats(const state& s);

// What the stage shows (views.cpp).
protocol::data::format_set view_of(const state& s, const ev::format_set& x, view v);
protocol::data::panelist_added view_of(const state& s, const ev::panelist_added& x, view v);
protocol::data::show_changed view_of(const state& s, const ev::segment_started& x, view v);
protocol::data::show_changed view_of(const state& s, const ev::show_paused& x, view v);
protocol::data::show_changed view_of(const state& s, const ev::show_resumed& x, view v);
protocol::data::show_ended view_of(const state& s, const ev::show_ended& x, view v);
protocol::data::panelist_stage_changed view_of(const state& s, const ev::panelist_stage_changed& x, view v);
protocol::data::floor_changed view_of(const state& s, const ev::floor_granted& x, view v);
protocol::data::floor_changed view_of(const state& s, const ev::floor_extended& x, view v);
protocol::data::floor_changed view_of(const state& s, const ev::floor_ended& x, view v);
protocol::data::hands_changed view_of(const state& s, const ev::hand_raised& x, view v);
protocol::data::hands_changed view_of(const state& s, const ev::hand_lowered& x, view v);
protocol::data::seats_changed view_of(const state& s, const ev::seat_requested& x, view v);
protocol::data::seats_changed view_of(const state& s, const ev::seat_request_cancelled& x, view v);
protocol::data::seats_changed view_of(const state& s, const ev::participant_seated& x, view v);
protocol::data::seats_changed view_of(const state& s, const ev::participant_unseated& x, view v);
protocol::wire::speaker_ref speaker_view(const state& s, const speaker& who);
protocol::wire::run_of_show run_of_show_view(protocol::show_format format, const std::vector<segment_spec>& segments,
                                             std::uint32_t seats, bool automatic = false);
void add_stage(protocol::snapshot& out, const state& s, view v, std::optional<participant_id> me);

// Rules other slices ask the stage about.
// Whether the audience may do `what` (protocol::audience_may bit) right now: always before the
// show starts and after it ends, else as the current segment says.
bool audience_may(const state& s, std::uint8_t what) noexcept;
bool on_stage(const state& s, const speaker& who) noexcept;
protocol::side side_of(const state& s, const speaker& who) noexcept;

// The format templates an organizer starts from (formats.cpp): Oxford-style, talk show, round
// table, fishbowl. Each is a run of show and a number of stage seats; organizers edit them freely.
std::vector<protocol::show_format> format_names();
std::optional<cmd::set_format> format_template(protocol::show_format name);
// The run of show an organizer asked for: a template's, with the segments and seats they gave.
cmd::set_format format_from(const protocol::rest::set_format& request);

}  // namespace tribune::engine
