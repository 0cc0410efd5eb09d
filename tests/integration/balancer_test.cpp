// Three nodes on one PostgreSQL database behind HAProxy, run from the example configuration the
// README documents (dist/haproxy.cfg, its `bind` and `server` lines replaced): HAProxy spreads
// the clients over the nodes and health-checks /readyz; when a node is killed, its clients
// reconnect through HAProxy to another node and resume by `last_seq`, with no gap and no
// duplicate, and the show goes on through the nodes left. Runs only on PostgreSQL
// (integration.postgres).
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "harness.hpp"
#include "postgres_db.hpp"

namespace tribune::testing {
namespace {

namespace fs = std::filesystem;

std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  std::uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

// dist/haproxy.cfg with its frontend bound to `port` on the loopback and its servers replaced by
// `nodes`; health checks every 200 ms, so that a test does not wait for the documented second, and
// a connection limit that the test's file descriptors allow.
std::string balancer_config(std::uint16_t port, const std::vector<std::uint16_t>& nodes) {
  std::ifstream in(std::string(TRIBUNE_DIST) + "/haproxy.cfg");
  std::ostringstream out;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("  maxconn ")) {
      out << "  maxconn 1000\n";  // within the test's file descriptor limit
    } else if (line.starts_with("  bind ")) {
      out << "  bind 127.0.0.1:" << port << "\n";
    } else if (line.starts_with("  server ")) {
      continue;
    } else if (line.starts_with("  default-server ")) {
      out << "  default-server check inter 200ms fall 2 rise 1\n";
      for (std::size_t i = 0; i < nodes.size(); ++i) {
        out << "  server node" << i + 1 << " 127.0.0.1:" << nodes[i] << "\n";
      }
    } else {
      out << line << "\n";
    }
  }
  return out.str();
}

bool answers_ready(std::uint16_t port) {
  try {
    return http_request(port, "GET", "/readyz").status == 200;
  } catch (const std::exception&) {
    return false;  // not listening yet
  }
}

// HAProxy in the foreground (-db), stopped with the test.
class balancer {
 public:
  balancer(const fs::path& dir, const std::vector<std::uint16_t>& nodes) {
    const auto file = dir / "haproxy.cfg";
    for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
      const auto port = free_port();
      std::ofstream(file) << balancer_config(port, nodes);
      process_ = std::make_unique<helper_process>("/usr/sbin/haproxy", std::vector<std::string>{"-f", file, "-db"});
      if (wait_until([&] { return answers_ready(port) || !process_->running(); }, 10s) && process_->running()) {
        port_ = port;
      }
    }
  }
  std::uint16_t port() const { return port_; }
  std::string output() const { return process_ ? process_->output() : std::string(); }

 private:
  std::unique_ptr<helper_process> process_;
  std::uint16_t port_ = 0;
};

double open_connections(std::uint16_t node) {
  const auto text = http_request(node, "GET", "/metrics").raw;
  const std::string name = "\ntribune_websocket_connections ";
  const auto at = text.find(name);
  return at == std::string::npos ? -1 : std::stod(text.substr(at + name.size()));
}

std::uint64_t last_seq_of(const ws_client& ws) {
  std::uint64_t seq = 0;
  for (const auto& m : ws.received()) {
    const auto type = m.value("type", "");
    if (type == "welcome" || type == "event") seq = std::max(seq, m.value("seq", std::uint64_t{0}));
  }
  return seq;
}

// The public events `ws` received after `from`, each `prev` the seq before it.
void expect_gapless(const std::vector<json>& messages, std::uint64_t from, std::set<std::uint64_t>& seen) {
  std::uint64_t prev = from;
  for (const auto& m : messages) {
    if (m.value("type", "") != "event") continue;
    EXPECT_EQ(m.value("prev", std::uint64_t{0}), prev) << m;
    prev = m.value("seq", prev);
    EXPECT_TRUE(seen.insert(prev).second) << "twice: " << m;
  }
}

