#pragma once
// What a room needs from a connection: queue a message, or close. Implemented by ws_session.
// Both calls are safe from any thread; the connection does the work on its own strand.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

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
};

}  // namespace tribune::server
