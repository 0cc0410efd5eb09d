// The moderators by name: decisions, evolution and views.
#include "engine/team/team.hpp"

#include <cassert>

#include "engine/decision.hpp"
#include "engine/state.hpp"
#include "protocol/limits.hpp"

namespace tribune::engine {

using protocol::error_code;
using protocol::role;

namespace {

std::optional<rejection> refuse_non_organizer(const context& c) {
  if (c.who.role != role::organizer) return reject(error_code::forbidden, "only the organizer manages moderators");
  return std::nullopt;
}

bool exists(const state& s, moderator_id id) {
  if (id == first_moderator) return true;
  const auto* m = find_member(s, id);
  return m != nullptr && !m->removed;
}

}  // namespace

decision decide(const state& s, const context& c, const cmd::add_moderator& x) {
  if (auto refused = refuse_non_organizer(c)) return *refused;
  if (s.members.size() + 1 >= protocol::max_moderators) {
    return reject(error_code::invalid_field,
                  "a debate has at most " + std::to_string(protocol::max_moderators) + " moderator links");
  }
  const auto id = static_cast<moderator_id>(s.members.size() + 2);
  return events{ev::moderator_added{id, x.display_name, x.cred}};
}

decision decide(const state& s, const context& c, const cmd::rename_moderator& x) {
  if (auto refused = refuse_non_organizer(c)) return *refused;
  if (!exists(s, x.moderator)) return reject(error_code::not_found, "no such moderator");
  if (moderator_name(s, x.moderator) == x.display_name) return events{};
  return events{ev::moderator_renamed{x.moderator, x.display_name}};
}

decision decide(const state& s, const context& c, const cmd::remove_moderator& x) {
  if (auto refused = refuse_non_organizer(c)) return *refused;
  if (x.moderator == first_moderator) {
    return reject(error_code::invalid_field, "the first moderator link is replaced, not removed");
  }
  if (!exists(s, x.moderator)) return reject(error_code::not_found, "no such moderator");
  return events{ev::moderator_removed{x.moderator}};
}

decision decide(const state& s, const context& c, const cmd::show_moderator_names& x) {
  if (auto refused = refuse_non_organizer(c)) return *refused;
  if (s.names_public == x.names_public) return events{};
  return events{ev::moderator_names_shown{x.names_public}};
}

void apply(state& s, const event&, const ev::moderator_added& x) {
  assert(x.moderator == s.members.size() + 2);
  s.members.push_back(team_member{x.moderator, x.display_name, x.cred, false});
}

void apply(state& s, const event&, const ev::moderator_renamed& x) {
  if (x.moderator == first_moderator) {
    s.first_name = x.display_name;
  } else {
    s.members[x.moderator - 2].name = x.display_name;
  }
}

void apply(state& s, const event&, const ev::moderator_removed& x) { s.members[x.moderator - 2].removed = true; }

void apply(state& s, const event&, const ev::moderator_names_shown& x) { s.names_public = x.names_public; }

protocol::data::moderator_changed view_of(const state& s, const ev::moderator_added& x, view) {
  return {{x.moderator, std::string(moderator_name(s, x.moderator))}, false};
}

protocol::data::moderator_changed view_of(const state& s, const ev::moderator_renamed& x, view) {
  return {{x.moderator, std::string(moderator_name(s, x.moderator))}, false};
}

protocol::data::moderator_changed view_of(const state& s, const ev::moderator_removed& x, view) {
  return {{x.moderator, std::string(moderator_name(s, x.moderator))}, true};
}

protocol::data::moderator_names view_of(const state&, const ev::moderator_names_shown& x, view) {
  return {x.names_public};
}

protocol::ack_result result_of(const state&, const cmd::add_moderator&, const std::vector<event>& produced) {
  for (const auto& e : produced) {
    if (const auto* added = std::get_if<ev::moderator_added>(&e.body)) {
      return protocol::result::moderator_added{added->moderator, added->display_name};
    }
  }
  return protocol::result::none{};
}

const team_member* find_member(const state& s, moderator_id id) noexcept {
  return id >= 2 && id - 2 < s.members.size() ? &s.members[id - 2] : nullptr;
}

std::string_view moderator_name(const state& s, moderator_id id) noexcept {
  if (id == first_moderator) return s.first_name;
  const auto* m = find_member(s, id);
  return m != nullptr ? std::string_view(m->name) : std::string_view();
}

std::string_view acted_by(const state& s, moderator_id by, view v) noexcept {
  if (by == 0 || (v == view::public_view && !s.names_public)) return {};
  return moderator_name(s, by);
}

protocol::wire::team team_view(const state& s) {
  protocol::wire::team out;
  out.names_public = s.names_public;
  out.moderators.push_back({first_moderator, s.first_name});
  for (const auto& m : s.members) {
    if (!m.removed) out.moderators.push_back({m.id, m.name});
  }
  return out;
}

}  // namespace tribune::engine
