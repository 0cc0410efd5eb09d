#pragma once
// The options of every server-side WebSocket stream, in one place: the session applies them to its
// TCP stream, and the read-path fuzz target (fuzz/fuzz_ws_read.cpp) to an in-memory one, so what
// is fuzzed is what is served.
#include <chrono>

#include "protocol/limits.hpp"
#include "server/net.hpp"

namespace tribune::server {

template <class NextLayer>
void apply_server_options(websocket::stream<NextLayer>& ws) {
  using namespace std::chrono_literals;
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = 10s;
  timeouts.idle_timeout = 60s;
  timeouts.keep_alive_pings = true;
  ws.set_option(timeouts);
  // A larger message fails the read with message_too_big (close 1009) before it is buffered.
  ws.read_message_max(protocol::max_frame_bytes);
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "tribune"); }));
}

}  // namespace tribune::server
