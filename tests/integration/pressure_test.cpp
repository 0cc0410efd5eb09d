// Clients that misbehave by volume or by slowness: one that never reads, one that floods, and
// connections that trickle their headers. Each is cut off by its bound while well-behaved clients
// stay fully served.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "harness.hpp"
#include "wire.hpp"

namespace tribune::testing {
namespace {

using wire::clock;

// A run of show as large as the REST body allows: one format_set event of several KiB.
json big_format(int round) {
  json segments = json::array();
  for (int i = 0; i < 30; ++i) {
    segments.push_back({{"name", std::to_string(round) + "-" + std::to_string(i) + std::string(70, 'S')},
                        {"kind", "conversation"},
                        {"minutes", 10},
                        {"speakers", {"host", "guest", "panelist", "for", "against", "seat"}},
                        {"audience", {"questions", "arguments", "vote"}},
                        {"speaker_seconds", 120}});
  }
  return {{"format", "custom"}, {"segments", segments}, {"seats", 4}};
}

// Checks that the event messages in `messages` form one gapless chain after `from`; returns the
// seqs in order.
std::vector<std::uint64_t> event_chain(const std::vector<json>& messages, std::uint64_t from) {
  std::vector<std::uint64_t> seqs;
  std::uint64_t last = from;
  bool first = true;
  for (const auto& m : messages) {
    if (m.value("type", "") != "event") continue;
    const std::uint64_t seq = m.at("seq"), prev = m.at("prev");
    EXPECT_GT(seq, last) << "duplicate or out of order: " << m.dump().substr(0, 200);
    if (first) {
      EXPECT_LE(prev, last) << "gap before the first event " << seq;
    } else {
      EXPECT_EQ(prev, last) << "gap before " << seq;
    }
    first = false;
    last = seq;
    seqs.push_back(seq);
  }
  return seqs;
}

TEST(pressure, a_client_that_never_reads_is_closed_others_keep_up_and_it_catches_up_by_seq) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto slow_member = join(server, d.id, "Slow");
  const auto fast_member = join(server, d.id, "Fast");
  ws_client fast(server.port()), stage(server.port());
  const std::uint64_t fast_from = fast.hello(d.id, fast_member.token)["seq"];
  stage.hello(d.id, d.stage_token);

  wire::raw_ws slow(server.port(), 2048);
  ASSERT_TRUE(slow.upgraded());
  const auto welcome = slow.hello(d.id, slow_member.token);
  ASSERT_EQ(welcome.value("type", ""), "welcome") << welcome;
  ASSERT_EQ(slow.next_message()->value("type", ""), "snapshot");
  const std::uint64_t slow_from = welcome["seq"];
  const auto rss_before = wire::rss_kib(server.pid());
  ASSERT_GT(rss_before, 0);

  // The organizer republishes the run of show until the server gives up on the client that does
  // not read; then a few more events that it misses.
  std::uint64_t final_seq = 0;
  int published = 0;
  const auto put = [&](int round) {
    const auto reply =
        http_request(server.port(), "PUT", "/api/debates/" + d.id + "/format", big_format(round), server.admin_token());
    ASSERT_EQ(reply.status, 200) << reply.raw;
    final_seq = reply.body.at("seq");
    ++published;
  };
  const auto give_up = clock::now() + 60s;
  while (server.log_text().find("slow_client_closed") == std::string::npos) {
    ASSERT_LT(clock::now(), give_up) << "the server never closed the slow client after " << published << " events";
    for (int i = 0; i < 10; ++i) put(published);
  }
  for (int i = 0; i < 20; ++i) put(published);

  // The others received everything, in order.
  fast.wait_for([&](const json& m) { return m.value("type", "") == "event" && m.value("seq", 0ull) == final_seq; },
                20s);
  stage.wait_for([&](const json& m) { return m.value("type", "") == "event" && m.value("seq", 0ull) == final_seq; },
                 20s);
  const auto fast_seqs = event_chain(fast.received(), fast_from);
  ASSERT_FALSE(fast_seqs.empty());
  EXPECT_EQ(fast_seqs.back(), final_seq);
  EXPECT_EQ(fast_seqs.size(), static_cast<std::size_t>(published));

