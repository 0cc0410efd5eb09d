#include "questions.hpp"

#include <algorithm>
#include <charconv>
#include <string>

#include "client_hooks.hpp"
#include "figures.hpp"
#include "net.hpp"
#include "pacing.hpp"
#include "publishers.hpp"
#include "replies.hpp"
#include "runner.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

// Each question's text starts with its asker's number, so the moderator's copy finds its stamp.
constexpr std::string_view marker = "bench-";

struct question_hooks : client_hooks {
  explicit question_hooks(runner& run) : r(run) {}
  runner& r;
  reply_tally asks;
  std::uint64_t moderator_received = 0, audience_received = 0;
  histogram moderator_latency;

  void on_reply(conn& c, std::string_view line, std::int64_t, bool good, std::int64_t, std::int64_t now) override {
    if (c.role == kind::audience && c.stamp) asks.count_timed(good, line, c.stamp, now);
  }
  void on_event(conn& c, std::string_view line, std::int64_t, std::string_view name, std::int64_t now) override {
    if (name != "question_asked") return;
    if (c.role == kind::audience) {
      ++audience_received;
      return;
    }
    const auto p = line.find(marker);
    if (p == std::string_view::npos) return;
    std::size_t i = 0;
    std::from_chars(line.data() + p + marker.size(), line.data() + line.size(), i);
    if (i < r.listeners().size() && r.listeners()[i]->stamp) {
      moderator_latency.record(now - r.listeners()[i]->stamp);
      ++moderator_received;
    }
  }
};

}  // namespace

asio::awaitable<void> run_questions(runner& r) {
  question_hooks h(r);
  const scoped_hooks installed(r.clients(), h);
  if (!co_await open_moderator(r)) co_return;
  co_await sleep_for(300ms);

  r.measured().begin();
  const auto& listeners = r.listeners();
  const auto k = r.opts().askers ? std::min(r.opts().askers, listeners.size()) : listeners.size();
  const scheduled_action ask = [&](std::uint64_t i, std::int64_t) {
    auto& c = *listeners[i];
    c.stamp = now_ns();
    const auto text =
        std::string(marker) + std::to_string(i) + " What would the bus network look like without private cars?";
    c.send_command(json{{"type", "ask"}, {"text", text}});
    return true;
  };
  const auto start = co_await spread_over(k, r.opts().spread, ask);
  co_await wait_until([&] { return h.asks.answered() >= k && h.moderator_received >= h.asks.ok; }, 60s);
  co_await wait_until([&] { return h.audience_received >= h.asks.ok * r.open_listeners(); }, 30s);
  json result{{"askers", k},
              {"questions_ok", h.asks.ok},
              {"question_errors", h.asks.errors},
              {"spread_s", r.opts().spread},
              {"acks_per_s", round3(static_cast<double>(h.asks.ok) / seconds_between(start, h.asks.last_ack))},
              {"ack_latency_ms", h.asks.latency.summary()},
              {"moderator_received", h.moderator_received},
              {"moderator_latency_ms", h.moderator_latency.summary()},
              {"audience_deliveries", h.audience_received}};
  h.asks.report_error(result);
  r.finish(result);
}

}  // namespace bench
