#pragma once
// A room's members and the delivery of its messages to them. Members are grouped by the shard
// (I/O strand) their connection lives on; each group's target list is an immutable snapshot,
// rebuilt only after a member of that shard joins or leaves, and shared with the shard's delivery
// task. Messages queue in an outbox (a public and a moderator version each, often the same bytes)
// and flush() hands the whole outbox to each shard in one task: one group commit costs one task
// per shard, not one per connection. A backstage message has no public version: moderators get it,
// and the one panelist it is addressed to gets a version of their own. Not thread-safe: owned by
// one room, on its strand.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "engine/types.hpp"
#include "server/metrics.hpp"
#include "server/subscriber.hpp"

namespace tribune::server {

struct member {
  std::weak_ptr<subscriber> sub;
  const subscriber* key = nullptr;
  engine::view view = engine::view::public_view;
  engine::actor actor;
  std::string selector;  // the credential the connection proved, to revoke it when links change
  std::size_t shard = 0;
};

class fanout {
 public:
  explicit fanout(metrics& stats) : stats_(stats) {}

  void add(member m);
  // Forgets the member on connection `key`, if any: constant time, so a crowd leaving at once costs
  // one step per connection, not one pass over the room each.
  void remove(const subscriber* key);
  // Forgets the members `leaving` selects, and those whose connection is gone.
  void remove_if(const std::function<bool(const member&)>& leaving);
  std::size_t size() const noexcept { return members_.size(); }
  // The members on audience links (people watching), of size().
  std::size_t audience() const noexcept { return audience_; }

  // `public_view` null: the public view gets nothing, but the panelist `to` (if any) gets `addressed`.
  void queue(shared_message public_view, shared_message moderator_view, protocol::panelist_id to = 0,
             shared_message addressed = nullptr);
  // A message whose moderator version also goes to the big screens (stage and overlay links); a
  // null version is sent to none of its targets.
  void queue_for_screens(shared_message public_view, shared_message screens);
  // Every member, for what goes to one person's connections alone.
  void each(const std::function<void(const member&)>& visit) const;
  void flush();

 private:
  struct target {
    std::weak_ptr<subscriber> sub;
    bool moderator = false;
    protocol::panelist_id panelist = 0;  // a panelist's connection
    bool screen = false;                 // a stage or overlay link
  };
  struct message {
    shared_message public_view;
    shared_message moderator_view;
    protocol::panelist_id to = 0;
    shared_message addressed;
    bool screens = false;  // the big screens get the moderator version
    const shared_message& for_target(const target& t) const {
      if (t.moderator || (screens && t.screen)) return moderator_view;
      return to != 0 && t.panelist == to ? addressed : public_view;
    }
  };
  using target_list = std::vector<target>;
  struct shard_group {
    boost::asio::any_io_executor executor;
    std::shared_ptr<const target_list> targets;
    bool stale = true;
  };
  using outgoing = std::vector<message>;

  const std::shared_ptr<const target_list>& targets_of(std::size_t shard);
  // Drops members_[i], moving the last member into its place.
  void forget(std::size_t i);

  metrics& stats_;
  std::vector<member> members_;                               // in no particular order
  std::unordered_map<const subscriber*, std::size_t> index_;  // a member's place in members_
  std::size_t audience_ = 0;
  std::vector<shard_group> shards_;  // indexed by subscriber::shard()
  outgoing outbox_;
};

}  // namespace tribune::server
