#include "server/room/replay_tail.hpp"

namespace tribune::server {

void replay_tail::remember(encoded_event e) {
  events_.push_back(std::move(e));
  if (events_.size() > max_events_) events_.pop_front();
}

std::optional<std::vector<shared_message>> replay_tail::since(protocol::seq_t last_seq, protocol::seq_t committed,
                                                              engine::view v) const {
  if (last_seq > committed) return std::nullopt;
  std::vector<shared_message> out;
  if (last_seq == committed) return out;
  // The tail must reach back to the first event after last_seq; events it skips (coalesced
  // ballots and ratings) are not sent one by one anyway, nor backstage ones to the public view (whose
  // version is null; a panelist's cues come back with its welcome).
  if (events_.empty() || events_.front().seq > last_seq + 1) return std::nullopt;
  std::size_t bytes = 0;
  for (const auto& e : events_) {
    if (e.seq <= last_seq) continue;
    const auto& message = e.for_view(v);
    if (!message) continue;
    bytes += message->size();
    if (bytes > max_bytes_) return std::nullopt;
    out.push_back(message);
  }
  return out;
}

}  // namespace tribune::server
