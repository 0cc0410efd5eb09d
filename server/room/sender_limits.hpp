#pragma once
// Rate limits per sender, kept by the room rather than by the connection, so that reconnecting
// does not refill them: commands (protocol::commands_per_second, burst command_burst) and
// reactions (reactions_per_second). Bounded: past max_senders the table starts afresh, which only
// ever lets more through. Not thread-safe: owned by one room, on its strand.
#include <cstddef>
#include <string>
#include <unordered_map>

#include "protocol/limits.hpp"
#include "server/rate_limit.hpp"

namespace tribune::server {

class sender_limits {
 public:
  static constexpr std::size_t max_senders = 100000;

  bool take_command(const std::string& sender, token_bucket::clock::time_point now = token_bucket::clock::now()) {
    return take(commands_, sender, protocol::commands_per_second, protocol::command_burst, now);
  }
  bool take_reaction(const std::string& sender, token_bucket::clock::time_point now = token_bucket::clock::now()) {
    return take(reactions_, sender, protocol::reactions_per_second, protocol::reactions_per_second, now);
  }

 private:
  using table = std::unordered_map<std::string, token_bucket>;
  static bool take(table& t, const std::string& sender, double rate, double burst,
                   token_bucket::clock::time_point now) {
    if (t.size() >= max_senders && !t.contains(sender)) t.clear();
    auto [it, inserted] = t.try_emplace(sender, rate, burst);
    return it->second.try_take(now);
  }
  table commands_;
  table reactions_;
};

}  // namespace tribune::server
