#pragma once
// What a room needs from a connection: queue a message, or close. Implemented by ws_session.
// send() and close() are safe from any thread; the connection does the work on its own strand.
// deliver() and flush() are the fan-out's fast path: they must run on executor() (the connection's
// shard), so a room hands one batch to each shard instead of one task to each connection, and each
// connection writes the batch's messages for it in one frame.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

namespace tribune::server {

using shared_message = std::shared_ptr<const std::string>;

class subscriber {
 public:
  subscriber() = default;
  subscriber(const subscriber&) = delete;
  subscriber& operator=(const subscriber&) = delete;
  virtual ~subscriber() = default;

  virtual void send(shared_message message) = 0;
  virtual void close(std::uint16_t code, std::string_view reason) = 0;

  // The shard (I/O strand) this connection lives on, and its executor.
  virtual std::size_t shard() const noexcept = 0;
  virtual boost::asio::any_io_executor executor() = 0;
  // Queues a message without writing it; only on executor().
  virtual void deliver(const shared_message& message) = 0;
  // Writes what deliver() queued; only on executor().
  virtual void flush() = 0;
};

}  // namespace tribune::server
