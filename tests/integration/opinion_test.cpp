// The live opinion map over real sockets: a room of three camps rating the same arguments shows as
// three groups on the stage; each phone learns its own group and place and nobody else's; the
// questions come ranked by how evenly the groups want them; bans leave the map; a restarted server
// maps the room again from what it stored.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "harness.hpp"

namespace tribune::testing {
namespace {

constexpr int camp_size = 6;
constexpr int arguments = 8;

// How each camp rates the eight arguments: +1 agree, -1 disagree.
constexpr int pattern[3][arguments] = {
    {1, 1, 1, 1, -1, -1, -1, -1},
    {-1, -1, -1, -1, 1, 1, 1, 1},
    {1, 1, -1, -1, 1, 1, -1, -1},
};

bool has_groups(const json& m, std::size_t n) { return m["type"] == "opinion" && m["groups"].size() == n; }

// The last message `ws` received that matches, waiting until there is one. It reads everything the
// connection received, so a map that arrived while a command waited for its ack counts.
json last_received(const ws_client& ws, const std::function<bool(const json&)>& match, std::size_t from = 0) {
  json found;
  wait_until([&] {
    const auto all = ws.received();
    for (std::size_t i = from; i < all.size(); ++i) {
      if (match(all[i])) found = all[i];
    }
    return !found.is_null();
  });
  EXPECT_FALSE(found.is_null()) << "no matching message";
  return found;
}

class opinion_map : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.start();
    debate_ = create_debate(server_);
    const auto panel = add_panelist(server_, debate_.id, "Dr. Green", "for");
    ws_client green(server_.port());
    green.hello(debate_.id, panel.token);
    for (int a = 0; a < arguments; ++a) {
      const auto posted =
          green.command({{"type", "post_argument"}, {"text", "Point " + std::to_string(a + 1)}, {"stance", "for"}});
      ASSERT_EQ(posted["type"], "ack") << posted;
      ids_.push_back(posted["result"]["argument"]);
    }
  }

  // Joins the three camps and has each member rate every argument the camp's way.
  void seat_camps() {
    for (int camp = 0; camp < 3; ++camp) {
      for (int i = 0; i < camp_size; ++i) {
        const auto who = join(server_, debate_.id, "P" + std::to_string(camp) + std::to_string(i));
        auto ws = std::make_unique<ws_client>(server_.port());
        ws->hello(debate_.id, who.token);
        for (int a = 0; a < arguments; ++a) {
          const auto ack = ws->command({{"type", "rate_argument"},
                                        {"argument", ids_[static_cast<std::size_t>(a)]},
                                        {"rating", pattern[camp][a] > 0 ? "agree" : "disagree"}});
          ASSERT_EQ(ack["type"], "ack") << ack;
        }
        camp_of_.push_back(camp);
        people_.push_back(who);
        phones_.push_back(std::move(ws));
      }
    }
  }

  temp_dir dir_;
  server_process server_{dir_.path() / "tribune.db"};
  debate debate_;
  std::vector<std::string> ids_;
  std::vector<participant> people_;
  std::vector<int> camp_of_;
  std::vector<std::unique_ptr<ws_client>> phones_;
};

TEST_F(opinion_map, three_camps_show_as_three_groups_and_each_phone_learns_only_its_own_place) {
  ws_client stage(server_.port()), moderator(server_.port());
  stage.hello(debate_.id, debate_.stage_token);
  moderator.hello(debate_.id, debate_.moderator_token);
  seat_camps();

  const auto map = stage.wait_for([](const json& m) { return has_groups(m, 3) && m["counted"] == 3 * camp_size; });
  std::set<int> sizes;
  for (const auto& g : map["groups"]) sizes.insert(g["size"].get<int>());
  EXPECT_EQ(sizes, std::set<int>{camp_size});
  ASSERT_EQ(map["dots"].size(), 3u * camp_size) << "the stage draws every participant";
  EXPECT_EQ(map["min_ratings"], 7);
  // Every argument splits one camp from the others: each divides, none unites them all.
  EXPECT_EQ(map["divides"].size(), 5u);
  EXPECT_GT(map["divides"][0]["divisiveness"].get<double>(), 0.5);
  EXPECT_TRUE(map["unites"].empty()) << "no argument has a majority of every camp";
  for (const auto& g : map["groups"]) EXPECT_FALSE(g["representatives"].empty()) << g;
  EXPECT_TRUE(moderator.wait_for([](const json& m) { return has_groups(m, 3); }).contains("dots"));

  // Every member of a camp is told the same group, each camp a different one (the groups may form
  // in a different order first: wait for the places to settle), and no phone gets the dots.
  std::map<int, std::set<std::string>> letters_of_camp;
  const bool settled = wait_until([&] {
    letters_of_camp.clear();
    for (std::size_t i = 0; i < phones_.size(); ++i) {
      json you;
      for (const auto& m : phones_[i]->received()) {
        if (m["type"] == "opinion_you") you = m;
      }
      if (you.is_null() || you["group"].is_null()) return false;
      letters_of_camp[camp_of_[i]].insert(you["group"].get<std::string>());
    }
    std::set<std::string> all;
    for (const auto& [camp, letters] : letters_of_camp) all.insert(letters.begin(), letters.end());
    return all.size() == 3 && letters_of_camp.size() == 3;
  });
  EXPECT_TRUE(settled) << "each camp in a group of its own";
  for (std::size_t i = 0; i < phones_.size(); ++i) {
    const auto shared = last_received(*phones_[i], [](const json& m) { return has_groups(m, 3); });
    for (const auto& m : phones_[i]->received()) {
      EXPECT_FALSE(m["type"] == "opinion" && m.contains("dots")) << "a phone must not receive the others' places";
      EXPECT_FALSE(m["type"] == "opinion" && m.contains("questions")) << "phones get the groups alone";
      if (m["type"] == "opinion_you" && !m["x"].is_null()) {
        EXPECT_LE(std::abs(m["x"].get<double>()), 1.0);
        EXPECT_LE(std::abs(m["y"].get<double>()), 1.0);
      }
    }
    EXPECT_EQ(shared["counted"], 3 * camp_size);
  }
}