  // Memory stayed bounded: the slow client's backlog is capped at 1 MiB. Under AddressSanitizer
  // freed memory stays in its quarantine (256 MiB by default), so RSS says nothing there.
#if !defined(__SANITIZE_ADDRESS__)
  const auto rss_after = wire::rss_kib(server.pid());
  EXPECT_LT(rss_after - rss_before, 96 * 1024)
      << "VmRSS " << rss_before << " KiB -> " << rss_after << " KiB after " << published << " events";
#endif

  // What reached the slow client: a gapless prefix, then the end of the connection: a 1013 close
  // frame if the server could still write it, else the TCP close after its grace period.
  const auto end = slow.read_until_closed(15s, 0s);
  ASSERT_NE(end.kind, wire::ending::how::timeout) << wire::describe(end).substr(0, 500);
  if (end.kind == wire::ending::how::close_frame) {
    EXPECT_EQ(end.code, 1013);
  }
  const auto slow_seqs = event_chain(end.messages, slow_from);
  const auto last_seen = slow_seqs.empty() ? slow_from : slow_seqs.back();
  ASSERT_LT(last_seen, final_seq);
  const auto metrics = http_request(server.port(), "GET", "/metrics").raw;
  EXPECT_NE(metrics.find("slow_clients_closed"), std::string::npos);

  // It reconnects with its last seq. What it missed is more than a catch-up may queue (it was
  // closed for holding over 1 MiB), so it gets the current state as a snapshot at the last seq, and
  // live events carry on from there with no gap.
  wire::raw_ws again(server.port());
  const auto resumed = again.hello(d.id, slow_member.token, last_seen);
  ASSERT_EQ(resumed.value("type", ""), "welcome") << resumed;
  EXPECT_EQ(resumed["resume"], "snapshot");
  EXPECT_EQ(resumed["seq"], final_seq);
  const auto snapshot = again.next_message(10s);
  ASSERT_TRUE(snapshot);
  ASSERT_EQ(snapshot->value("type", ""), "snapshot") << snapshot->dump().substr(0, 200);
  EXPECT_EQ((*snapshot)["seq"], final_seq);
  EXPECT_EQ((*snapshot)["state"]["run_of_show"]["segments"][0]["name"],
            big_format(published - 1)["segments"][0]["name"]);
  put(published);
  std::optional<json> next;
  while ((next = again.next_message(10s)) && next->value("type", "") != "event") {
  }
  ASSERT_TRUE(next) << "no live event after the snapshot";
  EXPECT_EQ((*next)["seq"], final_seq);
  EXPECT_EQ((*next)["prev"], resumed["seq"]);
}

// A client that missed a little reconnects and receives exactly the events it missed.
TEST(pressure, a_client_that_missed_a_few_events_replays_exactly_those) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto member = join(server, d.id, "Back");
  std::uint64_t last_seen = 0;
  {
    wire::raw_ws first(server.port());
    last_seen = first.hello(d.id, member.token)["seq"];
  }
  std::vector<std::uint64_t> missed;
  for (int i = 0; i < 5; ++i) {
    const auto reply =
        http_request(server.port(), "PUT", "/api/debates/" + d.id + "/format", big_format(i), server.admin_token());
    ASSERT_EQ(reply.status, 200) << reply.raw;
    missed.push_back(reply.body.at("seq"));
  }
  wire::raw_ws again(server.port());
  const auto resumed = again.hello(d.id, member.token, last_seen);
  ASSERT_EQ(resumed.value("type", ""), "welcome") << resumed;
  EXPECT_EQ(resumed["resume"], "events");
  std::vector<json> replay;
  while (replay.size() < missed.size()) {
    auto m = again.next_message(10s);
    ASSERT_TRUE(m) << "replay stopped after " << replay.size() << " events";
    if (m->value("type", "") == "event") replay.push_back(*m);
  }
  EXPECT_EQ(event_chain(replay, last_seen), missed);
  while (auto m = again.next_message(300ms)) EXPECT_NE(m->value("type", ""), "event") << m->dump().substr(0, 200);
}

struct flood_result {
  std::size_t rate_limited = 0;
  std::size_t answered = 0;  // commands that got past the limiter
  std::optional<std::uint16_t> close_code;
  double seconds = 0;
};

