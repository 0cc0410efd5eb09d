#include "server/room/fanout.hpp"

#include <boost/asio/post.hpp>

namespace tribune::server {

void fanout::add(member m) {
  remove(m.key);  // a connection is a member once
  if (shards_.size() <= m.shard) shards_.resize(m.shard + 1);
  auto& group = shards_[m.shard];
  if (!group.executor) {
    if (auto sub = m.sub.lock()) group.executor = sub->executor();
  }
  group.stale = true;
  if (m.actor.role == protocol::role::audience) ++audience_;
  index_[m.key] = members_.size();
  members_.push_back(std::move(m));
}

void fanout::forget(std::size_t i) {
  const auto& m = members_[i];
  if (m.shard < shards_.size()) shards_[m.shard].stale = true;
  if (m.actor.role == protocol::role::audience) --audience_;
  index_.erase(m.key);
  if (i + 1 != members_.size()) {
    members_[i] = std::move(members_.back());
    index_[members_[i].key] = i;
  }
  members_.pop_back();
}

void fanout::remove(const subscriber* key) {
  if (const auto it = index_.find(key); it != index_.end()) forget(it->second);
}

void fanout::remove_if(const std::function<bool(const member&)>& leaving) {
  for (std::size_t i = 0; i < members_.size();) {
    if (members_[i].sub.expired() || leaving(members_[i])) {
      forget(i);  // the member moved into place i is looked at next
    } else {
      ++i;
    }
  }
}

void fanout::queue(shared_message public_view, shared_message moderator_view, protocol::panelist_id to,
                   shared_message addressed) {
  outbox_.push_back(message{std::move(public_view), std::move(moderator_view), to, std::move(addressed)});
}

void fanout::queue_for_screens(shared_message public_view, shared_message screens) {
  outbox_.push_back(message{std::move(public_view), std::move(screens), 0, nullptr, true});
}

void fanout::each(const std::function<void(const member&)>& visit) const {
  for (const auto& m : members_) visit(m);
}

const std::shared_ptr<const fanout::target_list>& fanout::targets_of(std::size_t shard) {
  auto& group = shards_[shard];
  if (group.stale) {
    auto targets = std::make_shared<target_list>();
    for (const auto& m : members_) {
      if (m.shard == shard && !m.sub.expired()) {
        const auto panelist = m.actor.role == protocol::role::panelist ? m.actor.panelist : 0;
        targets->push_back(
            target{m.sub, m.view == engine::view::moderator_view, panelist, m.actor.role == protocol::role::stage});
      }
    }
    group.targets = std::move(targets);
    group.stale = false;
  }
  return group.targets;
}

void fanout::flush() {
  if (outbox_.empty()) return;
  auto batch = std::make_shared<const outgoing>(std::move(outbox_));
  outbox_.clear();
  for (std::size_t shard = 0; shard < shards_.size(); ++shard) {
    const auto& targets = targets_of(shard);
    if (targets->empty()) continue;
    // Runs on the shard's strand, which is every one of its connections' strand: deliver() queues
    // straight into each connection, with no task per connection.
    boost::asio::post(shards_[shard].executor, [targets, batch, stats = &stats_] {
      std::size_t delivered = 0;
      for (const auto& t : *targets) {
        const auto sub = t.sub.lock();
        if (!sub) continue;
        std::size_t queued = 0;
        for (const auto& m : *batch) {
          if (const auto& bytes = m.for_target(t)) {
            sub->deliver(bytes);
            ++queued;
          }
        }
        if (queued != 0) sub->flush();
        delivered += queued;
      }
      stats->deliveries.Increment(static_cast<double>(delivered));
    });
  }
}

}  // namespace tribune::server
