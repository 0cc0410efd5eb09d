// One idle timer per shard (server/idle_sweep.hpp), with a short timeout: a connection never heard
// from is pinged at half the timeout and cut off at the whole of it; one that keeps talking is
// left alone; a finished one is dropped; and the timer stops once the shard has no connection.
#include <gtest/gtest.h>

#include "server/idle_sweep.hpp"

namespace tribune::server {
namespace {

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

struct fake_connection final : idle_watched {
  steady::time_point last = steady::now();
  bool talking = false;  // heard just now, at every look
  bool over = false;
  int pings = 0;
  std::optional<steady::time_point> first_ping;
  std::optional<steady::time_point> expired;

  bool heard(steady::time_point& when) const override {
    if (over) return false;
    when = talking ? steady::now() : last;
    return true;
  }
  void ping() override {
    if (!first_ping) first_ping = steady::now();
    ++pings;
  }
  void expire() override { expired = steady::now(); }
};

TEST(idle_sweep, a_silent_connection_is_pinged_then_cut_off_and_a_talking_one_is_left_alone) {
  asio::io_context io;
  constexpr auto timeout = 400ms;
  idle_sweep sweep(io.get_executor(), timeout);
  const auto began = steady::now();
  auto silent = std::make_shared<fake_connection>();
  silent->last = began;  // last heard at `began` exactly, so each bound below is exact
  auto talking = std::make_shared<fake_connection>();
  talking->talking = true;
  auto finished = std::make_shared<fake_connection>();
  finished->over = true;
  sweep.add(silent);
  sweep.add(talking);
  sweep.add(finished);

  const auto give_up = steady::now() + 10s;
  while (!silent->expired && steady::now() < give_up) io.run_one_for(1s);
  ASSERT_TRUE(silent->expired) << "the silent connection was never cut off";
  EXPECT_GE(*silent->expired - began, timeout);
  ASSERT_TRUE(silent->first_ping) << "cut off without a ping first";
  EXPECT_GE(*silent->first_ping - began, timeout / 2);
  EXPECT_LT(*silent->first_ping, *silent->expired);
  EXPECT_EQ(talking->pings, 0);
  EXPECT_FALSE(talking->expired);
  EXPECT_EQ(sweep.size(), 1u) << "only the talking connection stays watched";

  // The last connection goes: the sweep notices at its next look and its timer stops.
  talking.reset();
  while (sweep.size() != 0 && steady::now() < give_up) io.run_one_for(1s);
  EXPECT_EQ(sweep.size(), 0u);
  io.run_for(2s);  // returns at once when nothing is left to wait for
  EXPECT_TRUE(io.stopped()) << "the timer is still armed with no connection";
}

}  // namespace
}  // namespace tribune::server
