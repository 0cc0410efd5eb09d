#pragma once
// The webhooks' sender. Deliveries wait in the outbox (storage/webhook_store.hpp); this loop takes
// the due ones, signs and posts each (post.hpp), and records every attempt: delivered on a 2xx,
// otherwise tried again after an exponential backoff with jitter (`retry_base` doubling up to
// `retry_cap`, ±20 %), until `give_up_after` has passed since it was queued. It runs as its own
// coroutines on its own strand, at most `in_flight` posts at a time, and a room never waits for it.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "server/net.hpp"
#include "storage/webhook_store.hpp"

namespace tribune::server::webhooks {

struct outbox_options {
  std::chrono::milliseconds retry_base{5000};
  std::chrono::milliseconds retry_cap{std::chrono::hours(1)};
  std::chrono::milliseconds give_up_after{std::chrono::hours(26)};
  std::chrono::milliseconds timeout{10000};  // a whole post
  std::chrono::milliseconds poll{500};       // how often the outbox is read when nobody pokes it
  std::size_t in_flight = 8;
};

// The delay before attempt `attempts + 1`, without jitter.
std::chrono::milliseconds backoff(const outbox_options& o, std::uint32_t attempts);

class outbox : public std::enable_shared_from_this<outbox> {
 public:
  outbox(const asio::any_io_executor& io, asio::any_io_executor storage_pool, storage::webhook_store& store,
         outbox_options o);

  void start();
  void stop();
  // Something was queued: read the outbox now rather than at the next poll.
  void poke();
  // Whether a post is under way; a draining server waits for it so its outcome is recorded.
  bool posting() const { return posting_.load() > 0; }

 private:
  asio::awaitable<void> loop();
  asio::awaitable<void> deliver(storage::delivery_row d);
  void settle(storage::delivery_row& d, int status, const std::string& error) const;

  asio::strand<asio::any_io_executor> strand_;
  asio::any_io_executor storage_;
  storage::webhook_store& store_;
  const outbox_options options_;
  boost::asio::ssl::context tls_;
  asio::steady_timer wake_;
  // On the strand only:
  std::set<std::string> in_flight_;
  bool stopped_ = false;
  std::atomic<std::size_t> posting_{0};
};

}  // namespace tribune::server::webhooks
