#include "pacing.hpp"

#include <algorithm>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include "figures.hpp"
#include "net.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

asio::awaitable<void> wait_on(asio::steady_timer& timer, std::chrono::nanoseconds d) {
  timer.expires_after(d);
  co_await timer.async_wait(use_tuple);
}

}  // namespace

asio::awaitable<void> sleep_for(std::chrono::nanoseconds d) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  co_await wait_on(timer, d);
}

asio::awaitable<void> run_paced(std::int64_t start, double per_second, std::uint64_t count,
                                const scheduled_action& act) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto interval = 1e9 / per_second;
  for (std::uint64_t k = 0; k < count;) {
    const auto scheduled = start + static_cast<std::int64_t>(static_cast<double>(k) * interval);
    if (const auto now = now_ns(); now < scheduled) co_await wait_on(timer, std::chrono::nanoseconds(scheduled - now));
    if (act(k, scheduled)) {
      ++k;
    } else {
      co_await wait_on(timer, 1ms);
    }
  }
}

asio::awaitable<std::int64_t> spread_over(std::size_t count, double seconds, const scheduled_action& act) {
  const auto start = now_ns() + 5'000'000;
  const auto per_second = static_cast<double>(std::max<std::size_t>(count, 1)) / seconds;
  co_await run_paced(start, per_second, count, act);
  co_return start;
}

asio::awaitable<void> top_up_until(std::int64_t end, const std::function<void()>& top_up) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (now_ns() < end) {
    top_up();
    co_await wait_on(timer, 200us);
  }
}

std::chrono::milliseconds drain_limit(double duration_s) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::max(15.0, 6 * duration_s) * 1000));
}

}  // namespace bench
