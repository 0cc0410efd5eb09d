#pragma once
// decide(state, actor, command) -> events | rejection. Pure: time and fresh credentials arrive
// inside the command, so the same inputs always give the same answer. Every permission of the
// product is checked here; the server only proves who the actor is.
#include <cstdint>
#include <variant>
#include <vector>

#include "protocol/engine/state.hpp"
#include "protocol/errors.hpp"
#include "protocol/messages.hpp"

namespace tribune::engine {

struct actor {
  protocol::role role = protocol::role::audience;
  participant_id participant = 0;  // set for the audience role only
};

namespace cmd {
struct create_debate {
  debate_info debate;
  credential moderator;
  credential stage;
};
struct join {
  std::string display_name;  // empty: the engine names the participant "Guest N"
  credential cred;
};
struct set_moderation_private {
  bool is_private = false;
};
struct rotate_links {
  credential moderator;
  credential stage;
};
struct record_reactions {
  protocol::reaction_counts counts{};
};
}  // namespace cmd

using command = std::variant<cmd::create_debate, cmd::join, protocol::ask, protocol::upvote, protocol::approve,
                             protocol::dismiss, protocol::mark_answered, protocol::pin, protocol::put_on_air,
                             protocol::mute, protocol::ban, cmd::set_moderation_private, cmd::rotate_links,
                             cmd::record_reactions>;

using rejection = protocol::error;
using decision = std::variant<std::vector<event_body>, rejection>;

decision decide(const state& s, const actor& who, const command& c);

}  // namespace tribune::engine