TEST(postgresql_balancer, a_killed_nodes_clients_resume_through_haproxy_on_the_others) {
  if (!test_postgres_url()) GTEST_SKIP() << "runs under the postgres fixture only";
  temp_dir dir;
  const auto db = dir.path() / "shared.db";
  std::vector<std::unique_ptr<server_process>> nodes;
  std::vector<std::uint16_t> ports;
  for (int i = 0; i < 3; ++i) {
    nodes.push_back(std::make_unique<server_process>(db));
    if (i > 0) nodes.back()->share_admin_token(*nodes.front());
    nodes.back()->start();
    ports.push_back(nodes.back()->port());
  }
  balancer lb(dir.path(), ports);
  ASSERT_NE(lb.port(), 0) << lb.output();

  // Everything through the balancer: the organizer's calls, the moderator, six phones.
  server_process& any = *nodes.front();
  const auto d = [&] {
    auto reply =
        http_request(lb.port(), "POST", "/api/debates", json{{"title", "Should cities ban cars?"}}, any.admin_token());
    EXPECT_EQ(reply.status, 201) << reply.raw;
    return reply.body;
  }();
  const auto id = d["id"].get<std::string>();
  const auto moderator_token = d["tokens"]["moderator"].get<std::string>();
  std::vector<std::string> tokens;
  for (int i = 0; i < 6; ++i) {
    const auto joined = http_request(lb.port(), "POST", "/api/debates/" + id + "/participants",
                                     json{{"name", "P" + std::to_string(i)}});
    ASSERT_EQ(joined.status, 201) << joined.raw;
    tokens.push_back(joined.body["token"].get<std::string>());
  }
  auto moderator = std::make_unique<ws_client>(lb.port());
  ASSERT_EQ(moderator->hello(id, moderator_token).value("type", ""), "welcome");
  std::vector<std::unique_ptr<ws_client>> phones;
  std::vector<std::uint64_t> welcomed_at;
  for (const auto& t : tokens) {
    phones.push_back(std::make_unique<ws_client>(lb.port()));
    const auto welcome = phones.back()->hello(id, t);
    ASSERT_EQ(welcome.value("type", ""), "welcome") << welcome;
    welcomed_at.push_back(welcome.value("seq", std::uint64_t{0}));
  }
  // leastconn spread them: every node holds some.
  for (const auto port : ports) EXPECT_GT(open_connections(port), 0) << "node on " << port;

  // The moderator mutes the first participant and lets them speak again, one change at a time.
  const auto change = [&](ws_client& mod, int n) {
    const auto reply = mod.command({{"type", "mute"}, {"participant", "p1"}, {"muted", n % 2 == 0}});
    return reply.value("type", "") == "ack";
  };
  for (int n = 0; n < 3; ++n) ASSERT_TRUE(change(*moderator, n));

  // The first node is killed: its clients lose their connection and come back through the
  // balancer, from where they were.
  const auto held = static_cast<std::size_t>(open_connections(ports.front()));
  const auto killed_at = std::chrono::steady_clock::now();
  nodes.front()->kill_hard();
  const auto closed = [&] {
    std::size_t n = moderator->is_closed() ? 1 : 0;
    for (const auto& p : phones) n += p->is_closed() ? 1 : 0;
    return n;
  };
  ASSERT_TRUE(wait_until([&] { return closed() == held; }, 10s)) << closed() << " of " << held << " closed";
  std::vector<std::vector<json>> before(phones.size());
  std::size_t moved = 0;
  for (std::size_t i = 0; i < phones.size(); ++i) {
    if (!phones[i]->is_closed()) continue;
    ++moved;
    before[i] = phones[i]->received();
    const auto from = last_seq_of(*phones[i]);
    phones[i] = std::make_unique<ws_client>(lb.port());
    const auto welcome = phones[i]->hello(id, tokens[i], from);
    ASSERT_EQ(welcome.value("type", ""), "welcome") << welcome << lb.output();
    EXPECT_EQ(welcome.value("resume", ""), "events") << welcome;
  }
  const std::chrono::duration<double> back = std::chrono::steady_clock::now() - killed_at;
  std::cout << moved << " phones of the killed node resumed on another " << back.count() << " s after the kill\n";
  EXPECT_GT(held, 0U) << "the killed node held some clients";
  if (moderator->is_closed()) {
    moderator = std::make_unique<ws_client>(lb.port());
    ASSERT_EQ(moderator->hello(id, moderator_token).value("type", ""), "welcome");
  }
  for (int n = 3; n < 6; ++n) ASSERT_TRUE(change(*moderator, n)) << lb.output();
  const auto last_change = last_seq_of(*moderator);

  // Every phone, moved or not, saw every change once, in one gapless order.
  for (std::size_t i = 0; i < phones.size(); ++i) {
    ASSERT_TRUE(wait_until([&] {
      for (const auto& m : phones[i]->received()) {
        if (m.value("event", "") == "participant_muted" && m.value("seq", std::uint64_t{0}) == last_change) return true;
      }
      return false;
    })) << "phone "
        << i;
    auto all = before[i];
    for (const auto& m : phones[i]->received()) {
      if (m.value("type", "") == "event") all.push_back(m);
    }
    std::set<std::uint64_t> seen;
    expect_gapless(all, welcomed_at[i], seen);
    EXPECT_EQ(std::count_if(all.begin(), all.end(),
                            [](const json& m) { return m.value("event", "") == "participant_muted"; }),
              6)
        << "phone " << i;
  }
}

}  // namespace
}  // namespace tribune::testing
