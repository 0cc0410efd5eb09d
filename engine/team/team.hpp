#pragma once
// The moderators by name. The debate's first moderator link is moderator 1 (debate/); the organizer
// names it, adds more links, each with its own name ("o2", "o3"…), renames and removes them. Every
// event a moderator's command produces says who acted (event::by): moderators always see the name;
// the public sees it only once the organizer names moderators in public. Team events are backstage:
// no public view, report or public archive ever holds a moderator's name or link.
#include <string>
#include <string_view>
#include <vector>

#include "engine/types.hpp"
#include "protocol/messages.hpp"
#include "protocol/team.hpp"

namespace tribune::engine {

using protocol::moderator_id;

// The debate's first link (debate_state::moderator), always present.
constexpr moderator_id first_moderator = 1;

namespace ev {
struct moderator_added {
  static constexpr std::string_view name = "moderator_added";
  static constexpr bool backstage = true;
  moderator_id moderator = 0;
  std::string display_name;
  credential cred;
};
struct moderator_renamed {
  static constexpr std::string_view name = "moderator_renamed";
  static constexpr bool backstage = true;
  moderator_id moderator = 0;
  std::string display_name;
};
struct moderator_removed {
  static constexpr std::string_view name = "moderator_removed";
  static constexpr bool backstage = true;
  moderator_id moderator = 0;
};
struct moderator_names_shown {
  static constexpr std::string_view name = "moderator_names_shown";
  static constexpr bool backstage = true;
  bool names_public = false;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(moderator_added, moderator, display_name, cred)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(moderator_renamed, moderator, display_name)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(moderator_removed, moderator)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(moderator_names_shown, names_public)
}  // namespace ev

namespace cmd {
// The organizer's, through REST.
struct add_moderator {
  std::string display_name;
  credential cred;
};
struct rename_moderator {
  moderator_id moderator = 0;
  std::string display_name;
};
struct remove_moderator {
  moderator_id moderator = 0;
};
struct show_moderator_names {
  bool names_public = false;
};
}  // namespace cmd

// A moderator link after the first one; the first one's credential is debate_state::moderator.
struct team_member {
  moderator_id id = 0;
  std::string name;
  credential cred;
  bool removed = false;
};

struct team_state {
  std::string first_name;            // the first link's name; empty until the organizer names it
  std::vector<team_member> members;  // moderator id n is members[n - 2]
  bool names_public = false;
};

namespace team {
using commands = type_list<cmd::add_moderator, cmd::rename_moderator, cmd::remove_moderator, cmd::show_moderator_names>;
using events = type_list<ev::moderator_added, ev::moderator_renamed, ev::moderator_removed, ev::moderator_names_shown>;
}  // namespace team

// The organizer only; at most max_moderators links in all, the removed ones included.
decision decide(const state& s, const context& c, const cmd::add_moderator& x);
decision decide(const state& s, const context& c, const cmd::rename_moderator& x);
// Any link but the first (which is replaced, never removed: POST /links).
decision decide(const state& s, const context& c, const cmd::remove_moderator& x);
decision decide(const state& s, const context& c, const cmd::show_moderator_names& x);

void apply(state& s, const event& e, const ev::moderator_added& x);
void apply(state& s, const event& e, const ev::moderator_renamed& x);
void apply(state& s, const event& e, const ev::moderator_removed& x);
void apply(state& s, const event& e, const ev::moderator_names_shown& x);

protocol::data::moderator_changed view_of(const state& s, const ev::moderator_added& x, view v);
protocol::data::moderator_changed view_of(const state& s, const ev::moderator_renamed& x, view v);
protocol::data::moderator_changed view_of(const state& s, const ev::moderator_removed& x, view v);
protocol::data::moderator_names view_of(const state& s, const ev::moderator_names_shown& x, view v);

protocol::ack_result result_of(const state& after, const cmd::add_moderator& x, const std::vector<event>& produced);

// A link after the first, removed or not; nullptr when there is none.
const team_member* find_member(const state& s, moderator_id id) noexcept;
// The name of a moderator link (empty: not named, or no such link).
std::string_view moderator_name(const state& s, moderator_id id) noexcept;
// The name a view may show for `by` (empty: none): moderators always, the public if names are public.
std::string_view acted_by(const state& s, moderator_id by, view v) noexcept;
// The moderators' snapshot part: every link not removed.
protocol::wire::team team_view(const state& s);

}  // namespace tribune::engine
