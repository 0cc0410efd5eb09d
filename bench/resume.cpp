#include "resume.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>

#include "pacing.hpp"
#include "runner.hpp"

namespace bench {
namespace {

std::uint64_t failures = 0;

}  // namespace

std::uint64_t resume_failures() { return failures; }

asio::awaitable<void> resume(runner& r, conn& c) {
  static std::mt19937 rng(42);
  double backoff = 0.25;
  for (;;) {
    std::uniform_real_distribution<double> jitter(0.05, backoff);
    co_await sleep_for(std::chrono::nanoseconds(static_cast<std::int64_t>(jitter(rng) * 1e9)));
    // The previous stream is finished only once its last handler ran.
    if (c.writing || c.reading) continue;
    if (co_await r.clients().open(c)) {
      r.clients().greet(c);
      co_return;
    }
    ++failures;
    backoff = std::min(backoff * 2, 2.0);
  }
}

}  // namespace bench
