#pragma once
// The figures every run reports about its measured phase: the server's CPU time and memory from
// /proc, the generator's own CPU time, the wall time, and the server memory per idle connection.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "net.hpp"
#include "process_stats.hpp"

namespace bench {

class measurement {
 public:
  // pid <= 0: no server to sample (attached without --server-pid).
  explicit measurement(int server_pid) : pid_(server_pid) {}

  // Before the listeners open, and once they idle: rss_per_conn_kib is the difference per listener.
  void before_connections() { rss_before_ = sample_process(pid_).rss_kib; }
  void connections_idle() { rss_idle_ = sample_process(pid_).rss_kib; }
  // Starts the measured phase: server and generator CPU, and the wall clock.
  void begin();
  // The server was restarted as `pid`: its CPU time counts from zero.
  void server_restarted(int pid);
  int server_pid() const { return pid_; }
  // Several nodes: the first is the server above; each node's CPU is sampled too, and
  // server_cpu_s becomes their sum (server_cpu_s_per_node beside it).
  void set_nodes(std::vector<int> pids) { nodes_ = std::move(pids); }
  // Node `i` was restarted as `pid`: its CPU counts from zero (the killed process's is lost).
  void node_restarted(std::size_t i, int pid);

  // server_cpu_s, server_cpu_util, server_rss_kib, rss_per_conn_kib, bench_cpu_s and wall_s.
  void add_figures(json& r, std::size_t listeners) const;

 private:
  int pid_;
  std::vector<int> nodes_;
  std::vector<proc_sample> node_start_;
  long rss_before_ = 0;
  long rss_idle_ = 0;
  proc_sample cpu_start_;
  std::int64_t t_start_ = 0;
  double bench_cpu_start_ = 0;
};

}  // namespace bench
