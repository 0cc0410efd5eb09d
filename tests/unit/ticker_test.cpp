// The room's coalescing timer (server/room/ticker.hpp) on a real io_context. Timers never fire
// early, so each lower bound below is exact; upper bounds are kept loose for a busy machine.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include <boost/asio/io_context.hpp>

#include "server/room/ticker.hpp"

namespace tribune::server {
namespace {

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

struct ticks {
  boost::asio::io_context io;
  int count = 0;
  std::shared_ptr<int> alive = std::make_shared<int>(0);

  // Arms `t` once and runs until it has ticked; returns how long that took.
  steady::duration arm_and_wait(ticker& t) {
    io.restart();  // a previous wait may have run out of work
    const int before = count;
    const auto armed = steady::now();
    t.arm(alive);
    while (count == before) {
      if (io.run_one_for(10s) == 0) break;
    }
    EXPECT_EQ(count, before + 1) << "the ticker never called";
    return steady::now() - armed;
  }
};

TEST(ticker, without_a_quiet_time_one_change_waits_the_whole_period) {
  ticks t;
  ticker plain(t.io.get_executor(), 300ms, [&] { ++t.count; });
  EXPECT_GE(t.arm_and_wait(plain), 300ms);
  EXPECT_EQ(t.count, 1);
}

TEST(ticker, once_changes_stop_the_call_comes_after_the_quiet_time_within_a_budget) {
  ticks t;
  ticker quick(
      t.io.get_executor(), 3s, [&] { ++t.count; }, 20ms);
  // Two early calls are at hand: each comes well before the period.
  EXPECT_LT(t.arm_and_wait(quick), 2s);
  EXPECT_LT(t.arm_and_wait(quick), 2s);
  // The budget is spent (it refills by one a period): the third waits for the period's end.
  EXPECT_GE(t.arm_and_wait(quick), 2900ms);
  EXPECT_EQ(t.count, 3);
}

TEST(ticker, changes_that_keep_coming_are_coalesced_into_one_call_a_period) {
  ticks t;
  ticker quick(
      t.io.get_executor(), 400ms, [&] { ++t.count; }, 50ms);
  boost::asio::steady_timer every(t.io);
  const auto began = steady::now();
  // A change every 10 ms for 1 s: never quiet for 50 ms, so only the period ends call.
  std::function<void()> change = [&] {
    if (steady::now() - began > 1s) return;
    quick.arm(t.alive);
    every.expires_after(10ms);
    every.async_wait([&](boost::system::error_code ec) {
      if (!ec) change();
    });
  };
  change();
  t.io.run();
  const auto periods = static_cast<int>((steady::now() - began) / 400ms) + 1;
  EXPECT_GE(t.count, 1);
  // One call at each period's end, plus early calls from a budget of two that refills by one a
  // period: a machine that stalls the changes past the quiet time gets no more than that. Without
  // coalescing there would be a call per change, about a hundred.
  EXPECT_LE(t.count, 2 + 2 * periods) << "calls in " << periods << " periods of changes";
}

}  // namespace
}  // namespace tribune::server
