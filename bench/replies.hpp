#pragma once
// Counts the replies to a scenario's commands: acks, errors with the last error's text, and for
// commands stamped when sent, the ack latency and the time of the last ack.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "histogram.hpp"
#include "net.hpp"

namespace bench {

struct reply_tally {
  std::uint64_t ok = 0;
  std::uint64_t errors = 0;
  std::string last_error;
  histogram latency;
  std::int64_t last_ack = 0;

  void count(bool good, std::string_view line) {
    if (good) {
      ++ok;
    } else {
      ++errors;
      last_error = std::string(line);
    }
  }
  // A reply to a command sent at `sent`, received at `now`.
  void count_timed(bool good, std::string_view line, std::int64_t sent, std::int64_t now) {
    count(good, line);
    if (!good) return;
    latency.record(now - sent);
    last_ack = std::max(last_ack, now);
  }
  std::uint64_t answered() const { return ok + errors; }
  // Adds last_error to a result line when any command failed.
  void report_error(json& r) const {
    if (errors) r["last_error"] = last_error;
  }
};

}  // namespace bench
