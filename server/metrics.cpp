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

}  // namespace

metrics::metrics() : metrics(make_registry()) {}

metrics::metrics(std::shared_ptr<prometheus::Registry> r)
    : connections_total(BuildCounter()
                            .Name("tribune_websocket_connections_total")
                            .Help("WebSocket connections accepted")
                            .Register(*r)
                            .Add({})),
      connections_open(
          BuildGauge().Name("tribune_websocket_connections").Help("WebSocket connections open").Register(*r).Add({})),
      rooms(BuildGauge().Name("tribune_rooms").Help("Debates loaded in memory").Register(*r).Add({})),
      events_appended(
          BuildCounter().Name("tribune_events_appended_total").Help("Events durably appended").Register(*r).Add({})),
      deliveries(
          BuildCounter().Name("tribune_deliveries_total").Help("Messages queued to clients").Register(*r).Add({})),
      slow_clients_closed(BuildCounter()
                              .Name("tribune_slow_clients_closed_total")
                              .Help("Connections closed for a full outgoing queue")
                              .Register(*r)
                              .Add({})),
      commands_rejected(BuildCounter()
                            .Name("tribune_commands_rejected_total")
                            .Help("Commands refused with an error")
                            .Register(*r)
                            .Add({})),
      commands_deduplicated(BuildCounter()
                                .Name("tribune_commands_deduplicated_total")
                                .Help("Retried commands recognised by their idempotency key and applied once")
                                .Register(*r)
                                .Add({})),
      command_seconds(BuildHistogram()
                          .Name("tribune_command_seconds")
                          .Help("From decision to durable acknowledgement")
                          .Register(*r)
                          .Add({}, latency_buckets)),
      append_seconds(BuildHistogram()
                         .Name("tribune_append_seconds")
                         .Help("One group commit, as seen by a room")
                         .Register(*r)
                         .Add({}, latency_buckets)),
      events_caught_up(BuildCounter()
                           .Name("tribune_events_caught_up_total")
                           .Help("Events another node appended, folded into this node's rooms")
                           .Register(*r)
                           .Add({})),
      append_conflicts(BuildCounter()
                           .Name("tribune_append_conflicts_total")
                           .Help("Appends another node got to first, decided again after a catch-up")
                           .Register(*r)
                           .Add({})),
      node_lag_seconds(BuildHistogram()
                           .Name("tribune_node_lag_seconds")
                           .Help("From another node's decision to this node folding the event in")
                           .Register(*r)
                           .Add({}, latency_buckets)),
      build_info_(BuildGauge()
                      .Name("tribune_build_info")
                      .Help("Always 1; the version of the running binary in its label")
                      .Register(*r)
                      .Add({{"version", TRIBUNE_VERSION}})),
      resident_memory_(gauge(*r, "process_resident_memory_bytes", "Resident memory size in bytes")),
      virtual_memory_(gauge(*r, "process_virtual_memory_bytes", "Virtual memory size in bytes")),
      cpu_seconds_(BuildCounter()
                       .Name("process_cpu_seconds_total")
                       .Help("User and system CPU time spent in seconds")
                       .Register(*r)
                       .Add({})),
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
