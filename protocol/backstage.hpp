#pragma once
// Backstage: what moderators say to a panelist without the room hearing it (a cue such as "wrap
// up", or a short note, which the panelist acknowledges) and what moderators say to each other. The
// commands, their bounds, and what is written of them. Who receives which is the engine's rule:
// moderators see everything; a cue reaches only the panelist it is addressed to; the public view,
// the public archive and the report never hold any of it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/ids.hpp"

namespace tribune::protocol {

class fields;

enum class cue_kind : std::uint8_t { thirty_seconds, wrap_up, you_are_next, speak_louder, note };
NLOHMANN_JSON_SERIALIZE_ENUM(cue_kind, {{cue_kind::thirty_seconds, "thirty_seconds"},
                                        {cue_kind::wrap_up, "wrap_up"},
                                        {cue_kind::you_are_next, "you_are_next"},
                                        {cue_kind::speak_louder, "speak_louder"},
                                        {cue_kind::note, "note"}})

constexpr std::size_t max_cue_chars = 200;            // a note to a panelist, read at a glance
constexpr std::size_t max_staff_message_chars = 500;  // a message between moderators
constexpr std::size_t backstage_kept_in_view = 100;   // cues, and messages, a moderator's snapshot holds

// A moderator to a panelist: a quick cue, or a note (`text`, required for a note and optional with
// a quick cue, which it then explains).
struct send_cue {
  static constexpr std::string_view type = "send_cue";
  panelist_id panelist = 0;
  cue_kind cue = cue_kind::note;
  std::string text;
  static send_cue read(const fields& f);
};
// The panelist it was sent to says they saw it.
struct acknowledge_cue {
  static constexpr std::string_view type = "acknowledge_cue";
  cue_id cue = 0;
  static acknowledge_cue read(const fields& f);
};
// A moderator to the other moderators.
struct post_staff_message {
  static constexpr std::string_view type = "post_staff_message";
  std::string text;
  static post_staff_message read(const fields& f);
};

namespace wire {
struct cue {
  cue_id id = 0;
  panelist_id panelist = 0;
  cue_kind kind = cue_kind::note;
  std::string text;
  std::int64_t at = 0;
  std::optional<std::int64_t> acknowledged_at;
};
struct staff_message {
  staff_message_id id = 0;
  std::string text;
  std::int64_t at = 0;
  std::string by;  // the name of the moderator who wrote it; empty: not named
};
// The moderators' snapshot part: the latest cues and messages, oldest first.
struct backstage {
  std::vector<cue> cues;
  std::vector<staff_message> messages;
};
void to_json(nlohmann::json& j, const cue& v);
void to_json(nlohmann::json& j, const staff_message& v);
void to_json(nlohmann::json& j, const backstage& v);
}  // namespace wire

namespace data {
// cue_sent, cue_acknowledged: to moderators and to the panelist addressed.
struct cue_changed {
  wire::cue cue;
};
// staff_message_posted: to moderators only.
struct staff_message_posted {
  wire::staff_message message;
};
void to_json(nlohmann::json& j, const cue_changed& v);
void to_json(nlohmann::json& j, const staff_message_posted& v);
}  // namespace data

}  // namespace tribune::protocol
