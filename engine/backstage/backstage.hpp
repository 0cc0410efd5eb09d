#pragma once
// Backstage: cues from the moderators to one panelist ("30 seconds", "wrap up", "you are next",
// "speak louder", or a short note), which that panelist acknowledges, and messages between
// moderators. Backstage events are in the log like any other (nothing is lost on a crash, and the
// organizer's private export holds them), but no public view ever sees them: moderators receive
// them all, a cue also reaches the panelist it names, and the public archive seals them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types.hpp"
#include "protocol/backstage.hpp"

namespace tribune::engine {

using protocol::cue_id;
using protocol::staff_message_id;

namespace ev {
struct cue_sent {
  static constexpr std::string_view name = "cue_sent";
  static constexpr bool backstage = true;
  cue_id cue = 0;
  panelist_id panelist = 0;
  protocol::cue_kind kind = protocol::cue_kind::note;
  std::string text;
};
struct cue_acknowledged {
  static constexpr std::string_view name = "cue_acknowledged";
  static constexpr bool backstage = true;
  cue_id cue = 0;
};
struct staff_message_posted {
  static constexpr std::string_view name = "staff_message_posted";
  static constexpr bool backstage = true;
  staff_message_id message = 0;
  std::string text;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(cue_sent, cue, panelist, kind, text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(cue_acknowledged, cue)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(staff_message_posted, message, text)
}  // namespace ev

struct cue {
  cue_id id = 0;
  panelist_id panelist = 0;
  protocol::cue_kind kind = protocol::cue_kind::note;
  std::string text;
  std::int64_t at = 0;
  std::optional<std::int64_t> acknowledged_at;
};
struct staff_message {
  staff_message_id id = 0;
  std::string text;
  std::int64_t at = 0;
  protocol::moderator_id by = 0;  // who wrote it (team/)
};

struct backstage_state {
  std::vector<cue> cues;  // by id: cues[id - 1]
  std::vector<staff_message> staff_messages;
};

namespace backstage {
using commands = type_list<protocol::send_cue, protocol::acknowledge_cue, protocol::post_staff_message>;
using events = type_list<ev::cue_sent, ev::cue_acknowledged, ev::staff_message_posted>;
}  // namespace backstage

// Moderators only, to a panelist of the debate.
decision decide(const state& s, const context& c, const protocol::send_cue& x);
// The panelist it was sent to only; acknowledging again changes nothing.
decision decide(const state& s, const context& c, const protocol::acknowledge_cue& x);
// Moderators only.
decision decide(const state& s, const context& c, const protocol::post_staff_message& x);

void apply(state& s, const event& e, const ev::cue_sent& x);
void apply(state& s, const event& e, const ev::cue_acknowledged& x);
void apply(state& s, const event& e, const ev::staff_message_posted& x);

protocol::data::cue_changed view_of(const state& s, const ev::cue_sent& x, view v);
protocol::data::cue_changed view_of(const state& s, const ev::cue_acknowledged& x, view v);
protocol::data::staff_message_posted view_of(const state& s, const ev::staff_message_posted& x, view v);

// The moderators' snapshot part: the latest cues and messages.
protocol::wire::backstage backstage_view(const state& s);
// The cues sent to `panelist` not yet acknowledged (their welcome carries them).
std::vector<protocol::wire::cue> open_cues(const state& s, panelist_id panelist);

}  // namespace tribune::engine
