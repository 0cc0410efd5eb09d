#pragma once
// The server's wall clock, in milliseconds since the epoch: the time commands are decided at and
// events carry, and what pages synchronise their countdowns with. The engine reads no clock; the
// I/O layer passes this one in.
#include <chrono>
#include <cstdint>

namespace tribune::server {

inline std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace tribune::server
