#pragma once
// Reactions: applause, agree, disagree, laugh, confused. A click is not an event: the room counts
// clicks and records the totals from time to time (record_reactions); who may react is decided
// here (may_react), like every other permission.
#include <optional>
#include <string_view>

#include "engine/types.hpp"
#include "protocol/event_data.hpp"
#include "protocol/messages.hpp"

namespace tribune::engine {

namespace ev {
struct reactions_recorded {
  static constexpr std::string_view name = "reactions_recorded";
  protocol::reaction_counts counts{};
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(reactions_recorded, counts)
}  // namespace ev

namespace cmd {
struct record_reactions {
  protocol::reaction_counts counts{};
};
}  // namespace cmd

struct reactions_state {
  protocol::reaction_counts reactions{};  // recorded totals
};

namespace reactions {
using commands = type_list<cmd::record_reactions>;
using events = type_list<ev::reactions_recorded>;
}  // namespace reactions

decision decide(const state& s, const context& c, const cmd::record_reactions& x);
void apply(state& s, const event& e, const ev::reactions_recorded& x);
protocol::data::reactions_recorded view_of(const state& s, const ev::reactions_recorded& x, view v);

// Why `who` may not react now, or nullopt when they may.
std::optional<rejection> may_react(const state& s, const actor& who);

}  // namespace tribune::engine
