#pragma once
// Process metrics in the Prometheus text format, served at /metrics. Every member is thread-safe
// (prometheus-cpp counters, gauges and histograms are atomic).
#include <memory>
#include <string>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace tribune::server {

class metrics {
 public:
  metrics();
  ~metrics();
  metrics(const metrics&) = delete;
  metrics& operator=(const metrics&) = delete;

  std::string text() const;  // the exposition for /metrics

  prometheus::Counter& connections_total;
  prometheus::Gauge& connections_open;
  prometheus::Gauge& rooms;
  prometheus::Counter& events_appended;
  prometheus::Counter& deliveries;
  prometheus::Counter& slow_clients_closed;
  prometheus::Counter& commands_rejected;
  prometheus::Counter& commands_deduplicated;
  prometheus::Histogram& command_seconds;  // decided → acknowledged (durable)
  prometheus::Histogram& append_seconds;   // one group commit, as a room waits for it

 private:
  explicit metrics(std::shared_ptr<prometheus::Registry> r);
  std::shared_ptr<prometheus::Registry> registry_;
};

}  // namespace tribune::server
