#include "server/webhooks/outbox.hpp"

#include <sodium.h>

#include <algorithm>

#include "server/clock.hpp"
#include "server/log.hpp"
#include "server/webhooks/post.hpp"
#include "server/webhooks/signing.hpp"
#include "storage/event_log.hpp"

namespace tribune::server::webhooks {
namespace {

using storage::delivery_status;

constexpr std::size_t batch = 32;

std::int64_t ms(std::chrono::milliseconds d) { return static_cast<std::int64_t>(d.count()); }

}  // namespace

std::chrono::milliseconds backoff(const outbox_options& o, std::uint32_t attempts) {
  auto delay = o.retry_base;
  for (std::uint32_t i = 1; i < attempts && delay < o.retry_cap; ++i) delay *= 2;
  return std::min(delay, o.retry_cap);
}

outbox::outbox(const asio::any_io_executor& io, asio::any_io_executor storage_pool, storage::webhook_store& store,
               outbox_options o)
    : strand_(asio::make_strand(io)),
      storage_(std::move(storage_pool)),
      store_(store),
      options_(o),
      tls_(client_tls()),
      wake_(strand_) {}

void outbox::start() {
  asio::co_spawn(strand_, loop(), [](const std::exception_ptr& e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& x) {
      log::error("webhooks_stopped", {{"detail", x.what()}});
    }
  });
}

void outbox::stop() {
  asio::post(strand_, [self = shared_from_this()] {
    self->stopped_ = true;
    self->wake_.cancel();
  });
}

void outbox::poke() {
  asio::post(strand_, [self = shared_from_this()] { self->wake_.cancel(); });
}

asio::awaitable<void> outbox::loop() {
  auto self = shared_from_this();
  while (!stopped_) {
    if (in_flight_.size() < options_.in_flight) {
      // Named, not a temporary inside the co_await expression (GCC 12, see net.hpp).
      auto read = [this, now = now_ms()] { return store_.due(now, batch); };
      std::vector<storage::delivery_row> due;
      try {
        due = co_await offload(storage_, std::move(read));
      } catch (const storage::storage_error& e) {
        log::error("webhooks_outbox_unreadable", {{"detail", e.what()}});
      }
      for (auto& d : due) {
        if (stopped_ || in_flight_.size() >= options_.in_flight || in_flight_.contains(d.id)) continue;
        in_flight_.insert(d.id);
        ++posting_;
        asio::co_spawn(strand_, deliver(std::move(d)), asio::detached);
      }
    }
    wake_.expires_after(options_.poll);
    co_await wake_.async_wait(use_tuple);
  }
}

void outbox::settle(storage::delivery_row& d, int status, const std::string& error) const {
  const auto now = now_ms();
  ++d.attempts;
  d.last_code = status;
  if (status >= 200 && status < 300) {
    d.status = delivery_status::delivered;
    d.last_error.clear();
    d.done_at = now;
    return;
  }
  d.last_error = error.empty() ? "HTTP " + std::to_string(status) : error;
  if (now - d.created_at >= ms(options_.give_up_after)) {
    d.status = delivery_status::failed;
    d.done_at = now;
    return;
  }
  // ±20 % jitter, so that receivers coming back up are not hit by every retry at once.
  const auto delay = ms(backoff(options_, d.attempts));
  const auto spread = std::max<std::int64_t>(1, delay * 2 / 5);
  const auto jitter = static_cast<std::int64_t>(randombytes_uniform(static_cast<std::uint32_t>(spread))) - spread / 2;
  d.next_at = now + delay + jitter;
}

asio::awaitable<void> outbox::deliver(storage::delivery_row d) {
  auto self = shared_from_this();
  const auto timestamp = now_ms() / 1000;
  const auto signature = sign(d.secret, d.id, timestamp, d.body);
  post_result r{0, "the webhook's secret is unreadable"};
  if (signature) {
    const header_list headers{
        {"webhook-id", d.id}, {"webhook-timestamp", std::to_string(timestamp)}, {"webhook-signature", *signature}};
    r = co_await post(tls_, d.url, headers, d.body, options_.timeout);
  }
  settle(d, r.status, r.error);
  auto record = [this, d] {
    store_.record_attempt(d);
    return true;
  };
  try {
    co_await offload(storage_, std::move(record));
  } catch (const storage::storage_error& e) {
    log::error("webhooks_attempt_not_recorded", {{"delivery", d.id}, {"detail", e.what()}});
  }
  in_flight_.erase(d.id);
  --posting_;
  if (d.status != delivery_status::pending) {
    log::info("webhook_settled",
              {{"delivery", d.id}, {"type", d.type}, {"attempts", d.attempts}, {"code", d.last_code}});
  }
}

}  // namespace tribune::server::webhooks
