// The engine's entry points: each routes a command or an event to the slice that owns it. Adding a
// command to a slice needs nothing here: the slices' type lists feed the variants, and overload
// resolution finds the slice's decide/apply/view_of.
#include "engine/engine.hpp"

#include <cassert>

namespace tribune::engine {

namespace {

template <class T, class List>
struct listed;
template <class T, class... L>
struct listed<T, type_list<L...>> : std::bool_constant<(std::is_same_v<T, L> || ...)> {};

}  // namespace

std::optional<command> to_command(protocol::client_body body) {
  return std::visit(
      [](auto&& x) -> std::optional<command> {
        using T = std::decay_t<decltype(x)>;
        if constexpr (listed<T, all_commands>::value) {
          return command{std::forward<decltype(x)>(x)};
        } else {
          return std::nullopt;
        }
      },
      std::move(body));
}

decision decide(const state& s, const context& c, const command& cmd) {
  if (!s.exists && !std::holds_alternative<cmd::create_debate>(cmd)) {
    return reject(protocol::error_code::not_found, "no such debate");
  }
  return std::visit(
      [&](const auto& x) -> decision {
        using C = std::decay_t<decltype(x)>;
        // The slice's own overload, by exact signature: a command without one does not compile.
        decision (*const one)(const state&, const context&, const C&) = &decide;
        return one(s, c, x);
      },
      cmd);
}

void evolve(state& s, const event& e) {
  assert(e.seq == s.seq + 1);
  std::visit([&](const auto& x) { apply(s, e, x); }, e.body);
  s.seq = e.seq;
}

protocol::ack_result result_of(const state& after, const command& cmd, const std::vector<event>& produced) {
  return std::visit(
      [&](const auto& x) -> protocol::ack_result {
        using C = std::decay_t<decltype(x)>;
        using one = protocol::ack_result (*)(const state&, const C&, const std::vector<event>&);
        if constexpr (requires { static_cast<one>(&result_of); }) {
          return static_cast<one>(&result_of)(after, x, produced);
        } else {
          return protocol::result::none{};
        }
      },
      cmd);
}

std::optional<holder> find_holder(const state& s, std::string_view selector) {
  if (selector.empty()) return std::nullopt;
  if (selector == s.moderator.selector) {
    return holder{actor{protocol::role::moderator, 0, 0, first_moderator}, &s.moderator};
  }
  for (const auto& m : s.members) {
    if (!m.removed && selector == m.cred.selector) return holder{actor{protocol::role::moderator, 0, 0, m.id}, &m.cred};
  }
  if (selector == s.stage.selector) return holder{actor{protocol::role::stage, 0, 0}, &s.stage};
  // The overlay sees what the stage sees; only its link differs.
  if (selector == s.overlay.selector) return holder{actor{protocol::role::stage, 0, 0}, &s.overlay};
  if (const auto it = s.panelist_by_selector.find(selector); it != s.panelist_by_selector.end()) {
    return holder{actor{protocol::role::panelist, 0, it->second}, &s.find_panelist(it->second)->cred};
  }
  if (const auto it = s.participant_by_selector.find(selector); it != s.participant_by_selector.end()) {
    return holder{actor{protocol::role::audience, it->second, 0}, &s.find_participant(it->second)->cred};
  }
  return std::nullopt;
}

protocol::welcome welcome_for(const state& s, const actor& who) {
  protocol::welcome w;
  w.seq = s.seq;
  w.as = who.role;
  w.debate = s.debate.id;
  if (who.role == protocol::role::audience) {
    if (const auto* p = s.find_participant(who.participant)) {
      w.participant = protocol::wire::participant_ref{p->id, p->name};
    }
  }
  if (who.role == protocol::role::moderator && who.moderator != 0) {
    w.moderator = protocol::wire::moderator{who.moderator, std::string(moderator_name(s, who.moderator))};
  }
  if (who.role == protocol::role::panelist) {
    if (const auto* p = s.find_panelist(who.panelist)) {
      w.panelist = protocol::panelist_identity{p->id, p->name, p->side, p->role, open_cues(s, p->id)};
    }
  }
  return w;
}

}  // namespace tribune::engine
