#pragma once
// Where the clients connect: host, port and WebSocket path, from --url or from a server the bench
// started. On loopback every client can speak from its own 127.x address: the server's
// per-address limit on new audience identities then applies per simulated venue, not to the
// whole bench.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/asio/ip/address_v4.hpp>

#include "net.hpp"

namespace bench {

struct target {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string path = "/";
  bool loopback = true;

  std::string host_port() const { return host + ":" + std::to_string(port); }
};

// http://127.0.0.1:8080, ws://localhost:4223/ or 127.0.0.1:8080 (http assumed); the port is
// required. Throws std::invalid_argument for anything else.
target target_from_url(std::string_view url);

// The loopback source address of client `index`: 127.0.1.1 upwards, 250 identities per address,
// under the server's burst of new identities.
asio::ip::address_v4 source_address(std::size_t index);

}  // namespace bench
