#pragma once
// The options of every server-side WebSocket stream, in one place: the session applies them to its
// TCP stream, and the read-path fuzz target (fuzz/fuzz_ws_read.cpp) to an in-memory one, so what
// is fuzzed is what is served.
#include <chrono>

#include "protocol/limits.hpp"
#include "server/net.hpp"

namespace tribune::server {

// A connection heard nothing from for this long is cut off; at half of it, it is pinged. Kept by one
// timer per shard (server/idle_sweep.hpp), not by Beast's timer per stream.
inline constexpr std::chrono::seconds ws_idle_timeout{60};

template <class NextLayer>
void apply_server_options(websocket::stream<NextLayer>& ws) {
  using namespace std::chrono_literals;
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = 10s;  // the upgrade and the close handshake
  timeouts.idle_timeout = websocket::stream_base::none();
  timeouts.keep_alive_pings = false;
  ws.set_option(timeouts);
  // A larger message fails the read with message_too_big (close 1009) before it is buffered.
  ws.read_message_max(protocol::max_frame_bytes);
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "tribune"); }));
}

}  // namespace tribune::server
