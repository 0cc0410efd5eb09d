#include "reactions.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "client_hooks.hpp"
#include "figures.hpp"
#include "net.hpp"
#include "pacing.hpp"
#include "replies.hpp"
#include "runner.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

struct reaction_hooks : client_hooks {
  reply_tally reactions;
  std::uint64_t broadcasts = 0;
  std::string last_message;  // the last broadcast the first listener received

  void on_reply(conn& c, std::string_view line, std::int64_t, bool good, std::int64_t, std::int64_t) override {
    if (c.role == kind::audience) reactions.count(good, line);
  }
  void on_reactions(conn& c, std::string_view line, std::int64_t) override {
    ++broadcasts;
    if (c.index == 0) last_message = std::string(line);
  }
};

// Sends `total` reactions from `start` on, round robin over the listeners: every millisecond,
// everything due by then goes out in one batch.
asio::awaitable<void> react(runner& r, std::int64_t start, double per_s, std::uint64_t total) {
  static constexpr std::array<const char*, 5> kinds = {"applause", "agree", "disagree", "laugh", "confused"};
  const auto& listeners = r.listeners();
  const auto n = listeners.size();
  for (std::uint64_t k = 0; k < total;) {
    const auto elapsed_s = std::max(0.0, seconds_between(start, now_ns()));
    const auto due = static_cast<std::uint64_t>(elapsed_s * per_s) + 1;
    for (; k < std::min(due, total); ++k) {
      listeners[k % n]->send_command(json{{"type", "react"}, {"kind", kinds[(k / n) % kinds.size()]}});
    }
    co_await sleep_for(1ms);
  }
}

// The sum of the totals in the last broadcast, or -1 if it had none.
std::int64_t final_totals(const std::string& message) {
  const auto last = json::parse(message, nullptr, false);
  if (!last.is_object() || !last.contains("totals")) return -1;
  std::int64_t totals = 0;
  for (const auto& [k, v] : last["totals"].items()) totals += v.get<std::int64_t>();
  return totals;
}

}  // namespace

asio::awaitable<void> run_reactions(runner& r) {
  reaction_hooks h;
  const scoped_hooks installed(r.clients(), h);
  r.measured().begin();
  const auto n = r.listeners().size();
  const auto per_s = r.opts().react_rate * static_cast<double>(n);
  const auto total = static_cast<std::uint64_t>(per_s * r.opts().duration);
  const auto start = now_ns() + 5'000'000;
  co_await react(r, start, per_s, total);
  const auto load_end = now_ns();
  co_await wait_until([&] { return h.reactions.answered() >= total; }, 30s);
  co_await sleep_for(1500ms);  // the meter falls back to zero; totals are recorded
  const auto totals = final_totals(h.last_message);
  const auto load_s = seconds_between(start, load_end);
  json result{{"reactions_sent", total},
              {"reactions_ok", h.reactions.ok},
              {"reaction_errors", h.reactions.errors},
              {"reactions_per_s", round3(static_cast<double>(total) / load_s)},
              {"broadcasts_received", h.broadcasts},
              {"broadcasts_per_listener_per_s",
               round3(static_cast<double>(h.broadcasts) / static_cast<double>(n) / (load_s + 1.5))},
              {"final_totals_seen", totals},
              {"totals_match", totals == static_cast<std::int64_t>(h.reactions.ok)}};
  h.reactions.report_error(result);
  r.finish(result);
}

}  // namespace bench
