#pragma once
// The idle deadline of every WebSocket on a shard, kept by one timer per shard instead of one per
// stream (which cost each connection a pending timer operation). Every few seconds the sweep looks
// at each of the shard's connections once: one not heard from for half the idle timeout is
// pinged, one silent for the whole of it (a phone that vanished without a FIN) is cut off. Runs on
// the shard's strand; the timer is armed only while the shard has connections.
#include <chrono>
#include <memory>
#include <vector>

#include "server/net.hpp"

namespace tribune::server {

class idle_watched {
 public:
  idle_watched() = default;
  idle_watched(const idle_watched&) = delete;
  idle_watched& operator=(const idle_watched&) = delete;
  // When a frame (data, ping or pong) last arrived; false once the connection is over.
  virtual bool heard(std::chrono::steady_clock::time_point& when) const = 0;
  virtual void ping() = 0;
  virtual void expire() = 0;

 protected:
  ~idle_watched() = default;
};

class idle_sweep {
 public:
  idle_sweep(const asio::any_io_executor& strand, std::chrono::steady_clock::duration idle_timeout);

  // Only on the strand.
  void add(std::weak_ptr<idle_watched> connection);
  std::size_t size() const noexcept { return members_.size(); }

 private:
  void arm();
  void sweep();

  asio::steady_timer timer_;
  std::chrono::steady_clock::duration idle_timeout_;
  std::vector<std::weak_ptr<idle_watched>> members_;
  bool armed_ = false;
};

}  // namespace tribune::server
