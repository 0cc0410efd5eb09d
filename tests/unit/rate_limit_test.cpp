#include "server/rate_limit.hpp"

#include <gtest/gtest.h>

namespace tribune::server {
namespace {

using namespace std::chrono_literals;
using bucket_clock = token_bucket::clock;

// Explicit time points, far from now: nothing here reads the clock or sleeps.
const bucket_clock::time_point start = bucket_clock::time_point{} + 1000h;

TEST(token_bucket, a_full_bucket_allows_its_burst_at_once_then_refuses) {
  token_bucket bucket(1.0, 3.0, start);
  EXPECT_TRUE(bucket.try_take(start));
  EXPECT_TRUE(bucket.try_take(start));
  EXPECT_TRUE(bucket.try_take(start));
  EXPECT_FALSE(bucket.try_take(start));
}

TEST(token_bucket, refills_at_its_rate) {
  token_bucket bucket(2.0, 2.0, start);
  EXPECT_TRUE(bucket.try_take(start));
  EXPECT_TRUE(bucket.try_take(start));
  EXPECT_FALSE(bucket.try_take(start + 499ms)) << "0.998 of a token";
  EXPECT_TRUE(bucket.try_take(start + 500ms)) << "one token after half a second at 2/s";
  EXPECT_FALSE(bucket.try_take(start + 500ms));
  EXPECT_TRUE(bucket.try_take(start + 1000ms));
}

TEST(token_bucket, never_refills_beyond_its_burst) {
  token_bucket bucket(10.0, 3.0, start);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(bucket.try_take(start));
  const auto later = start + 1h;  // 36,000 tokens' worth of time
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(bucket.try_take(later)) << i;
  EXPECT_FALSE(bucket.try_take(later));
}

TEST(token_bucket, a_time_before_the_last_one_seen_neither_drains_nor_refills) {
  token_bucket bucket(1.0, 1.0, start);
  EXPECT_TRUE(bucket.try_take(start + 10s));
  // Read before another caller's, then handed in late: no token appears, and none is lost.
  EXPECT_FALSE(bucket.try_take(start + 5s));
  EXPECT_TRUE(bucket.try_take(start + 11s)) << "one second after the latest time seen";
  EXPECT_FALSE(bucket.try_take(start + 11s));
}

}  // namespace
}  // namespace tribune::server
