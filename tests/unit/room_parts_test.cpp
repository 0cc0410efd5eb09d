// The room's parts that hold no socket: the reaction meter (what a tick broadcasts), the replay
// tail (what a reconnecting client is sent), the idempotency cache (what it forgets first), and the
// fan-out's members (who is sent what, after others left).
// Time is passed in; nothing sleeps.
#include "server/room/reaction_meter.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "server/room/fanout.hpp"
#include "server/room/idempotency_cache.hpp"
#include "server/room/replay_tail.hpp"

namespace tribune::server {
namespace {

using namespace std::chrono_literals;
using protocol::reaction_kind;
using clock = reaction_meter::clock;

// A whole second on the steady clock, so that the meter's one-second buckets line up.
const clock::time_point t0 = clock::time_point(std::chrono::seconds(1000000));

TEST(reaction_meter, a_click_shows_in_the_totals_and_the_recent_meter_once) {
  reaction_meter meter;
  meter.count(reaction_kind::agree, t0);
  meter.count(reaction_kind::agree, t0 + 100ms);
  const auto first = meter.tick({}, t0 + 200ms);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->totals[1], 2u);
  EXPECT_EQ(first->recent[1], 2u);
  EXPECT_FALSE(meter.tick({}, t0 + 400ms)) << "nothing changed: nothing to send";
}

TEST(reaction_meter, the_meter_falls_back_to_zero_then_stays_silent) {
  reaction_meter meter;
  meter.count(reaction_kind::laugh, t0);
  ASSERT_TRUE(meter.tick({}, t0 + 200ms));
  EXPECT_TRUE(meter.moving(t0 + 4s));
  EXPECT_FALSE(meter.tick({}, t0 + 4s)) << "still within the window: the same figures";
  const auto fall = meter.tick({}, t0 + 5s);
  ASSERT_TRUE(fall) << "the click left the window: the fall is sent";
  EXPECT_EQ(fall->recent[3], 0u);
  EXPECT_EQ(fall->totals[3], 1u);
  EXPECT_FALSE(meter.moving(t0 + 6s));
  EXPECT_FALSE(meter.tick({}, t0 + 6s));
}

TEST(reaction_meter, totals_are_what_was_recorded_plus_what_was_not_yet) {
  reaction_meter meter;
  meter.count(reaction_kind::applause, t0);
  meter.count(reaction_kind::applause, t0);
  EXPECT_TRUE(meter.has_unrecorded());
  const auto taken = meter.take_unrecorded();
  EXPECT_EQ(taken[0], 2u);
  EXPECT_FALSE(meter.has_unrecorded());
  // Once recorded, the room's totals carry them; the meter adds only what came since.
  meter.count(reaction_kind::applause, t0 + 1s);
  const auto f = meter.tick({2, 0, 0, 0, 0}, t0 + 1s);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->totals[0], 3u);
}

encoded_event event(protocol::seq_t seq, std::size_t bytes = 10) {
  return encoded_event{seq, std::make_shared<const std::string>(bytes, 'p'),
                       std::make_shared<const std::string>(bytes, 'm')};
}

TEST(replay_tail, a_client_gets_exactly_the_events_after_its_seq_in_its_view) {
  replay_tail tail(10, 1000);
  for (protocol::seq_t s = 1; s <= 5; ++s) tail.remember(event(s));
  const auto missed = tail.since(3, 5, engine::view::moderator_view);
  ASSERT_TRUE(missed);
  ASSERT_EQ(missed->size(), 2u);
  EXPECT_EQ(missed->front()->front(), 'm');
  EXPECT_TRUE(tail.since(5, 5, engine::view::public_view)->empty()) << "up to date: nothing to replay";
}

TEST(replay_tail, a_backstage_event_is_replayed_to_moderators_only) {
  replay_tail tail(10, 1000);
  tail.remember(event(1));
  tail.remember(encoded_event{2, nullptr, std::make_shared<const std::string>("cue"), 1, nullptr});
  tail.remember(event(3));
  const auto to_public = tail.since(0, 3, engine::view::public_view);
  ASSERT_TRUE(to_public);
  ASSERT_EQ(to_public->size(), 2u) << "the public view has no version of it";
  EXPECT_EQ(to_public->back()->front(), 'p');
  EXPECT_EQ(tail.since(1, 3, engine::view::moderator_view)->front()->front(), 'c');
}

TEST(replay_tail, a_snapshot_is_needed_when_the_tail_cannot_tell) {
  replay_tail tail(3, 1000);
  for (protocol::seq_t s = 1; s <= 6; ++s) tail.remember(event(s));
  EXPECT_FALSE(tail.since(1, 6, engine::view::public_view)) << "older than the tail";
  EXPECT_TRUE(tail.since(3, 6, engine::view::public_view)) << "the tail starts right after";
  EXPECT_FALSE(tail.since(7, 6, engine::view::public_view)) << "a seq from the future";
  replay_tail small(10, 25);
  for (protocol::seq_t s = 1; s <= 4; ++s) small.remember(event(s));
  EXPECT_FALSE(small.since(0, 4, engine::view::public_view)) << "larger than a catch-up may be";
  EXPECT_TRUE(small.since(2, 4, engine::view::public_view));
}

