// Several nodes on one PostgreSQL database (docs/adr/0014): any node takes commands for any
// debate, each debate keeps one gapless order, and a client on any node sees every event of its
// debate with the same `seq` and `prev` as on the node that wrote it. When a node is killed, its
// clients resume on another by `last_seq`, and a command retried there with its key is applied
// once. Runs only on PostgreSQL (integration.postgres).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "harness.hpp"
#include "postgres_db.hpp"

namespace tribune::testing {
namespace {

// The events `ws` received, in the order received.
std::vector<json> events_of(const ws_client& ws) {
  std::vector<json> out;
  for (const auto& m : ws.received()) {
    if (m.value("type", "") == "event") out.push_back(m);
  }
  return out;
}

std::size_t count_event(const ws_client& ws, const std::string& name) {
  std::size_t n = 0;
  for (const auto& e : events_of(ws)) n += e.value("event", "") == name ? 1 : 0;
  return n;
}

// Each event's `prev` is the seq of the one before it: nothing missing, nothing twice.
void expect_chained(const std::vector<json>& events, std::uint64_t from) {
  std::uint64_t prev = from;
  for (const auto& e : events) {
    EXPECT_EQ(e.value("prev", std::uint64_t{0}), prev) << e;
    EXPECT_GT(e.value("seq", std::uint64_t{0}), prev) << e;
    prev = e.value("seq", std::uint64_t{0});
  }
}

// Two nodes on one database (under the postgres fixture, the test cluster's schema named after the
// file), B holding A's admin token, both started.
struct two_nodes {
  temp_dir dir;
  server_process a{dir.path() / "shared.db"};
  server_process b{dir.path() / "shared.db"};
  two_nodes() {
    a.start();
    b.share_admin_token(a);
    b.start();
  }
};

class postgresql_nodes : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test_postgres_url()) GTEST_SKIP() << "runs under the postgres fixture only";
  }
};

