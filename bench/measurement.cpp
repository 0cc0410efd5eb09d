#include "measurement.hpp"

#include "figures.hpp"
#include "net.hpp"

namespace bench {

void measurement::begin() {
  cpu_start_ = sample_process(pid_);
  node_start_.clear();
  for (const int pid : nodes_) node_start_.push_back(sample_process(pid));
  bench_cpu_start_ = self_cpu_s();
  t_start_ = now_ns();
}

void measurement::server_restarted(int pid) {
  pid_ = pid;
  cpu_start_ = proc_sample{};
}

void measurement::node_restarted(std::size_t i, int pid) {
  if (i >= nodes_.size()) return;
  nodes_[i] = pid;
  if (i < node_start_.size()) node_start_[i] = proc_sample{};
  if (i == 0) server_restarted(pid);
}

void measurement::add_figures(json& r, std::size_t listeners) const {
  const auto end = sample_process(pid_);
  const auto wall = seconds_between(t_start_, now_ns());
  if (pid_ > 0) {
    r["server_cpu_s"] = round3(end.cpu_s - cpu_start_.cpu_s);
    r["server_cpu_util"] = round3((end.cpu_s - cpu_start_.cpu_s) / wall);
    r["server_rss_kib"] = end.rss_kib;
    if (rss_idle_ && listeners > 0) {
      r["rss_per_conn_kib"] = round3(static_cast<double>(rss_idle_ - rss_before_) / static_cast<double>(listeners));
    }
  }
  if (nodes_.size() > 1 && node_start_.size() == nodes_.size()) {
    double sum = 0;
    json per_node = json::array();
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const double cpu = sample_process(nodes_[i]).cpu_s - node_start_[i].cpu_s;
      sum += cpu;
      per_node.push_back(round3(cpu));
    }
    r["server_cpu_s"] = round3(sum);
    r["server_cpu_util"] = round3(sum / wall);
    r["server_cpu_s_per_node"] = per_node;
  }
  r["bench_cpu_s"] = round3(self_cpu_s() - bench_cpu_start_);
  r["wall_s"] = round3(wall);
}

}  // namespace bench
