#pragma once
// What the fan-out listeners received, for Tribune and the reference peers alike: one latency per
// delivery, from the time its message was scheduled, and the figures both fan-out results share.
#include <cstddef>
#include <cstdint>

#include "histogram.hpp"
#include "net.hpp"
#include "options.hpp"

namespace bench {

struct fanout_deliveries {
  histogram latency;
  std::uint64_t received = 0;
  std::uint64_t bytes = 0;
  std::int64_t first_send = 0;
  std::int64_t last_receive = 0;

  void on_send(std::int64_t now) {
    if (!first_send) first_send = now;
  }
  void on_delivery(std::size_t size, std::int64_t now) {
    ++received;
    bytes += size;
    last_receive = now;
  }
  // mode, rate_target, duration_s, events_sent, events_per_s, deliveries, deliveries_per_s, lost,
  // latency_ms, event_bytes, drained, and lag when unpaced. `events` of the `sent` messages count
  // (the acknowledged ones, for Tribune), published until `publish_end`, each for `listeners`.
  json figures(const options& o, std::uint64_t sent, std::uint64_t events, std::int64_t publish_end,
               std::size_t listeners, bool drained) const;
};

}  // namespace bench
