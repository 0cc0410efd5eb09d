#pragma once
// The process's own figures, read from /proc/self when /metrics is scraped: the standard
// `process_*` metrics of Prometheus clients (memory, CPU, file descriptors, start time).
// Stateless; safe from any thread.
#include <optional>

namespace tribune::server {

struct process_sample {
  double resident_memory_bytes = 0;
  double virtual_memory_bytes = 0;
  double cpu_seconds = 0;  // user + system
  double open_fds = 0;
  double max_fds = 0;
  double start_time_seconds = 0;  // since the Unix epoch
};

// nullopt where /proc cannot be read (not Linux, or hidden).
std::optional<process_sample> sample_process();

}  // namespace tribune::server