TEST_F(postgresql_nodes, commands_on_two_nodes_make_one_order_that_both_nodes_send_alike) {
  two_nodes nodes;
  auto& a = nodes.a;
  auto& b = nodes.b;

  const auto d = create_debate(a);
  const auto ann = join(a, d.id, "Ann");
  const auto bob = join(b, d.id, "Bob");  // B loads the debate from the shared log
  ws_client watch_a(a.port());
  ASSERT_EQ(watch_a.hello(d.id, d.moderator_token).value("type", ""), "welcome") << a.log_text();
  ws_client watch_b(b.port());
  const auto welcome_b = watch_b.hello(d.id, d.moderator_token);
  ASSERT_EQ(welcome_b.value("type", ""), "welcome") << b.log_text();
  const auto start = welcome_b.value("seq", std::uint64_t{0});

  // One after the other on alternate nodes: each node decides on what the other wrote.
  ws_client mod_a(a.port());
  mod_a.hello(d.id, d.moderator_token);
  ws_client mod_b(b.port());
  mod_b.hello(d.id, d.moderator_token);
  for (int i = 0; i < 6; ++i) {
    auto& mod = i % 2 == 0 ? mod_a : mod_b;
    const auto reply = mod.command({{"type", "mute"}, {"participant", ann.id}, {"muted", i % 2 == 0}});
    ASSERT_EQ(reply.value("type", ""), "ack") << reply << (i % 2 == 0 ? a.log_text() : b.log_text());
  }
  ASSERT_TRUE(wait_until([&] { return count_event(watch_a, "participant_muted") == 6; })) << events_of(watch_a).size();

  // At once from both nodes: appends race for the debate's row; the losers read the winners'
  // events and decide again. Every command is acknowledged, each at its own seq.
  // Three people per node, five questions each (the most a person may ask a minute), sent without
  // waiting.
  constexpr int per_node = 3;
  constexpr int per_phone = 5;
  constexpr int total = 2 * per_node * per_phone;
  std::vector<std::unique_ptr<ws_client>> phones;
  for (int p = 0; p < 2 * per_node; ++p) {
    auto& node = p % 2 == 0 ? a : b;
    const auto who = join(node, d.id, "Person " + std::to_string(p));
    phones.push_back(std::make_unique<ws_client>(node.port()));
    ASSERT_EQ(phones.back()->hello(d.id, who.token).value("type", ""), "welcome");
  }
  for (int i = 0; i < per_phone; ++i) {
    for (std::size_t p = 0; p < phones.size(); ++p) {
      phones[p]->send({{"type", "ask"},
                       {"id", "q" + std::to_string(i)},
                       {"text", "Person " + std::to_string(p) + ", question " + std::to_string(i)}});
    }
  }
  std::set<std::uint64_t> acked_at;
  for (const auto& phone : phones) {
    for (int i = 0; i < per_phone; ++i) {
      const auto reply = phone->wait_for([](const json& m) {
        const auto type = m.value("type", "");
        return type == "ack" || type == "error";
      });
      ASSERT_EQ(reply.value("type", ""), "ack") << reply;
      EXPECT_TRUE(acked_at.insert(reply.value("seq", std::uint64_t{0})).second) << "two acks at one seq: " << reply;
    }
  }
  ASSERT_TRUE(wait_until([&] {
    return count_event(watch_a, "question_asked") == total && count_event(watch_b, "question_asked") == total;
  })) << count_event(watch_a, "question_asked")
      << " on A, " << count_event(watch_b, "question_asked") << " on B";

  // Both nodes sent the same events, byte for byte once parsed, in one gapless order.
  // (A's screen joined before Bob did, B's after: both from B's welcome on.)
  const auto after_start = [start](std::vector<json> all) {
    std::erase_if(all, [start](const json& e) { return e.value("seq", std::uint64_t{0}) <= start; });
    return all;
  };
  const auto on_a = after_start(events_of(watch_a));
  const auto on_b = after_start(events_of(watch_b));
  ASSERT_EQ(on_a.size(), on_b.size());
  for (std::size_t i = 0; i < on_a.size(); ++i) EXPECT_EQ(on_a[i], on_b[i]) << "event " << i;
  expect_chained(on_b, start);

  // A screen that joins either node afterwards reads the same state.
  ws_client late_a(a.port());
  late_a.hello(d.id, d.moderator_token);
  ws_client late_b(b.port());
  late_b.hello(d.id, d.moderator_token);
  const auto snap_a = late_a.wait_for([](const json& m) { return m.value("type", "") == "snapshot"; });
  const auto snap_b = late_b.wait_for([](const json& m) { return m.value("type", "") == "snapshot"; });
  EXPECT_EQ(snap_a["state"]["questions"].size(), std::size_t{total});
  EXPECT_EQ(snap_a["state"]["questions"], snap_b["state"]["questions"]);
  EXPECT_EQ(snap_a.value("seq", 0), snap_b.value("seq", 0));

  // A link made on one node opens on the other at once (a balancer may send the join and the
  // WebSocket to different nodes), and a client ahead of a node is never sent back in time.
  for (int i = 0; i < 5; ++i) {
    const auto who = join(i % 2 == 0 ? a : b, d.id, "Late " + std::to_string(i));
    const auto other = (i % 2 == 0 ? b : a).port();
    // The page's first read, then its WebSocket.
    const auto snapshot = http_request(other, "GET", "/api/debates/" + d.id + "/snapshot", std::nullopt, who.token);
    EXPECT_EQ(snapshot.status, 200) << snapshot.raw;
    ws_client phone(other);
    const auto welcome = phone.hello(d.id, who.token);
    ASSERT_EQ(welcome.value("type", ""), "welcome") << welcome;
    EXPECT_GE(welcome.value("seq", std::uint64_t{0}), snap_a.value("seq", std::uint64_t{0}) + 1);
  }
}

