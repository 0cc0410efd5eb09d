#include "reconnect.hpp"

#include <algorithm>
#include <cmath>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "fanout.hpp"
#include "figures.hpp"
#include "net.hpp"
#include "pacing.hpp"
#include "resume.hpp"
#include "runner.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

struct reconnect_hooks : fanout_hooks {
  reconnect_hooks(runner& run, std::size_t listeners) : fanout_hooks(listeners), r(run) {}
  runner& r;
  bool reconnecting = false;
  std::int64_t max_acked_seq = 0;

  void on_reply(conn& c, std::string_view line, std::int64_t id, bool ok, std::int64_t seq, std::int64_t now) override {
    if (ok && c.role == kind::moderator) max_acked_seq = std::max(max_acked_seq, seq);
    fanout_hooks::on_reply(c, line, id, ok, seq, now);
  }
  void on_closed(conn& c) override {
    if (c.role != kind::audience || !reconnecting) return;
    asio::co_spawn(r.io(), resume(r, c), asio::detached);
  }
};

// Publishes at 30 events a second (within two publishers' limits) for half the duration; an
// event whose publishers are both at their limit is skipped.
asio::awaitable<void> publish_until_kill(runner& r, publisher_pool& pool, reconnect_hooks& h) {
  const double events_per_s = 30;
  const auto count = static_cast<std::uint64_t>(std::ceil(events_per_s * r.opts().duration / 2));
  const scheduled_action act = [&](std::uint64_t, std::int64_t scheduled) {
    if (auto* p = pool.take(now_ns())) h.publish(*p, scheduled);
    return true;
  };
  co_await run_paced(now_ns() + 5'000'000, events_per_s, count, act);
}

// Kills the server while commands are in flight (it may hold durable events it never sent),
// starts it again and waits for /healthz. Returns the kill time, or 0 after runner::fail.
asio::awaitable<std::int64_t> kill_and_restart(runner& r) {
  const auto t_kill = now_ns();
  auto& server = *r.server();
  server.kill_hard();
  server.start();
  r.measured().server_restarted(server.pid());
  if (co_await r.rest().wait_healthy(30s, 5ms)) co_return t_kill;
  r.fail("the server did not come back");
  co_return 0;
}

json recovery_result(runner& r, const reconnect_hooks& h, std::int64_t t_kill, std::int64_t t_ready, bool all) {
  std::int64_t last = 0, committed = 0, behind = 0;
  std::size_t resumed = 0;
  for (auto& c : r.listeners()) {
    if (c->caught_up_at) last = std::max(last, c->caught_up_at);
    committed = std::max(committed, c->caught_up_to);
    if (c->closes > 0) ++resumed;
  }
  for (auto& c : r.listeners()) behind += c->last_seq < committed ? 1 : 0;
  return json{{"events_before_kill", h.sent},
              {"events_acked", h.replies.ok},
              {"max_acked_seq", h.max_acked_seq},
              {"committed_seq_after_restart", committed},
              {"acked_events_lost", h.max_acked_seq > committed ? h.max_acked_seq - committed : 0},
              {"all_caught_up", all},
              {"listeners_behind", behind},
              {"reconnected", resumed},
              {"restart_ms", ms_between(t_kill, t_ready)},
              {"kill_to_all_caught_up_ms", last ? ms_between(t_kill, last) : -1},
              {"ready_to_all_caught_up_ms", last ? ms_between(t_ready, last) : -1}};
}

}  // namespace

asio::awaitable<void> run_reconnect(runner& r) {
  publisher_pool pool;
  if (!co_await pool.prepare(r, 2)) co_return;
  reconnect_hooks h(r, r.listeners().size());
  const scoped_hooks installed(r.clients(), h);
  r.measured().begin();
  co_await publish_until_kill(r, pool, h);
  h.reconnecting = true;
  const auto t_kill = co_await kill_and_restart(r);
  if (t_kill == 0) co_return;
  const auto t_ready = now_ns();
  const bool all = co_await wait_until(
      [&] {
        return std::all_of(r.listeners().begin(), r.listeners().end(),
                           [](auto& c) { return c->open && c->ready && c->caught_up_at; });
      },
      120s);
  const auto result = recovery_result(r, h, t_kill, t_ready, all);
  h.reconnecting = false;
  r.finish(result);
}

}  // namespace bench
