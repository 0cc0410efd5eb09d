#pragma once
// The last events a room sent, already encoded for each view, so that a client reconnecting with
// `last_seq` gets exactly what it missed without re-encoding. Bounded in events; a catch-up is also
// refused when it would not fit well inside a connection's outgoing queue (a client closed for
// falling behind would otherwise be closed again by its own catch-up): then a snapshot is sent.
// Not thread-safe: owned by one room, on its strand.
#include <cstddef>
#include <deque>
#include <optional>
#include <vector>

#include "engine/types.hpp"
#include "server/subscriber.hpp"

namespace tribune::server {

// A backstage event has no public version (null); a cue has its addressee's version.
struct encoded_event {
  protocol::seq_t seq = 0;
  shared_message public_view;
  shared_message moderator_view;
  protocol::panelist_id to = 0;
  shared_message addressed = nullptr;
  const shared_message& for_view(engine::view v) const {
    return v == engine::view::moderator_view ? moderator_view : public_view;
  }
};

class replay_tail {
 public:
  replay_tail(std::size_t max_events, std::size_t max_bytes) : max_events_(max_events), max_bytes_(max_bytes) {}

  void remember(encoded_event e);
  void forget() { events_.clear(); }

  // What a client that applied everything up to `last_seq` is missing, given that the room has
  // committed up to `committed`: the events after last_seq in order (possibly none), or nullopt
  // when the tail cannot tell (too old, too large, or from the future) and a snapshot is needed.
  std::optional<std::vector<shared_message>> since(protocol::seq_t last_seq, protocol::seq_t committed,
                                                   engine::view v) const;

 private:
  std::size_t max_events_;
  std::size_t max_bytes_;
  std::deque<encoded_event> events_;
};

}  // namespace tribune::server