TEST_F(opinion_map, questions_rank_by_how_evenly_the_groups_want_them) {
  ws_client moderator(server_.port());
  moderator.hello(debate_.id, debate_.moderator_token);
  seat_camps();
  const auto ask = [&](std::size_t phone, const std::string& text) {
    const std::string q = phones_[phone]->command({{"type", "ask"}, {"text", text}})["result"]["question"];
    EXPECT_EQ(moderator.command({{"type", "approve"}, {"question", q}})["type"], "ack");
    return q;
  };
  const auto bridging = ask(0, "Who pays for the buses?");
  const auto partisan = ask(1, "Why not ban them all tomorrow?");
  for (std::size_t i = 0; i < phones_.size(); ++i) {
    // Two of every camp want the first question; the whole first camp, and only it, the second.
    if (i % camp_size < 2) phones_[i]->command({{"type", "upvote"}, {"question", bridging}, {"on", true}});
    if (camp_of_[i] == 0) phones_[i]->command({{"type", "upvote"}, {"question", partisan}, {"on", true}});
  }
  const auto map = last_received(moderator, [&](const json& m) {
    return has_groups(m, 3) && m["questions"].size() == 2 && m["questions"][0]["upvotes"] == 6 &&
           m["questions"][1]["upvotes"] == 6;
  });
  EXPECT_EQ(map["questions"][0]["question"], bridging) << "the question every group wants comes first";
  EXPECT_NEAR(map["questions"][0]["bridging"].get<double>(), 2.0 / camp_size, 0.001);
  EXPECT_EQ(map["questions"][1]["question"], partisan);
  EXPECT_EQ(map["questions"][1]["bridging"], 0);
}

TEST_F(opinion_map, a_banned_participant_leaves_the_map_and_a_restart_maps_the_room_again) {
  ws_client moderator(server_.port());
  moderator.hello(debate_.id, debate_.moderator_token);
  seat_camps();
  moderator.wait_for([](const json& m) { return has_groups(m, 3); });
  // Only what came after the ban: a map of 17 may also have passed while the camps were rating.
  const auto before_ban = moderator.received().size();
  ASSERT_EQ(moderator.command({{"type", "ban"}, {"participant", people_[0].id}, {"reason", "Spam"}})["type"], "ack");
  const auto after = last_received(
      moderator, [](const json& m) { return m["type"] == "opinion" && m["counted"] == 3 * camp_size - 1; }, before_ban);
  std::multiset<int> sizes;
  for (const auto& g : after["groups"]) sizes.insert(g["size"].get<int>());
  EXPECT_EQ(sizes, (std::multiset<int>{camp_size - 1, camp_size, camp_size}));
  EXPECT_EQ(after["dots"].size(), 3u * camp_size - 1);

  // The map is derived data: after a hard kill, the reloaded room maps the same room from its log.
  phones_.clear();
  server_.kill_hard();
  server_.start();
  ws_client stage(server_.port());
  stage.hello(debate_.id, debate_.stage_token);
  const auto again = stage.wait_for([](const json& m) { return has_groups(m, 3); });
  EXPECT_EQ(again["counted"], 3 * camp_size - 1);
  EXPECT_EQ(again["dots"].size(), 3u * camp_size - 1);
}

}  // namespace
}  // namespace tribune::testing
