// Webhook signatures as the Standard Webhooks specification computes them (its published example),
// fresh secrets in its format, and the backoff's doubling up to its cap.
#include "server/webhooks/signing.hpp"

#include <gtest/gtest.h>

#include <sodium.h>

#include "server/webhooks/outbox.hpp"

namespace tribune::server::webhooks {
namespace {

TEST(webhook_signing, the_specifications_example_signs_the_same) {
  const auto s = sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                      R"({"test": 2432232314})");
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  EXPECT_NE(*sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331,
                  R"({"test": 2432232314})"),
            *s)
      << "the timestamp is signed";
  EXPECT_FALSE(sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", 1, "{}")) << "not a whsec_ secret";
  EXPECT_FALSE(sign("whsec_***", "msg_1", 1, "{}"));
}

TEST(webhook_signing, fresh_secrets_are_32_random_bytes_each_different) {
  ASSERT_GE(sodium_init(), 0);
  const auto a = new_secret();
  const auto b = new_secret();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.rfind("whsec_", 0), 0u);
  EXPECT_EQ(a.size(), 6u + 44u) << "base64 of 32 bytes";
  EXPECT_TRUE(sign(a, "msg_1", 1, "{}"));
}

TEST(webhook_signing, retries_wait_twice_as_long_each_time_up_to_the_cap) {
  outbox_options o;
  o.retry_base = std::chrono::seconds(5);
  o.retry_cap = std::chrono::hours(1);
  EXPECT_EQ(backoff(o, 1), std::chrono::seconds(5));
  EXPECT_EQ(backoff(o, 2), std::chrono::seconds(10));
  EXPECT_EQ(backoff(o, 4), std::chrono::seconds(40));
  EXPECT_EQ(backoff(o, 20), std::chrono::hours(1));
  // Retried for at least 24 hours: the attempts until give_up_after span more than a day.
  std::chrono::milliseconds waited{0};
  std::uint32_t attempts = 0;
  while (waited < o.give_up_after) waited += backoff(o, ++attempts);
  EXPECT_GE(o.give_up_after, std::chrono::hours(24));
  EXPECT_GT(attempts, 24u);
}

}  // namespace
}  // namespace tribune::server::webhooks