// Sends commands as fast as the socket takes them, reading what comes back, until closed.
flood_result flood(std::uint16_t port, const std::string& debate, const std::string& token) {
  flood_result r;
  wire::raw_ws ws(port);
  EXPECT_EQ(ws.hello(debate, token).value("type", ""), "welcome");
  const auto frame = wire::text_frame(R"({"type":"upvote","id":"f","question":"q999","on":true})");
  const auto start = clock::now();
  while (clock::now() < start + 10s) {
    ws.send(frame);
    while (auto f = ws.next_frame(clock::now())) {
      if (f->opcode == wire::op::close) {
        if (f->payload.size() >= 2) {
          r.close_code = static_cast<std::uint16_t>((static_cast<std::uint8_t>(f->payload[0]) << 8) |
                                                    static_cast<std::uint8_t>(f->payload[1]));
        }
        ws.send(wire::close_frame(1000));
        r.seconds = std::chrono::duration<double>(clock::now() - start).count();
        return r;
      }
      const auto text = ws.assemble(*f);
      if (!text) continue;
      for (const auto& m : wire::messages(*text)) {
        if (m.value("code", "") == "rate_limited") {
          ++r.rate_limited;
        } else if (m.value("id", "") == "f") {
          ++r.answered;
        }
      }
    }
    if (ws.socket().eof()) break;
  }
  r.seconds = std::chrono::duration<double>(clock::now() - start).count();
  return r;
}

TEST(pressure, a_flooding_client_is_rate_limited_then_closed_while_others_are_acknowledged_promptly) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto ann = join(server, d.id, "Ann");
  std::vector<participant> flooders;
  for (int i = 0; i < 3; ++i) flooders.push_back(join(server, d.id, "Flood " + std::to_string(i)));

  std::atomic<bool> done{false};
  std::vector<std::future<std::vector<flood_result>>> runs;
  for (const auto& f : flooders) {
    runs.push_back(std::async(std::launch::async, [&, token = f.token] {
      // Floods again and again for three seconds, so the calm client works throughout.
      std::vector<flood_result> rounds;
      const auto until = clock::now() + 3s;
      while (clock::now() < until) rounds.push_back(flood(server.port(), d.id, token));
      return rounds;
    }));
  }

  ws_client calm(server.port());
  calm.hello(d.id, d.moderator_token);
  std::size_t commands = 0;
  bool muted = false;
  while (commands < 20 ||
         std::any_of(runs.begin(), runs.end(), [](auto& r) { return r.wait_for(0s) != std::future_status::ready; })) {
    muted = !muted;
    const auto sent = clock::now();
    // Promptly: well under the seconds a room blocked by the flood would take, with room for a
    // machine of two busy cores.
    const auto reply = calm.command({{"type", "mute"}, {"participant", ann.id}, {"muted", muted}}, 3s);
    const auto took = clock::now() - sent;
    EXPECT_EQ(reply.value("type", ""), "ack") << reply;
    EXPECT_LT(took, 3s);
    ++commands;
    // A well-behaved client: ten commands a second, within its own rate limit.
    std::this_thread::sleep_until(sent + 100ms);
    if (commands > 2000) break;
  }
  done = true;

  std::size_t rounds = 0;
  for (auto& run : runs) {
    for (const auto& r : run.get()) {
      ++rounds;
      EXPECT_EQ(r.close_code, 1008) << "after " << r.seconds << " s";
      EXPECT_GE(r.rate_limited, 1u);
      EXPECT_LE(r.rate_limited, 40u);
      // The burst, plus the refill over the flood's life.
      EXPECT_LE(static_cast<double>(r.answered), 40 + 20 * r.seconds + 1);
    }
  }
  EXPECT_GE(rounds, 3u);
  EXPECT_EQ(http_request(server.port(), "GET", "/healthz").status, 200);
}

