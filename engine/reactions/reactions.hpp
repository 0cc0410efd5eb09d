#pragma once
// Reactions: applause, agree, disagree, laugh, confused. A click is not an event: the room counts
// clicks and records the totals from time to time (record_reactions); who may react is decided
// here (may_react), like every other permission. The audience's presence the same way: the room
// counts the audience's connections and records a new peak from time to time (record_audience),
// for the report.
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
// The most audience connections open at once so far. Sent to no screen: the report shows it.
struct audience_peaked {
  static constexpr std::string_view name = "audience_peaked";
  static constexpr bool coalesced = true;
  std::uint32_t connected = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(audience_peaked, connected)
}  // namespace ev

namespace cmd {
struct record_reactions {
  protocol::reaction_counts counts{};
};
// The room saw `connected` audience connections open at once.
struct record_audience {
  std::uint32_t connected = 0;
};
}  // namespace cmd

struct reactions_state {
  protocol::reaction_counts reactions{};  // recorded totals
  std::uint32_t peak_audience = 0;        // the highest audience_peaked
};

namespace reactions {
using commands = type_list<cmd::record_reactions, cmd::record_audience>;
using events = type_list<ev::reactions_recorded, ev::audience_peaked>;
}  // namespace reactions

decision decide(const state& s, const context& c, const cmd::record_reactions& x);
// A new peak only: a count at or below the recorded one records nothing.
decision decide(const state& s, const context& c, const cmd::record_audience& x);
void apply(state& s, const event& e, const ev::reactions_recorded& x);
void apply(state& s, const event& e, const ev::audience_peaked& x);
protocol::data::reactions_recorded view_of(const state& s, const ev::reactions_recorded& x, view v);

// Why `who` may not react now, or nullopt when they may.
std::optional<rejection> may_react(const state& s, const actor& who);

}  // namespace tribune::engine
