#include "deliveries.hpp"

#include <cmath>

#include "figures.hpp"
#include "net.hpp"

namespace bench {

json fanout_deliveries::figures(const options& o, std::uint64_t sent, std::uint64_t events, std::int64_t publish_end,
                                std::size_t listeners, bool drained) const {
  const bool paced = o.rate > 0;
  const auto expected = events * listeners;
  const auto span = seconds_between(first_send, last_receive);
  json r{{"mode", paced ? "paced" : "unpaced"},
         {"rate_target", o.rate},
         {"duration_s", o.duration},
         {"events_sent", sent},
         {"events_per_s", round3(static_cast<double>(events) / seconds_between(first_send, publish_end))},
         {"deliveries", received},
         {"deliveries_per_s", span > 0 ? std::round(static_cast<double>(received) / span) : 0},
         {"lost", expected > received ? expected - received : 0},
         {"latency_ms", latency.summary()},
         {"event_bytes", received ? round3(static_cast<double>(bytes) / static_cast<double>(received)) : 0},
         {"drained", drained}};
  if (!paced) r["lag"] = o.lag;
  return r;
}

}  // namespace bench
