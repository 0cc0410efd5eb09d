#pragma once
// What every connection of one server shares: configuration, storage, the live rooms, the
// organizer credential, and the set of open WebSocket sessions (for a draining shutdown).
// Members are either immutable after start, atomic, or guarded by the mutex named beside them.
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include <boost/asio/thread_pool.hpp>
#include "server/archive.hpp"
#include "server/config.hpp"
#include "server/gzip_cache.hpp"
#include "server/idle_sweep.hpp"
#include "server/metrics.hpp"
#include "server/rate_limit.hpp"
#include "server/replay.hpp"
#include "server/trusted_proxies.hpp"

#include "server/channel/channel.hpp"
#include "server/room/registry.hpp"
#include "server/subscriber.hpp"
#include "server/vendor_files.hpp"
#include "storage/event_log.hpp"
#include "storage/webhook_store.hpp"

namespace tribune::server {

namespace webhooks {
class outbox;
}  // namespace webhooks

// The webhooks' sender for this configuration (webhooks/outbox.hpp), kept out of this header so
// that the TLS headers it needs are compiled once.
std::shared_ptr<webhooks::outbox> make_outbox(const boost::asio::any_io_executor& io,
                                              boost::asio::any_io_executor storage_pool, storage::webhook_store& store,
                                              const config& c);

// Per-address limiter for new audience identities: generous, because a whole venue may share one
// address behind its Wi-Fi, but bounded so one machine cannot mint identities without end.
class address_limiter {
 public:
  address_limiter(double per_second, double burst) : per_second_(per_second), burst_(burst) {}
  bool try_take(const std::string& address);

 private:
  static constexpr std::size_t max_tracked = 100000;
  double per_second_;
  double burst_;
  std::mutex mutex_;  // guards buckets_
  std::unordered_map<std::string, token_bucket> buckets_;
};

class session_set {
 public:
  void add(const subscriber* key, std::weak_ptr<subscriber> s);
  bool remove(const subscriber* key);  // true if it was there
  void close_all(std::uint16_t code, std::string_view reason);
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;  // guards sessions_
  std::unordered_map<const subscriber*, std::weak_ptr<subscriber>> sessions_;
};

struct app {
  app(config c, storage::event_log& l, storage::webhook_store& w, const boost::asio::any_io_executor& io,
      server_secrets s)
      : cfg(std::move(c)),
        log(l),
        hooks(w),
        storage_threads(storage_thread_count),
        rooms(io, storage_threads.get_executor(), l, stats, std::chrono::seconds(cfg.room_idle_seconds)),
        opinion(cfg.opinion_map ? std::make_unique<opinion_live::analyst>() : nullptr),
        channels(io, storage_threads.get_executor(), l),
        admin_token_hash(std::move(s.admin_token_hash)),
        link_key(std::move(s.link_key)),
        outbox(make_outbox(io, storage_threads.get_executor(), w, cfg)) {}
  ~app() { storage_threads.join(); }

  // Storage reads block: they run here, never on an I/O thread.
  static constexpr std::size_t storage_thread_count = 2;

  const config cfg;
  storage::event_log& log;
  storage::webhook_store& hooks;
  metrics stats;  // before rooms, which hold a reference to it
  boost::asio::thread_pool storage_threads;
  room_registry rooms;
  // After rooms, so it stops first: no update runs, nor reaches a room, while the rooms go.
  std::unique_ptr<opinion_live::analyst> opinion;
  channel_hub channels;
  const std::string admin_token_hash;
  const std::string link_key;  // never logged
  std::atomic<bool> ready{false};
  std::atomic<std::uint16_t> port{0};
  const trusted_proxies proxies{cfg.trusted_proxies};  // who may name the client (X-Forwarded-For)
  address_limiter joins{cfg.joins_per_second, cfg.join_burst};
  // Proposals, applications and sponsor offers from one address.
  address_limiter proposals{protocol::channels::address_proposals_per_second,
                            protocol::channels::address_proposal_burst};
  session_set sessions;
  // One idle timer per shard (index: the shard), made by the listener before it accepts.
  std::vector<std::unique_ptr<idle_sweep>> idle;
  const vendor_index vendor{vendor_index::load(cfg.vendor_root)};
  gzip_cache compressed;
  archive_store archives;
  replay_store replays;
  std::shared_ptr<webhooks::outbox> outbox;
};

}  // namespace tribune::server
