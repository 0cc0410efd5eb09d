// Reactions: who may react, and the totals the room records from time to time.
#include "engine/reactions/reactions.hpp"

#include <algorithm>

#include "engine/decision.hpp"
#include "engine/state.hpp"

namespace tribune::engine {

using protocol::error_code;

std::optional<rejection> may_react(const state& s, const actor& who) {
  if (who.role != protocol::role::audience) return reject(error_code::forbidden, "only audience members react");
  const auto* p = s.find_participant(who.participant);
  if (p == nullptr) return reject(error_code::unauthorized, "unknown participant");
  if (p->banned) return reject(error_code::banned, "a moderator banned this participant");
  if (p->muted) return reject(error_code::muted, "a moderator muted this participant");
  if (s.show.status == protocol::show_status::ended) return reject(error_code::show_not_running, "the show has ended");
  return std::nullopt;
}

decision decide(const state&, const context& c, const cmd::record_reactions& x) {
  if (c.who.role != protocol::role::system) return reject(error_code::forbidden, "reactions are counted by the room");
  for (const auto n : x.counts) {
    if (n != 0) return events{ev::reactions_recorded{x.counts}};
  }
  return events{};
}

decision decide(const state& s, const context& c, const cmd::record_audience& x) {
  if (c.who.role != protocol::role::system) return reject(error_code::forbidden, "the audience is counted by the room");
  if (x.connected <= s.peak_audience) return events{};
  return events{ev::audience_peaked{x.connected}};
}

void apply(state& s, const event&, const ev::audience_peaked& x) {
  s.peak_audience = std::max(s.peak_audience, x.connected);
}

void apply(state& s, const event&, const ev::reactions_recorded& x) {
  for (std::size_t i = 0; i < x.counts.size(); ++i) s.reactions[i] += x.counts[i];
}

protocol::data::reactions_recorded view_of(const state&, const ev::reactions_recorded& x, view) { return {x.counts}; }

}  // namespace tribune::engine
