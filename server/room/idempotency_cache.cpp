#include "server/room/idempotency_cache.hpp"

#include <algorithm>
#include <iterator>

namespace tribune::server {

void idempotency_cache::remember(std::string scoped, protocol::seq_t seq) {
  if (capacity_ == 0) return;
  if (seqs_.size() >= capacity_ && !seqs_.contains(scoped)) {
    seqs_.erase(order_.front());
    order_.pop_front();
  }
  if (seqs_.insert_or_assign(scoped, seq).second) order_.push_back(std::move(scoped));
}

void idempotency_cache::forget(const std::string& scoped) {
  if (seqs_.erase(scoped) == 0) return;
  // Remembered lately: searched from the newest.
  const auto it = std::find(order_.rbegin(), order_.rend(), scoped);
  if (it != order_.rend()) order_.erase(std::next(it).base());
}

std::string sender_tag(const engine::actor& who) {
  switch (who.role) {
    case protocol::role::audience: return "a" + std::to_string(who.participant);
    case protocol::role::panelist: return "p" + std::to_string(who.panelist);
    // The first moderator link keeps the tag it had before moderators had names.
    case protocol::role::moderator: return who.moderator > 1 ? "o" + std::to_string(who.moderator) : "moderator";
    default: return std::string(protocol::word(who.role));
  }
}

std::string scoped_key(const engine::actor& who, std::string_view key) {
  return sender_tag(who) + "/" + std::string(key);
}

}  // namespace tribune::server