TEST_F(postgresql_nodes, a_killed_nodes_phone_resumes_on_another_without_gap_or_duplicate) {
  two_nodes nodes;
  auto& a = nodes.a;
  auto& b = nodes.b;
  const auto d = create_debate(a);
  const auto ann = join(a, d.id, "Ann");
  const auto bob = join(a, d.id, "Bob");
  ws_client watch_b(b.port());
  ASSERT_EQ(watch_b.hello(d.id, d.moderator_token).value("type", ""), "welcome") << b.log_text();

  // Ann asks on A and has her answers; Bob's phone, on A too, sends his with keys and without
  // waiting, and A is killed at once: some of his may be recorded with their ack lost.
  ws_client ann_phone(a.port());
  ASSERT_EQ(ann_phone.hello(d.id, ann.token).value("type", ""), "welcome");
  auto phone = std::make_unique<ws_client>(a.port());
  ASSERT_EQ(phone->hello(d.id, bob.token).value("type", ""), "welcome");
  constexpr int asked = 10;
  const auto ask = [](int i) {
    return json{{"type", "ask"},
                {"id", "q" + std::to_string(i)},
                {"key", "ask-" + std::to_string(i)},
                {"text", "Question " + std::to_string(i)}};
  };
  for (int i = 0; i < asked / 2; ++i) {
    const auto reply = ann_phone.command(ask(i));
    ASSERT_EQ(reply.value("type", ""), "ack") << reply;
  }
  for (int i = asked / 2; i < asked; ++i) phone->send(ask(i));
  a.kill_hard();
  std::uint64_t last_seq = 0;
  std::set<std::string> answered;
  for (const auto& m : phone->received()) {
    if (m.value("type", "") == "event" || m.value("type", "") == "welcome") last_seq = m.value("seq", last_seq);
    if (m.value("type", "") == "ack") answered.insert(m.value("id", ""));
  }
  phone.reset();

  // The phone reconnects to B from where it was, and sends again what had no answer.
  ws_client again(b.port());
  const auto welcome = again.hello(d.id, bob.token, last_seq);
  ASSERT_EQ(welcome.value("type", ""), "welcome") << welcome << b.log_text();
  for (int i = asked / 2; i < asked; ++i) {
    if (answered.contains("q" + std::to_string(i))) continue;
    const auto reply = again.command(ask(i));
    ASSERT_EQ(reply.value("type", ""), "ack") << reply;
  }

  // Every question exists once, and B's screen saw one gapless order.
  ASSERT_TRUE(wait_until([&] { return count_event(watch_b, "question_asked") >= asked; }));
  std::map<std::string, int> seen;
  for (const auto& e : events_of(watch_b)) {
    if (e.value("event", "") == "question_asked") ++seen[e["data"]["question"]["text"].get<std::string>()];
  }
  for (int i = 0; i < asked; ++i) EXPECT_EQ(seen["Question " + std::to_string(i)], 1) << i;
  expect_chained(events_of(watch_b), events_of(watch_b).front().value("prev", std::uint64_t{0}));

  // The resumed phone got what it missed, then its own questions, each once.
  std::uint64_t prev = last_seq;
  for (const auto& m : again.received()) {
    if (m.value("type", "") != "event") continue;
    EXPECT_EQ(m.value("prev", std::uint64_t{0}), prev) << m;
    prev = m.value("seq", prev);
  }
}

TEST_F(postgresql_nodes, a_channel_takes_each_request_on_whichever_node_with_what_the_others_wrote) {
  two_nodes nodes;
  auto& a = nodes.a;
  auto& b = nodes.b;
  const auto created = http_request(a.port(), "POST", "/api/channels",
                                    json{{"name", "Acme TV"}, {"categories", {"RH"}}}, a.admin_token());
  ASSERT_EQ(created.status, 201) << created.raw;
  const auto path = "/api/channels/" + created.body["id"].get<std::string>();
  // Each step on the other node from the one before, at once: each must be decided on the step
  // before it.
  const auto ana = http_request(b.port(), "POST", path + "/identities", json{{"name", "Ana"}});
  ASSERT_EQ(ana.status, 201) << ana.raw;
  const auto token = ana.body["token"].get<std::string>();
  for (int i = 1; i <= 3; ++i) {
    auto& proposer = i % 2 == 0 ? b : a;
    auto& answerer = i % 2 == 0 ? a : b;
    const auto proposed = http_request(proposer.port(), "POST", path + "/topics",
                                       json{{"title", "Sujet " + std::to_string(i)},
                                            {"pitch", "Pourquoi en débattre"},
                                            {"category", "RH"},
                                            {"format", "oxford"}},
                                       token);
    ASSERT_EQ(proposed.status, 201) << proposed.raw;
    const auto topic = proposed.body["id"].get<std::string>();
    const auto answered = http_request(answerer.port(), "POST", path + "/topics/" + topic + "/answer",
                                       json{{"answer", "accept"}, {"text", "Bienvenue"}}, a.admin_token());
    ASSERT_EQ(answered.status, 200) << "step " << i << ": " << answered.raw;
    EXPECT_EQ(answered.body["status"], "accepted");
  }
  // Both nodes show the same channel once they have read each other's last step.
  ASSERT_TRUE(wait_until([&] {
    const auto on_a = http_request(a.port(), "GET", path).body;
    const auto on_b = http_request(b.port(), "GET", path).body;
    return on_a == on_b && on_a["topics"].size() == 3;
  })) << http_request(a.port(), "GET", path).raw
      << "\n"
      << http_request(b.port(), "GET", path).raw;
}

}  // namespace
}  // namespace tribune::testing
