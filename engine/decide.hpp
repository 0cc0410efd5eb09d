#pragma once
// decide(state, actor, command) -> events | rejection. Pure: time and fresh credentials arrive
// inside the command, so the same inputs always give the same answer. Every permission of the
// product is checked here; the server only proves who the actor is.
#include <cstdint>
#include <variant>
#include <vector>

#include "engine/state.hpp"
#include "protocol/errors.hpp"
#include "protocol/messages.hpp"

namespace tribune::engine {

struct actor {
  protocol::role role = protocol::role::audience;
  participant_id participant = 0;  // set for the audience role only
  panelist_id panelist = 0;        // set for the panelist role only
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
struct add_panelist {
  std::string display_name;
  protocol::panel_role role = protocol::panel_role::guest;
  protocol::side side = protocol::side::none;
  credential cred;
};
struct set_format {
  std::string format;
  std::vector<segment_spec> segments;
  std::uint32_t seats = 0;
};
}  // namespace cmd

using command =
    std::variant<cmd::create_debate, cmd::join, protocol::ask, protocol::upvote, protocol::approve, protocol::dismiss,
                 protocol::mark_answered, protocol::pin, protocol::put_on_air, protocol::mute, protocol::ban,
                 cmd::set_moderation_private, cmd::rotate_links, cmd::record_reactions, cmd::add_panelist,
                 cmd::set_format, protocol::start_show, protocol::advance, protocol::pause, protocol::resume,
                 protocol::end_show, protocol::set_on_stage, protocol::grant_floor, protocol::extend_floor,
                 protocol::end_floor, protocol::raise_hand, protocol::lower_hand, protocol::request_seat,
                 protocol::cancel_seat_request, protocol::seat, protocol::unseat, protocol::post_argument,
                 protocol::approve_argument, protocol::dismiss_argument, protocol::feature_argument,
                 protocol::mark_addressed, protocol::rate_argument, protocol::create_poll, protocol::create_oxford_poll,
                 protocol::open_poll, protocol::close_poll, protocol::reveal_poll, protocol::vote>;

using rejection = protocol::error;
using decision = std::variant<std::vector<event_body>, rejection>;

decision decide(const state& s, const actor& who, const command& c);

}  // namespace tribune::engine
