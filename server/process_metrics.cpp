#include "server/process_metrics.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace tribune::server {
namespace {

// /proc/self/stat's fields after the command name, which is in parentheses and may hold spaces:
// fields[0] is the state (field 3 of proc(5)).
std::vector<std::string> stat_fields() {
  std::ifstream in("/proc/self/stat");
  const std::string line((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close = line.rfind(')');
  if (close == std::string::npos) return {};
  std::istringstream rest(line.substr(close + 1));
  return {std::istream_iterator<std::string>(rest), std::istream_iterator<std::string>()};
}

// The boot time, in seconds since the epoch (/proc/stat's btime).
double boot_time() {
  std::ifstream in("/proc/stat");
  for (std::string key; in >> key;) {
    if (key == "btime") {
      double t = 0;
      in >> t;
      return t;
    }
    in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  return 0;
}

double open_fds() {
  std::error_code ec;
  double n = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec)) ++n;
  return n > 0 ? n - 1 : 0;  // less the descriptor reading the folder
}

}  // namespace

std::optional<process_sample> sample_process() {
  const auto fields = stat_fields();
  // proc(5): utime 14, stime 15, starttime 22, vsize 23, rss 24; fields[0] is field 3.
  constexpr std::size_t utime = 14 - 3, stime = 15 - 3, starttime = 22 - 3, vsize = 23 - 3, rss = 24 - 3;
  if (fields.size() <= rss) return std::nullopt;
  const auto ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const auto page = static_cast<double>(sysconf(_SC_PAGESIZE));
  process_sample s;
  try {
    s.cpu_seconds = (std::stod(fields[utime]) + std::stod(fields[stime])) / ticks;
    s.start_time_seconds = boot_time() + std::stod(fields[starttime]) / ticks;
    s.virtual_memory_bytes = std::stod(fields[vsize]);
    s.resident_memory_bytes = std::stod(fields[rss]) * page;
  } catch (const std::exception&) {
    return std::nullopt;
  }
  s.open_fds = open_fds();
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) s.max_fds = static_cast<double>(limit.rlim_cur);
  return s;
}

}  // namespace tribune::server
