#include "measurement.hpp"

#include "figures.hpp"
#include "net.hpp"

namespace bench {

void measurement::begin() {
  cpu_start_ = sample_process(pid_);
  bench_cpu_start_ = self_cpu_s();
  t_start_ = now_ns();
}

void measurement::server_restarted(int pid) {
  pid_ = pid;
  cpu_start_ = proc_sample{};
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
  r["bench_cpu_s"] = round3(self_cpu_s() - bench_cpu_start_);
  r["wall_s"] = round3(wall);
}

}  // namespace bench
