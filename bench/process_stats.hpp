#pragma once
// CPU time and resident memory of the measured server, read from /proc, and the generator's own
// CPU time: the figures that tell whether the server or the bench was the bottleneck.
namespace bench {

struct proc_sample {
  double cpu_s = 0;  // utime + stime
  long rss_kib = 0;  // VmRSS
};

// Zeros for pid <= 0 (no process to sample).
proc_sample sample_process(int pid);

// This process's user + system CPU seconds.
double self_cpu_s();

}  // namespace bench
