// A thousand listeners survive a server crash: after SIGKILL and a restart on the same database,
// every one resumes by seq and receives exactly the events it missed, in order.
#include <gtest/gtest.h>

#include <future>

#include "crowd.hpp"
#include "harness.hpp"

namespace tribune::testing {
namespace {

constexpr std::size_t listeners = 1000;

TEST(crowd_reconnect, a_thousand_listeners_resume_exactly_after_the_server_is_killed_and_restarted) {
  temp_dir dir;
  // One loopback address stands for the whole venue: room for a thousand identities at once.
  server_process server(dir.path() / "tribune.db", {"--join-burst", "2000", "--threads", "2"});
  server.start();
  const auto d = create_debate(server);
  const auto target = join(server, d.id, "Target");

  std::vector<std::string> tokens(listeners);
  {
    std::vector<std::future<void>> joiners;
    for (std::size_t w = 0; w < 4; ++w) {
      joiners.push_back(std::async(std::launch::async, [&, w] {
        for (std::size_t i = w; i < listeners; i += 4) tokens[i] = join(server, d.id, "L" + std::to_string(i)).token;
      }));
    }
    for (auto& j : joiners) j.get();
  }
  for (const auto& t : tokens) ASSERT_FALSE(t.empty());

  crowd room(d.id, tokens);
  ASSERT_TRUE(room.connect(server.port(), false, 30s));

  // The moderator produces events; each ack names its event's seq.
  std::vector<std::uint64_t> produced;
  bool muted = false;
  auto produce = [&](ws_client& moderator, int n) {
    for (int i = 0; i < n; ++i) {
      muted = !muted;
      const auto ack = moderator.command({{"type", "mute"}, {"participant", target.id}, {"muted", muted}});
      ASSERT_EQ(ack.value("type", ""), "ack") << ack;
      produced.push_back(ack.at("seq"));
    }
  };
  {
    ws_client moderator(server.port());
    moderator.hello(d.id, d.moderator_token);
    produce(moderator, 20);
  }
  ASSERT_TRUE(room.wait_applied(produced.back(), 20s));

  server.kill_hard();
  ASSERT_TRUE(room.wait_all_closed(10s));
  server.start();
  {
    ws_client moderator(server.port());
    moderator.hello(d.id, d.moderator_token);
    produce(moderator, 20);
  }

  ASSERT_TRUE(room.connect(server.port(), true, 30s));
  ASSERT_TRUE(room.wait_applied(produced.back(), 30s));

  std::size_t checked = 0;
  for (const auto& s : room.states()) {
    ASSERT_TRUE(s.problems.empty()) << "member " << checked << ": " << s.problems.front();
    EXPECT_EQ(s.resume, "events") << "member " << checked;
    EXPECT_EQ(s.welcome_seq, produced.back()) << "member " << checked;
    ASSERT_EQ(s.seqs, produced) << "member " << checked;
    ++checked;
  }
  EXPECT_EQ(checked, listeners);
}

}  // namespace
}  // namespace tribune::testing
