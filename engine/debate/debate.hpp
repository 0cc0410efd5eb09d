#pragma once
// The debate itself and its people: creating it, audience members joining, the moderator, stage and
// overlay links being replaced (each on its own, or several at once).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/privacy/privacy.hpp"
#include "engine/types.hpp"
#include "protocol/event_data.hpp"
#include "protocol/messages.hpp"

namespace tribune::engine {

namespace ev {
struct debate_created {
  static constexpr std::string_view name = "debate_created";
  debate_info debate;
  credential moderator;
  credential stage;
  credential overlay;  // empty in debates created before the overlay had a link of its own
};
// A name the participant gave is kept beside the log (`name_ref`, privacy.hpp); a name the engine
// gave ("Guest N", `name_ref` 0) is written in the body, as every name was before names were kept
// beside it.
struct participant_joined {
  static constexpr std::string_view name = "participant_joined";
  participant_id participant = 0;
  std::string display_name;
  credential cred;
  std::uint32_t name_ref = 0;
  std::string flag{};  // the word of the debate's list the name holds (flags/), empty for none
};
// A credential with an empty selector is a link left as it was.
struct links_rotated {
  static constexpr std::string_view name = "links_rotated";
  credential moderator;
  credential stage;
  credential overlay;
};
// Events logged before the overlay link existed lack "overlay": it reads as empty.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(debate_created, debate, moderator, stage, overlay)
void to_json(nlohmann::json& j, const participant_joined& x);
void from_json(const nlohmann::json& j, participant_joined& x);
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(links_rotated, moderator, stage, overlay)
}  // namespace ev

namespace cmd {
struct create_debate {
  debate_info debate;
  credential moderator;
  credential stage;
  credential overlay;
};
struct join {
  std::string display_name;  // empty: the engine names the participant "Guest N"
  credential cred;
};
// Replaces the links whose credential is given (non-empty selector); the others keep working.
struct rotate_links {
  credential moderator;
  credential stage;
  credential overlay;
};
}  // namespace cmd

struct participant {
  participant_id id = 0;
  std::string name;
  bool muted = false;
  bool banned = false;
  credential cred;
  std::uint32_t name_ref = 0;  // the name kept beside the log; 0: a name the engine gave
  std::optional<left_contact> contact;
  std::string flag;  // flags/: what flagged the name, for the moderators
};

struct debate_state {
  bool exists = false;
  debate_info debate;
  credential moderator;
  credential stage;
  credential overlay;                     // a read-only view like the stage's, for a broadcast tool
  std::vector<participant> participants;  // participants[id - 1]
  std::map<std::string, participant_id, std::less<>> participant_by_selector;
  std::uint32_t kept_refs = 0;  // the last ref given to a text kept beside the log
};

namespace debate {
using commands = type_list<cmd::create_debate, cmd::join, cmd::rotate_links>;
using events = type_list<ev::debate_created, ev::participant_joined, ev::links_rotated>;
}  // namespace debate

decision decide(const state& s, const context& c, const cmd::create_debate& x);
decision decide(const state& s, const context& c, const cmd::join& x);
decision decide(const state& s, const context& c, const cmd::rotate_links& x);

void apply(state& s, const event& e, const ev::debate_created& x);
void apply(state& s, const event& e, const ev::participant_joined& x);
void apply(state& s, const event& e, const ev::links_rotated& x);

protocol::data::debate_created view_of(const state& s, const ev::debate_created& x, view v);
protocol::data::participant_joined view_of(const state& s, const ev::participant_joined& x, view v);
protocol::data::nothing view_of(const state& s, const ev::links_rotated& x, view v);

protocol::ack_result result_of(const state& after, const cmd::join& x, const std::vector<event>& produced);

// Why `who` may not act as an audience member now (not one, unknown, banned), or nullopt.
std::optional<rejection> refuse_audience(const state& s, const actor& who);

protocol::wire::debate debate_view(const debate_info& d);
protocol::wire::participant_ref participant_ref(const state& s, participant_id id);
void add_debate(protocol::snapshot& out, const state& s, view v, std::optional<participant_id> me);

}  // namespace tribune::engine
