#include "flash.hpp"

#include <algorithm>
#include <functional>
#include <string>

#include "client_hooks.hpp"
#include "figures.hpp"
#include "line_scan.hpp"
#include "net.hpp"
#include "pacing.hpp"
#include "publishers.hpp"
#include "replies.hpp"
#include "runner.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

struct flash_hooks : client_hooks {
  std::string poll;
  std::size_t opened = 0;
  reply_tally votes;

  void on_event(conn& c, std::string_view, std::int64_t, std::string_view name, std::int64_t) override {
    if (c.role == kind::audience && name == "poll_opened") ++opened;
  }
  void on_reply(conn& c, std::string_view line, std::int64_t, bool good, std::int64_t, std::int64_t now) override {
    if (c.role == kind::moderator) {
      if (const auto v = last_string(line, "\"poll\":\""); !v.empty()) poll = std::string(v);
      return;
    }
    if (c.stamp) votes.count_timed(good, line, c.stamp, now);
  }
  void on_tallies(conn& c, std::string_view line, std::int64_t now) override {
    const auto n = first_number(line, "\"ballots\":");
    if (n && *n > c.ballots_seen) {
      c.ballots_seen = *n;
      c.ballots_seen_at = now;
    }
  }
};

// Creates and opens the poll, and waits until every listener has seen it open.
asio::awaitable<bool> open_poll(runner& r, flash_hooks& h) {
  auto* mod = co_await open_moderator(r);
  if (!mod) co_return false;
  mod->send_command(json{{"type", "create_poll"},
                         {"kind", "single"},
                         {"question", "Flash poll: should cities ban cars?"},
                         {"options", {"Yes", "No"}}});
  if (!co_await wait_until([&] { return !h.poll.empty(); }, 10s)) {
    r.fail("create_poll got no ack");
    co_return false;
  }
  mod->send_command(json{{"type", "open_poll"}, {"poll", h.poll}});
  if (!co_await wait_until([&] { return h.opened >= r.listeners().size(); }, 30s)) {
    r.fail("poll_opened reached " + std::to_string(h.opened) + " listeners");
    co_return false;
  }
  co_await sleep_for(200ms);
  co_return true;
}

// When the last screen showed the final count (0 if none did), and how many never did.
std::pair<std::int64_t, std::size_t> final_tally_seen(runner& r, std::int64_t final_count) {
  std::int64_t all_screens = 0;
  std::size_t screens_short = 0;
  for (auto& c : r.listeners()) {
    if (c->ballots_seen >= final_count)
      all_screens = std::max(all_screens, c->ballots_seen_at);
    else
      ++screens_short;
  }
  return {all_screens, screens_short};
}

}  // namespace

asio::awaitable<void> run_flash(runner& r) {
  flash_hooks h;
  const scoped_hooks installed(r.clients(), h);
  if (!co_await open_poll(r, h)) co_return;

  r.measured().begin();
  std::int64_t last_vote = 0;
  const scheduled_action vote = [&](std::uint64_t i, std::int64_t) {
    auto& c = *r.listeners()[i];
    c.stamp = now_ns();
    last_vote = c.stamp;
    c.send_command(json{{"type", "vote"}, {"poll", h.poll}, {"choice", static_cast<int>(i % 2)}});
    return true;
  };
  const auto n = r.listeners().size();
  const auto start = co_await spread_over(n, r.opts().spread, vote);
  co_await wait_until([&] { return h.votes.answered() >= r.open_listeners(); }, 60s);
  const auto final_count = static_cast<std::int64_t>(h.votes.ok);
  co_await wait_until(
      [&] {
        return std::all_of(r.listeners().begin(), r.listeners().end(),
                           [&](auto& c) { return !c->open || c->ballots_seen >= final_count; });
      },
      10s);
  const auto [all_screens, screens_short] = final_tally_seen(r, final_count);
  json result{{"votes_sent", n},
              {"votes_ok", h.votes.ok},
              {"vote_errors", h.votes.errors},
              {"votes_spread_s", round3(seconds_between(start, last_vote))},
              {"ack_latency_ms", h.votes.latency.summary()},
              {"votes_acked_per_s", round3(static_cast<double>(h.votes.ok) / seconds_between(start, h.votes.last_ack))},
              {"screens_without_final_tally", screens_short},
              {"tally_after_last_ack_ms", all_screens ? ms_between(h.votes.last_ack, all_screens) : -1},
              {"tally_after_last_vote_ms", all_screens ? ms_between(last_vote, all_screens) : -1}};
  h.votes.report_error(result);
  r.finish(result);
}

}  // namespace bench
