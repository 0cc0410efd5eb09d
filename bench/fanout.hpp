#pragma once
// Fan-out: publishers toggle pins and every listener receives every event. Paced, at --rate
// deliveries a second (rate / listeners events a second, each stamped with its scheduled time),
// or unpaced, with at most --window commands awaiting their ack and at most --lag events not yet
// delivered to every listener. Events are matched to their command by seq: the ack carries the
// seq of the event it caused, and a delivery that arrives before its ack waits in its slot.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "client_hooks.hpp"
#include "deliveries.hpp"
#include "net.hpp"
#include "publishers.hpp"
#include "replies.hpp"

namespace bench {

class runner;

struct publish_slot {
  std::int64_t scheduled = 0;  // ns; 0 = not acknowledged yet
  std::uint32_t received = 0;
  bool counted_full = false;
  std::vector<std::int64_t> early;  // receive times that arrived before the ack told us the seq
};

struct fanout_hooks : client_hooks {
  explicit fanout_hooks(std::size_t listeners) : live(listeners) {}

  // Sends p's next pin toggle, due at `scheduled`, and waits for its ack and its deliveries.
  void publish(publisher_state& p, std::int64_t scheduled);
  void on_reply(conn& c, std::string_view line, std::int64_t id, bool ok, std::int64_t seq, std::int64_t now) override;
  void on_event(conn& c, std::string_view line, std::int64_t seq, std::string_view name, std::int64_t now) override;
  void on_closed(conn& c) override;

  std::unordered_map<std::int64_t, publish_slot> slots;            // by seq
  std::unordered_map<std::int64_t, std::int64_t> scheduled_by_id;  // by key(publisher, command id)
  fanout_deliveries received;
  reply_tally replies;
  std::size_t live;
  std::uint64_t sent = 0, fully = 0;
  std::size_t outstanding = 0;

 private:
  static std::int64_t key(const conn& c, std::int64_t id) { return static_cast<std::int64_t>(c.index) << 32 | id; }
  void check_full(publish_slot& s);
};

asio::awaitable<void> run_fanout(runner& r);

}  // namespace bench
