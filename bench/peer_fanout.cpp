#include "peer_fanout.hpp"

#include <charconv>
#include <string>
#include <vector>

#include "client_hooks.hpp"
#include "deliveries.hpp"
#include "figures.hpp"
#include "net.hpp"
#include "pacing.hpp"
#include "runner.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

// The payload starts with "k=<number>;"; the publisher keeps each number's scheduled time.
struct peer_hooks : client_hooks {
  explicit peer_hooks(std::size_t listeners) : live(listeners) {}
  struct slot {
    std::int64_t scheduled = 0;
    std::uint32_t received = 0;
  };
  std::vector<slot> slots;
  fanout_deliveries received;
  std::size_t live;
  std::uint64_t fully = 0;

  void on_peer_message(conn& c, std::string_view payload, std::int64_t now) override {
    if (!c.listener || !payload.starts_with("k=")) return;
    std::int64_t k = -1;
    std::from_chars(payload.data() + 2, payload.data() + payload.size(), k);
    if (k < 0 || static_cast<std::size_t>(k) >= slots.size()) return;
    received.on_delivery(payload.size(), now);
    ++c.events;
    if (k == c.last_index + 1) {
      c.last_index = k;
    } else if (k > c.last_index) {
      ++c.gaps;
      c.last_index = k;
    } else {
      ++c.dups;
    }
    auto& s = slots[static_cast<std::size_t>(k)];
    received.latency.record(now - s.scheduled);
    if (++s.received == live) ++fully;
  }
  void on_closed(conn& c) override {
    if (c.listener) --live;
  }
};

// Sends message number slots.size(), due at `scheduled`.
struct peer_publisher {
  conn& pub;
  peer_hooks& hooks;
  std::size_t msg_bytes;
  std::string padding = std::string(msg_bytes, 'x');

  void publish(std::int64_t scheduled) {
    const auto k = hooks.slots.size();
    hooks.slots.push_back({scheduled, 0});
    auto payload = "k=" + std::to_string(k) + ";";
    payload += padding.substr(0, msg_bytes - payload.size());
    if (pub.role == kind::nats) {
      pub.send("PUB bench " + std::to_string(payload.size()) + "\r\n" + payload + "\r\n");
    } else {
      pub.send(std::move(payload));
    }
    hooks.received.on_send(now_ns());
  }
};

asio::awaitable<void> publish(const options& o, peer_publisher& out) {
  if (o.rate > 0) {
    const double events_per_s = o.rate / static_cast<double>(o.listeners);
    const scheduled_action act = [&](std::uint64_t, std::int64_t scheduled) {
      out.publish(scheduled);
      return true;
    };
    co_await run_paced(now_ns() + 5'000'000, events_per_s, static_cast<std::uint64_t>(events_per_s * o.duration), act);
    co_return;
  }
  const auto end = now_ns() + 5'000'000 + static_cast<std::int64_t>(o.duration * 1e9);
  const auto& h = out.hooks;
  const std::function<void()> top_up = [&] {
    while (h.slots.size() - h.fully < o.lag) out.publish(now_ns());
  };
  co_await top_up_until(end, top_up);
}

}  // namespace

asio::awaitable<void> run_peer_fanout(runner& r) {
  const auto& o = r.opts();
  const auto k = o.peer == "nats" ? kind::nats : kind::raw;
  peer_hooks h(o.listeners);
  if (!co_await r.open_listener_set(k)) co_return;
  // The publisher: for NATS it connects without subscribing.
  const scoped_hooks installed(r.clients(), h);
  std::vector<conn*> one;
  if (!co_await r.open_publishers(one, 1, k, 10s)) {
    co_return r.fail(one.front()->open ? "publisher not ready" : "publisher could not connect");
  }
  co_await sleep_for(300ms);

  r.measured().begin();
  peer_publisher out{*one.front(), h, o.msg_bytes};
  co_await publish(o, out);
  const auto publish_end = now_ns();
  const bool drained = co_await wait_until([&] { return h.fully >= h.slots.size(); }, drain_limit(o.duration));
  const auto sent = h.slots.size();
  r.finish(h.received.figures(o, sent, sent, publish_end, r.listeners().size(), drained));
}

}  // namespace bench
