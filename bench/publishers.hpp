#pragma once
// Publishers for Tribune: moderator connections. Each connection may send 20 commands a second
// (burst 40), so a pool spreads the load, each publisher staying under its own limit. Every
// publisher toggles `pin` on a question of its own: the smallest public event a moderator can
// cause, and one that can repeat without end.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "conn.hpp"
#include "net.hpp"

namespace bench {

class runner;

struct publisher_state {
  conn* c = nullptr;
  std::int64_t question = 0;
  bool pinned = false;
  double tokens = 18;
  std::int64_t refilled = 0;

  // Sends the next pin toggle; returns the command id.
  std::int64_t toggle_pin();
};

class publisher_pool {
 public:
  static constexpr double per_second = 18;  // under the server's 20/s
  static constexpr double burst = 18;       // under the server's 40

  // Opens `count` publishers, has a listener ask each one's question and approves it, then waits
  // for those events to reach every listener; false (after runner::fail) on any failure.
  asio::awaitable<bool> prepare(runner& r, std::size_t count);
  // A publisher with a token, round robin; nullptr when all are at their limit.
  publisher_state* take(std::int64_t now);
  std::size_t size() const { return pubs_.size(); }

 private:
  std::vector<publisher_state> pubs_;
  std::size_t next_ = 0;
};

// One moderator connection, welcomed (flash, questions); nullptr after runner::fail.
asio::awaitable<conn*> open_moderator(runner& r);

}  // namespace bench
