#include "commands.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "client_hooks.hpp"
#include "figures.hpp"
#include "histogram.hpp"
#include "net.hpp"
#include "pacing.hpp"
#include "replies.hpp"
#include "runner.hpp"
#include "wire.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t window = 4;  // commands awaiting their ack, per connection
constexpr double per_second = 18;  // under the server's 20 a second per connection
constexpr double burst = 18;       // under its burst of 40

struct sender {
  std::unique_ptr<conn> c;
  std::string debate;
  std::size_t outstanding = 0;
  double tokens = burst;
  std::int64_t refilled = 0;
};

struct command_hooks : client_hooks {
  std::unordered_map<std::int64_t, std::int64_t> sent_at;  // by key(connection, command id)
  reply_tally replies;
  std::vector<sender>* senders = nullptr;
  std::size_t first_index = 0;
  bool counting = false;

  static std::int64_t key(const conn& c, std::int64_t id) { return static_cast<std::int64_t>(c.index) << 32 | id; }
  void on_reply(conn& c, std::string_view line, std::int64_t id, bool ok, std::int64_t, std::int64_t now) override {
    if (c.role != kind::moderator || c.index < first_index) return;
    const auto it = sent_at.find(key(c, id));
    if (it == sent_at.end()) return;
    auto& s = (*senders)[c.index - first_index];
    if (s.outstanding > 0) --s.outstanding;
    if (counting) replies.count_timed(ok, line, it->second, now);
    sent_at.erase(it);
  }
};

// Creates the debates (the runner's own is the first) and returns their ids and moderator tokens.
asio::awaitable<std::vector<std::pair<std::string, std::string>>> create_debates(runner& r, std::size_t count) {
  std::vector<std::pair<std::string, std::string>> made;
  const json create{{"title", "Bench commands"}};
  for (std::size_t i = 0; i < count; ++i) {
    const auto created = co_await r.rest().request(beast::http::verb::post, "/api/debates", &create, true, {});
    if (created.status != 201) co_return decltype(made){};
    made.emplace_back(created.body.at("id"), created.body.at("tokens").at("moderator"));
  }
  co_return made;
}

void top_up(std::vector<sender>& senders, command_hooks& h, std::int64_t now) {
  for (auto& s : senders) {
    s.tokens = std::min(burst, s.tokens + static_cast<double>(now - s.refilled) * per_second / 1e9);
    s.refilled = now;
    while (s.c->open && s.outstanding < window && s.tokens >= 1) {
      s.tokens -= 1;
      ++s.outstanding;
      const auto id = s.c->send_command(
          json{{"type", "create_poll"}, {"kind", "single"}, {"question", "Bench?"}, {"options", {"Yes", "No"}}});
      h.sent_at[command_hooks::key(*s.c, id)] = now;
    }
  }
}

}  // namespace

asio::awaitable<void> run_commands(runner& r) {
  const auto& o = r.opts();
  const auto debates = co_await create_debates(r, std::max<std::size_t>(o.debates, 1));
  if (debates.empty()) co_return r.fail("creating the debates failed");
  const std::size_t count = o.publishers ? o.publishers : 300;
  std::vector<sender> senders(count);
  command_hooks h;
  h.senders = &senders;
  h.first_index = r.listeners().size() + 1000;
  std::unordered_map<std::size_t, std::string> debate_of;
  std::vector<conn*> conns;
  for (std::size_t j = 0; j < count; ++j) {
    auto& s = senders[j];
    s.c = std::make_unique<conn>(h.first_index + j, kind::moderator);
    s.c->token = debates[j % debates.size()].second;
    s.c->node = j % r.nodes();
    s.c->listener = false;
    debate_of[s.c->index] = debates[j % debates.size()].first;
    conns.push_back(s.c.get());
  }
  const scoped_hooks installed(r.clients(), h);
  r.clients().set_greeting([&](conn& c) { send_hello(c, debate_of.at(c.index)); });
  co_await r.clients().open_all(conns, true);
  const bool ready = co_await wait_until(
      [&] { return std::all_of(conns.begin(), conns.end(), [](conn* c) { return c->ready; }); }, 60s);
  json result;
  if (ready) {
    // One second to reach a steady state, then --duration seconds counted.
    co_await top_up_until(now_ns() + 1'000'000'000, [&] { top_up(senders, h, now_ns()); });
    h.counting = true;
    r.measured().begin();
    const auto t0 = now_ns();
    co_await top_up_until(t0 + static_cast<std::int64_t>(o.duration * 1e9), [&] { top_up(senders, h, now_ns()); });
    const auto t1 = now_ns();
    h.counting = false;
    result = json{{"debates", debates.size()},
                  {"publishers", count},
                  {"commands_acked", h.replies.ok},
                  {"command_errors", h.replies.errors},
                  {"commands_acked_per_s", round3(static_cast<double>(h.replies.ok) / seconds_between(t0, t1))},
                  {"ack_latency_ms", h.replies.latency.summary()}};
    h.replies.report_error(result);
    r.finish(result);
  } else {
    r.fail("the command connections were not all welcomed");
  }
  for (auto* c : conns) client_io::close(*c);
  co_await wait_until(
      [&] { return std::none_of(conns.begin(), conns.end(), [](conn* c) { return c->reading || c->writing; }); }, 10s);
}

}  // namespace bench
