#pragma once
// Waiting inside the bench's coroutines: sleeps, polling for a condition, and the schedules that
// publishers, voters and askers follow. A scheduled action carries its scheduled time, so latency
// is measured from when it was due, never from when a late sender got to it (no coordinated
// omission).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "net.hpp"

namespace bench {

asio::awaitable<void> sleep_for(std::chrono::nanoseconds d);

// Polls `done` every 2 ms; false if `limit` passed first.
template <class Pred>
asio::awaitable<bool> wait_until(Pred done, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) co_return false;
    co_await sleep_for(std::chrono::milliseconds(2));
  }
  co_return true;
}

// Called with the action's number and scheduled time (steady ns); false: not possible yet.
using scheduled_action = std::function<bool(std::uint64_t k, std::int64_t scheduled)>;

// Runs act(k, start + k / per_second) for k in [0, count), each at its scheduled time. An action
// that returns false is tried again 1 ms later with the same k.
asio::awaitable<void> run_paced(std::int64_t start, double per_second, std::uint64_t count,
                                const scheduled_action& act);

// Runs act(i, scheduled) for i in [0, count), spread evenly over `seconds` from 5 ms from now.
// Returns the first scheduled time.
asio::awaitable<std::int64_t> spread_over(std::size_t count, double seconds, const scheduled_action& act);

// Calls top_up() every 200 µs until `end` (steady ns): unpaced publishers keep their window full.
asio::awaitable<void> top_up_until(std::int64_t end, const std::function<void()>& top_up);

// How long a fan-out may take to deliver what was published: an overloaded server keeps
// delivering long after the last send, and slow delivery is latency, not loss.
std::chrono::milliseconds drain_limit(double duration_s);

}  // namespace bench
