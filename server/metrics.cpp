#include "server/metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include "server/process_metrics.hpp"

#ifndef TRIBUNE_VERSION
#define TRIBUNE_VERSION "0.0.0"
#endif

namespace tribune::server {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;

// Latency buckets from 100 µs to 2.5 s: a commit with fsync sits in the low milliseconds.
const prometheus::Histogram::BucketBoundaries latency_buckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                                 0.025,  0.05,    0.1,    0.25,  0.5,    1.0,   2.5};

std::shared_ptr<prometheus::Registry> make_registry() { return std::make_shared<prometheus::Registry>(); }

prometheus::Gauge& gauge(prometheus::Registry& r, const std::string& name, const std::string& help) {
  return BuildGauge().Name(name).Help(help).Register(r).Add({});
}

prometheus::Counter& counter(prometheus::Registry& r, const std::string& name, const std::string& help) {
  return BuildCounter().Name(name).Help(help).Register(r).Add({});
}

prometheus::Histogram& latency(prometheus::Registry& r, const std::string& name, const std::string& help) {
  return BuildHistogram().Name(name).Help(help).Register(r).Add({}, latency_buckets);
}

}  // namespace

metrics::metrics() : metrics(make_registry()) {}

metrics::metrics(std::shared_ptr<prometheus::Registry> r)
    : connections_total(counter(*r, "tribune_websocket_connections_total", "WebSocket connections accepted")),
      connections_open(gauge(*r, "tribune_websocket_connections", "WebSocket connections open")),
      rooms(gauge(*r, "tribune_rooms", "Debates loaded in memory")),
      events_appended(counter(*r, "tribune_events_appended_total", "Events durably appended")),
      deliveries(counter(*r, "tribune_deliveries_total", "Messages queued to clients")),
      slow_clients_closed(
          counter(*r, "tribune_slow_clients_closed_total", "Connections closed for a full outgoing queue")),
      commands_rejected(counter(*r, "tribune_commands_rejected_total", "Commands refused with an error")),
      commands_deduplicated(counter(*r, "tribune_commands_deduplicated_total",
                                    "Retried commands recognised by their idempotency key and applied once")),
      command_seconds(latency(*r, "tribune_command_seconds", "From decision to durable acknowledgement")),
      append_seconds(latency(*r, "tribune_append_seconds", "One group commit, as seen by a room")),
      events_caught_up(
          counter(*r, "tribune_events_caught_up_total", "Events another node appended, folded into this node's rooms")),
      append_conflicts(counter(*r, "tribune_append_conflicts_total",
                               "Appends another node got to first, decided again after a catch-up")),
      node_lag_seconds(
          latency(*r, "tribune_node_lag_seconds", "From another node's decision to this node folding the event in")),
      build_info_(BuildGauge()
                      .Name("tribune_build_info")
                      .Help("Always 1; the version of the running binary in its label")
                      .Register(*r)
                      .Add({{"version", TRIBUNE_VERSION}})),
      resident_memory_(gauge(*r, "process_resident_memory_bytes", "Resident memory size in bytes")),
      virtual_memory_(gauge(*r, "process_virtual_memory_bytes", "Virtual memory size in bytes")),
      cpu_seconds_(counter(*r, "process_cpu_seconds_total", "User and system CPU time spent in seconds")),
      open_fds_(gauge(*r, "process_open_fds", "Number of open file descriptors")),
      max_fds_(gauge(*r, "process_max_fds", "Maximum number of open file descriptors")),
      start_time_(gauge(*r, "process_start_time_seconds", "Start time of the process since the Unix epoch in seconds")),
      registry_(std::move(r)) {
  build_info_.Set(1);
}

metrics::~metrics() = default;

void metrics::sample_process() const {
  const auto s = server::sample_process();
  if (!s) return;
  const std::lock_guard lock(sample_mutex_);
  resident_memory_.Set(s->resident_memory_bytes);
  virtual_memory_.Set(s->virtual_memory_bytes);
  open_fds_.Set(s->open_fds);
  max_fds_.Set(s->max_fds);
  start_time_.Set(s->start_time_seconds);
  if (s->cpu_seconds > cpu_seconds_.Value()) cpu_seconds_.Increment(s->cpu_seconds - cpu_seconds_.Value());
}

std::string metrics::text() const {
  sample_process();
  return prometheus::TextSerializer().Serialize(registry_->Collect());
}

}  // namespace tribune::server
