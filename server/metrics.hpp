#pragma once
// Process metrics in the Prometheus text format, served at /metrics (on the admin listener when
// there is one). Every member is thread-safe (prometheus-cpp counters, gauges and histograms are
// atomic; the process figures are read under their own mutex).
#include <memory>
#include <mutex>
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

  std::string text() const;  // the exposition for /metrics, the process figures read afresh

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
  // Several nodes on one database: events another node wrote and this one folded in, appends that
  // found another node first, and how long after its decision an event reached this node.
  prometheus::Counter& events_caught_up;
  prometheus::Counter& append_conflicts;
  prometheus::Histogram& node_lag_seconds;

 private:
  explicit metrics(std::shared_ptr<prometheus::Registry> r);
  void sample_process() const;

  // tribune_build_info{version} 1, and the process_* figures of every Prometheus client.
  prometheus::Gauge& build_info_;
  prometheus::Gauge& resident_memory_;
  prometheus::Gauge& virtual_memory_;
  prometheus::Counter& cpu_seconds_;
  prometheus::Gauge& open_fds_;
  prometheus::Gauge& max_fds_;
  prometheus::Gauge& start_time_;
  mutable std::mutex sample_mutex_;  // one reading of /proc at a time: the CPU counter moves by deltas
  std::shared_ptr<prometheus::Registry> registry_;
};

}  // namespace tribune::server
