#pragma once
// The idempotency keys of a room's recent commands, each scoped to its sender ("a3/<key>"), with
// the seq of the command's last event. Bounded: past `capacity`, the oldest are forgotten first.
// Not thread-safe: owned by one room, on its strand.
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/types.hpp"

namespace tribune::server {

class idempotency_cache {
 public:
  explicit idempotency_cache(std::size_t capacity) : capacity_(capacity) {}

  bool contains(const std::string& scoped) const { return seqs_.contains(scoped); }
  void remember(std::string scoped, protocol::seq_t seq);
  // Forgets a key remembered for a command that was not recorded after all (a failed append).
  void forget(const std::string& scoped);
  std::size_t size() const noexcept { return seqs_.size(); }

 private:
  std::size_t capacity_;
  std::unordered_map<std::string, protocol::seq_t> seqs_;
  std::deque<std::string> order_;  // oldest first
};

// Who sent a command, as a short tag ("a3" for participant 3, "p2" for panelist 2,
// "moderator" for the first moderator link, "o4" for moderator 4).
std::string sender_tag(const engine::actor& who);
// A key as the room stores it: scoped to its sender, since two senders may choose the same key.
std::string scoped_key(const engine::actor& who, std::string_view key);

}  // namespace tribune::server