TEST(pressure, trickled_headers_and_silent_websockets_are_cut_off_while_a_normal_client_is_served) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db", {"--request-timeout", "2", "--hello-timeout", "2"});
  server.start();
  const auto d = create_debate(server);
  const auto start = clock::now();

  struct loris {
    std::unique_ptr<wire::raw_socket> socket;
    bool trickles;
    std::optional<clock::duration> closed_after;
  };
  std::vector<loris> lorises;
  for (int i = 0; i < 8; ++i) {
    auto s = std::make_unique<wire::raw_socket>(server.port());
    ASSERT_TRUE(s->send_all("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
    lorises.push_back({std::move(s), i % 2 == 0, std::nullopt});
  }
  std::vector<std::future<wire::ending>> silent;
  for (int i = 0; i < 2; ++i) {
    silent.push_back(std::async(std::launch::async, [&] {
      wire::raw_ws ws(server.port());
      EXPECT_TRUE(ws.upgraded());
      return ws.read_until_closed(5s, 0s);
    }));
  }
  // A normal client meanwhile: HTTP and a WebSocket command, each answered within a second.
  auto normal = std::async(std::launch::async, [&] {
    std::size_t served = 0;
    ws_client ws(server.port());
    EXPECT_EQ(ws.hello(d.id, d.moderator_token).value("type", ""), "welcome");
    while (clock::now() < start + 3500ms) {
      auto sent = clock::now();
      EXPECT_EQ(http_request(server.port(), "GET", "/healthz").status, 200);
      const auto id = "t" + std::to_string(served);
      ws.send({{"type", "time"}, {"id", id}});
      ws.wait_for([&](const json& m) { return m.value("type", "") == "time" && m.value("id", "") == id; }, 1s);
      EXPECT_LT(clock::now() - sent, 1s);
      ++served;
      std::this_thread::sleep_for(100ms);  // a person's pace, well under the command rate limit
    }
    return served;
  });

  // Trickle one byte every 200 ms until the server hangs up.
  while (clock::now() < start + 6s) {
    bool all_closed = true;
    for (auto& l : lorises) {
      if (l.closed_after) continue;
      if (l.trickles) l.socket->send_all("a");
      if (!l.socket->read_some(clock::now()) && l.socket->eof()) {
        l.closed_after = clock::now() - start;
      } else {
        all_closed = false;
      }
    }
    if (all_closed) break;
    std::this_thread::sleep_for(200ms);  // the trickle's pace, not a wait for the server
  }
  for (const auto& l : lorises) {
    ASSERT_TRUE(l.closed_after) << (l.trickles ? "trickling" : "stalled") << " connection still open";
    EXPECT_GE(*l.closed_after, 1800ms);
    EXPECT_LE(*l.closed_after, 3500ms);
    EXPECT_TRUE(l.socket->in.empty()) << "no answer to a request that never completed: " << l.socket->in;
  }
  for (auto& s : silent) {
    const auto end = s.get();
    ASSERT_EQ(end.kind, wire::ending::how::close_frame) << wire::describe(end);
    EXPECT_EQ(end.code, 1008);
    EXPECT_EQ(end.reason, "hello timeout");
    EXPECT_GE(end.elapsed, 1800ms);
    EXPECT_LE(end.elapsed, 3500ms);
  }
  EXPECT_GE(normal.get(), 3u);
}

// A room whose state is larger than the outgoing bound (600 pending questions of 500 four-byte
// characters: a snapshot of more than 1 MiB) still opens on the moderator's console: one message
// into an empty queue always goes out.
TEST(pressure, a_snapshot_larger_than_the_outgoing_bound_still_reaches_the_moderator) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  std::string long_text;
  for (int i = 0; i < 500; ++i) long_text += "\U0001F6B2";  // a bicycle, four bytes in UTF-8
  constexpr int members = 120;
  for (int m = 0; m < members; ++m) {
    const auto who = join(server, d.id, "Member " + std::to_string(m));
    ws_client c(server.port());
    ASSERT_EQ(c.hello(d.id, who.token).value("type", ""), "welcome");
    for (int k = 0; k < 5; ++k) {
      const auto reply = c.command({{"type", "ask"}, {"text", long_text}});
      ASSERT_EQ(reply.value("type", ""), "ack") << reply;
    }
  }
  ws_client moderator(server.port());
  ASSERT_EQ(moderator.hello(d.id, d.moderator_token).value("type", ""), "welcome");
  const auto snapshot = moderator.wait_for([](const json& m) { return m.value("type", "") == "snapshot"; });
  ASSERT_TRUE(snapshot.is_object());
  EXPECT_GT(snapshot.dump().size(), std::size_t{1024} * 1024);
  EXPECT_EQ(snapshot["state"]["questions"].size(), std::size_t{members * 5});
  EXPECT_FALSE(moderator.is_closed());
  EXPECT_EQ(moderator.command({{"type", "approve"}, {"question", "q1"}}).value("type", ""), "ack");
}

}  // namespace
}  // namespace tribune::testing