TEST(idempotency_cache, keys_are_scoped_to_their_sender_and_the_oldest_are_forgotten_first) {
  idempotency_cache cache(2);
  const engine::actor ann{protocol::role::audience, 1, 0};
  const engine::actor bob{protocol::role::audience, 2, 0};
  EXPECT_NE(scoped_key(ann, "k"), scoped_key(bob, "k"));
  cache.remember(scoped_key(ann, "k1"), 1);
  cache.remember(scoped_key(bob, "k1"), 2);
  EXPECT_TRUE(cache.contains(scoped_key(ann, "k1")));
  cache.remember(scoped_key(ann, "k2"), 3);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_FALSE(cache.contains(scoped_key(ann, "k1"))) << "the oldest went first";
  EXPECT_TRUE(cache.contains(scoped_key(bob, "k1")));
  EXPECT_TRUE(cache.contains(scoped_key(ann, "k2")));
}

TEST(idempotency_cache, a_forgotten_key_is_new_again_and_frees_its_place) {
  idempotency_cache cache(2);
  cache.remember("a1/k1", 1);
  cache.remember("a1/k2", 2);
  cache.forget("a1/k2");  // its append failed: a retry must be applied, not acknowledged as a duplicate
  EXPECT_FALSE(cache.contains("a1/k2"));
  EXPECT_EQ(cache.size(), 1u);
  cache.forget("a1/unknown");
  cache.remember("a1/k3", 3);
  EXPECT_TRUE(cache.contains("a1/k1")) << "the forgotten key's place was free: nothing else went";
  cache.remember("a1/k4", 4);
  EXPECT_FALSE(cache.contains("a1/k1")) << "then the oldest goes first, as before";
  EXPECT_TRUE(cache.contains("a1/k3"));
  EXPECT_TRUE(cache.contains("a1/k4"));
}

// A connection that keeps what it is sent, on a real executor.
class recording_subscriber final : public subscriber {
 public:
  explicit recording_subscriber(boost::asio::io_context& io) : io_(io) {}
  void send(shared_message m) override { got.push_back(*m); }
  void close(std::uint16_t, std::string_view) override {}
  std::size_t shard() const noexcept override { return 0; }
  boost::asio::any_io_executor executor() override { return io_.get_executor(); }
  void deliver(const shared_message& m) override { got.push_back(*m); }
  void flush() override {}
  std::vector<std::string> got;

 private:
  boost::asio::io_context& io_;
};

struct fanout_room {
  boost::asio::io_context io;
  metrics stats;
  fanout out{stats};
  std::vector<std::shared_ptr<recording_subscriber>> subs;

  void join(protocol::role role) {
    subs.push_back(std::make_shared<recording_subscriber>(io));
    const auto& s = subs.back();
    out.add(member{s, s.get(), engine::view::public_view, engine::actor{role}, "sel", 0});
  }
  void broadcast(const std::string& text) {
    out.queue(std::make_shared<const std::string>(text), std::make_shared<const std::string>(text));
    out.flush();
    io.restart();
    io.run();
  }
};

TEST(fanout, a_member_who_left_is_sent_nothing_and_the_others_everything) {
  fanout_room r;
  for (int i = 0; i < 5; ++i) r.join(i == 0 ? protocol::role::moderator : protocol::role::audience);
  EXPECT_EQ(r.out.size(), 5u);
  EXPECT_EQ(r.out.audience(), 4u);
  r.broadcast("one");
  r.out.remove(r.subs[1].get());
  r.out.remove(r.subs[4].get());  // the last one
  r.out.remove(r.subs[4].get());  // twice: nothing more happens
  EXPECT_EQ(r.out.size(), 3u);
  EXPECT_EQ(r.out.audience(), 2u);
  r.broadcast("two");
  for (const std::size_t i : {0u, 2u, 3u}) EXPECT_EQ(r.subs[i]->got, (std::vector<std::string>{"one", "two"})) << i;
  for (const std::size_t i : {1u, 4u}) EXPECT_EQ(r.subs[i]->got, std::vector<std::string>{"one"}) << i;
}

TEST(fanout, a_connection_joins_once_and_a_gone_one_is_swept_with_the_leavers) {
  fanout_room r;
  for (int i = 0; i < 4; ++i) r.join(protocol::role::audience);
  const auto& again = r.subs[2];
  r.out.add(member{again, again.get(), engine::view::public_view, engine::actor{}, "sel", 0});
  EXPECT_EQ(r.out.size(), 4u) << "the same connection added again replaces its place";
  EXPECT_EQ(r.out.audience(), 4u);
  r.subs[0].reset();  // its connection is gone
  r.out.remove_if([&](const member& m) { return m.key == r.subs[3].get(); });
  EXPECT_EQ(r.out.size(), 2u);
  EXPECT_EQ(r.out.audience(), 2u);
  r.broadcast("after");
  EXPECT_EQ(r.subs[1]->got, std::vector<std::string>{"after"});
  EXPECT_EQ(r.subs[2]->got, std::vector<std::string>{"after"}) << "once, though added twice";
  EXPECT_TRUE(r.subs[3]->got.empty());
}

}  // namespace
}  // namespace tribune::server
