#include "fanout.hpp"

#include <algorithm>
#include <cmath>

#include "figures.hpp"
#include "net.hpp"
#include "pacing.hpp"
#include "runner.hpp"

namespace bench {
namespace {

std::size_t publisher_count(const options& o) {
  if (o.publishers != 0) return o.publishers;
  if (o.rate <= 0) return 48;
  const double events_per_s = o.rate / static_cast<double>(o.listeners);
  return static_cast<std::size_t>(std::ceil(events_per_s / 15.0)) + 1;
}

// The publishing side of one run: which publisher sends next, and how far behind schedule it ran.
struct publishing {
  publisher_pool& pool;
  fanout_hooks& hooks;
  std::uint64_t throttled = 0;  // moments when every publisher was at its command limit
  std::int64_t late_max = 0;

  bool publish(std::int64_t scheduled, std::int64_t now) {
    auto* p = pool.take(now);
    if (!p) return false;
    hooks.publish(*p, scheduled);
    late_max = std::max(late_max, now - scheduled);
    return true;
  }
};

asio::awaitable<void> publish_paced(const options& o, publishing& out) {
  const double events_per_s = o.rate / static_cast<double>(o.listeners);
  const auto total = static_cast<std::uint64_t>(events_per_s * o.duration);
  const scheduled_action act = [&](std::uint64_t, std::int64_t scheduled) {
    if (out.publish(scheduled, now_ns())) return true;
    ++out.throttled;
    return false;
  };
  co_await run_paced(now_ns() + 5'000'000, events_per_s, total, act);
}

asio::awaitable<void> publish_unpaced(const options& o, publishing& out) {
  const auto end = now_ns() + 5'000'000 + static_cast<std::int64_t>(o.duration * 1e9);
  const auto& h = out.hooks;
  const std::function<void()> top_up = [&] {
    while (h.outstanding < o.window && h.sent - h.fully < o.lag) {
      if (const auto now = now_ns(); !out.publish(now, now)) {
        ++out.throttled;
        return;
      }
    }
  };
  co_await top_up_until(end, top_up);
}

json fanout_result(runner& r, const publishing& out, std::int64_t publish_end, bool drained) {
  const auto& o = r.opts();
  const auto& h = out.hooks;
  auto result = h.received.figures(o, h.sent, h.replies.ok, publish_end, r.listeners().size(), drained);
  result["publishers"] = out.pool.size();
  result["events_acked"] = h.replies.ok;
  result["command_errors"] = h.replies.errors;
  result["publisher_throttled"] = out.throttled;
  result["publisher_late_max_ms"] = ms_between(0, out.late_max);
  if (o.rate <= 0) result["window"] = o.window;
  h.replies.report_error(result);
  return result;
}

}  // namespace

void fanout_hooks::publish(publisher_state& p, std::int64_t scheduled) {
  const auto id = p.toggle_pin();
  scheduled_by_id[key(*p.c, id)] = scheduled;
  ++sent;
  ++outstanding;
  received.on_send(now_ns());
}

void fanout_hooks::check_full(publish_slot& s) {
  if (!s.counted_full && s.scheduled && s.received >= live) {
    s.counted_full = true;
    ++fully;
  }
}

void fanout_hooks::on_reply(conn& c, std::string_view line, std::int64_t id, bool ok, std::int64_t seq, std::int64_t) {
  if (c.role != kind::moderator) return;
  const auto it = scheduled_by_id.find(key(c, id));
  if (it == scheduled_by_id.end()) return;
  --outstanding;
  const auto scheduled = it->second;
  scheduled_by_id.erase(it);
  replies.count(ok, line);
  if (!ok) return;
  auto& s = slots[seq];
  s.scheduled = scheduled;
  for (const auto t : s.early) received.latency.record(t - scheduled);
  s.early.clear();
  s.early.shrink_to_fit();
  check_full(s);
}

void fanout_hooks::on_event(conn& c, std::string_view line, std::int64_t seq, std::string_view name, std::int64_t now) {
  if (c.role != kind::audience || name != "question_pinned") return;
  received.on_delivery(line.size(), now);
  auto& s = slots[seq];
  ++s.received;
  if (s.scheduled) {
    received.latency.record(now - s.scheduled);
    check_full(s);
  } else {
    s.early.push_back(now);
  }
}

void fanout_hooks::on_closed(conn& c) {
  if (c.role != kind::audience) return;
  --live;
  for (auto& [seq, s] : slots) check_full(s);
}

asio::awaitable<void> run_fanout(runner& r) {
  publisher_pool pool;
  if (!co_await pool.prepare(r, publisher_count(r.opts()))) co_return;
  fanout_hooks h(r.listeners().size());
  const scoped_hooks installed(r.clients(), h);
  r.measured().begin();
  publishing out{pool, h};
  if (r.opts().rate > 0) {
    co_await publish_paced(r.opts(), out);
  } else {
    co_await publish_unpaced(r.opts(), out);
  }
  const auto publish_end = now_ns();
  const bool drained = co_await wait_until([&] { return h.outstanding == 0 && h.fully >= h.replies.ok; },
                                           drain_limit(r.opts().duration));
  r.finish(fanout_result(r, out, publish_end, drained));
}

}  // namespace bench
