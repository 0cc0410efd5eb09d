// The analyst beside the rooms (server/opinion/live.hpp): a feed's inputs become one update, its
// bodies and the places that changed; nothing before a group can be shown; a busy feed is updated no more
// than once a period; a closed feed sends nothing more.
#include "server/opinion/live.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>

#include <nlohmann/json.hpp>

namespace tribune::server::opinion_live {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;
using kind = input::kind;

// What the sink received, for a test to wait on.
struct inbox {
  std::mutex mutex;
  std::condition_variable arrived;
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::shared_ptr<const publication>>> all;

  sink to() {
    return [this](std::shared_ptr<const publication> p) {
      {
        const std::lock_guard lock(mutex);
        all.emplace_back(std::chrono::steady_clock::now(), std::move(p));
      }
      arrived.notify_all();
    };
  }
  // Waits until `n` publications arrived; false after 20 s.
  bool wait_for(std::size_t n) {
    std::unique_lock lock(mutex);
    return arrived.wait_for(lock, 20s, [&] { return all.size() >= n; });
  }
  // Waits until a publication's shared body satisfies `match`; false after 20 s.
  bool wait_for_body(const std::function<bool(const json&)>& match) {
    std::unique_lock lock(mutex);
    return arrived.wait_for(lock, 20s, [&] {
      for (const auto& [at, p] : all) {
        if (p->shared && match(json::parse(*p->shared))) return true;
      }
      return false;
    });
  }
  std::size_t size() {
    const std::lock_guard lock(mutex);
    return all.size();
  }
};

// Three camps of six, each rating eight arguments its own way.
std::vector<input> camps(engine::participant_id first = 1) {
  static constexpr int pattern[3][8] = {
      {1, 1, 1, 1, -1, -1, -1, -1}, {-1, -1, -1, -1, 1, 1, 1, 1}, {1, 1, -1, -1, 1, 1, -1, -1}};
  std::vector<input> out;
  for (engine::participant_id p = first; p < first + 18; ++p) {
    for (std::uint32_t a = 1; a <= 8; ++a) {
      const auto r = pattern[p % 3][a - 1] > 0 ? protocol::rating::agree : protocol::rating::disagree;
      out.push_back({kind::rate, p, a, r});
    }
  }
  return out;
}

TEST(opinion_live, one_update_sends_the_map_and_every_place_then_only_what_changed) {
  inbox got;
  analyst a(10ms, 10ms);
  auto f = a.open(got.to());
  f->push(camps());
  ASSERT_TRUE(got.wait_for(1));
  const auto first = got.all[0].second;
  ASSERT_TRUE(first->shared && first->screens);
  const auto shared = json::parse(*first->shared);
  EXPECT_EQ(shared["groups"].size(), 3u);
  EXPECT_EQ(shared["counted"], 18);
  EXPECT_FALSE(shared.contains("dots"));
  EXPECT_EQ(json::parse(*first->screens)["dots"].size(), 18u);
  ASSERT_EQ(first->places.size(), 18u);
  for (const auto& [who, body] : first->places) EXPECT_FALSE(json::parse(*body)["group"].is_null()) << who;

  // A ban: the map counts one fewer, and the banned is told they left it.
  f->push({kind::rate, 1, 1, protocol::rating::disagree});  // the rating participant 1 already gave
  f->push({kind::drop, 2, 0});
  ASSERT_TRUE(got.wait_for_body([](const json& m) { return m["counted"] == 17; }));
  const std::lock_guard lock(got.mutex);
  bool told = false;
  for (std::size_t i = 1; i < got.all.size(); ++i) {
    for (const auto& [who, body] : got.all[i].second->places) {
      if (who == 2) told = json::parse(*body)["group"].is_null();
    }
  }
  EXPECT_TRUE(told);
}

TEST(opinion_live, nothing_is_sent_before_a_group_can_be_shown) {
  inbox got;
  analyst a(10ms, 10ms);
  auto f = a.open(got.to());
  auto few = camps();
  few.resize(8 * 4);  // four participants: no group of five
  f->push(few);
  f->push(camps(100));  // then enough, in a second batch
  ASSERT_TRUE(got.wait_for(1));
  EXPECT_EQ(json::parse(*got.all[0].second->shared)["counted"], 22);
}

TEST(opinion_live, a_room_that_goes_quiet_while_a_new_camp_forms_still_gets_its_groups) {
  inbox got;
  analyst a(10ms, 10ms);
  auto f = a.open(got.to());
  auto all = camps();
  // Two camps first (participants 1 to 18 by p % 3: keep camps 1 and 2), mapped as two groups.
  std::vector<input> two;
  std::vector<input> third;
  for (const auto& i : all) (i.who % 3 == 0 ? third : two).push_back(i);
  f->push(two);
  ASSERT_TRUE(got.wait_for_body([](const json& m) { return m["groups"].size() == 2; }));
  // Then the third camp in one batch, and nothing more: k = 3 must win several updates in a row
  // before it is adopted, and the feed runs them by itself.
  f->push(third);
  EXPECT_TRUE(got.wait_for_body([](const json& m) { return m["groups"].size() == 3; }));
}

TEST(opinion_live, a_busy_feed_waits_out_its_period) {
  inbox got;
  const auto period = 400ms;
  analyst a(period, period);
  auto f = a.open(got.to());
  // The first update begins after this instant and the period counts from its beginning, so the
  // second cannot arrive sooner than a period after it, however long each update takes to compute.
  const auto pushed = std::chrono::steady_clock::now();
  f->push(camps());
  ASSERT_TRUE(got.wait_for(1));
  f->push(camps(100));
  ASSERT_TRUE(got.wait_for(2));
  EXPECT_GE(got.all[1].first - pushed, period) << "the second update came before its period";
}

TEST(opinion_live, the_phones_get_their_turn_once_a_phone_period_while_the_screens_follow_every_update) {
  inbox got;
  const auto phone_period = 2s;
  analyst a(10ms, phone_period);
  auto f = a.open(got.to());
  const auto pushed = std::chrono::steady_clock::now();  // before the first phones' turn begins
  f->push(camps());
  ASSERT_TRUE(got.wait_for(1));
  ASSERT_TRUE(got.all[0].second->shared) << "the first map goes to everyone at once";
  f->push(camps(100));  // twice the room: the groups double
  ASSERT_TRUE(got.wait_for_body([](const json& m) { return m["counted"] == 36; }));
  std::unique_lock lock(got.mutex);
  const auto phones =
      std::find_if(got.all.begin() + 1, got.all.end(), [](const auto& x) { return x.second->shared != nullptr; });
  ASSERT_NE(phones, got.all.end());
  EXPECT_GE(phones->first - pushed, phone_period) << "the phones' turn came early";
  EXPECT_FALSE(phones->second->places.empty()) << "the newcomers' places go with the phones' turn";
  for (auto it = got.all.begin() + 1; it != phones; ++it) EXPECT_TRUE(it->second->places.empty());
  const auto screens =
      std::find_if(got.all.begin() + 1, got.all.end(), [](const auto& x) { return x.second->screens != nullptr; });
  ASSERT_NE(screens, got.all.end());
  EXPECT_EQ(json::parse(*screens->second->screens)["counted"], 36) << "the screens got the new map with its update";
}

TEST(opinion_live, a_closed_feed_sends_nothing_more) {
  inbox got;
  analyst a(10ms, 10ms);
  auto f = a.open(got.to());
  auto other = a.open(got.to());
  f->close();
  f->push(camps());
  other->push(camps());  // a later feed's update: once it arrives, the closed one had its chance
  ASSERT_TRUE(got.wait_for(1));
  EXPECT_EQ(got.size(), 1u);
}

}  // namespace
}  // namespace tribune::server::opinion_live
