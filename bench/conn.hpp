#pragma once
// One client connection: a Beast WebSocket stream, its write queue and the counters every scenario
// reads. client_io opens and reads it; writes go out one at a time from the queue, so each
// connection costs a socket, a stream and a small buffer.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "net.hpp"

namespace bench {

enum class kind : std::uint8_t { audience, moderator, nats, raw };

struct conn {
  conn(std::size_t i, kind k) : index(i), role(k) {}

  // Queues a text frame (a binary one for NATS); dropped when the connection is closed.
  void send(std::string text);
  // Sends a Tribune command with the next command id, and returns that id.
  std::int64_t send_command(json body);

  std::size_t index;
  kind role;
  std::optional<beast::websocket::stream<asio::ip::tcp::socket>> ws;
  beast::flat_buffer buf;
  std::deque<std::string> out;
  bool writing = false;
  bool reading = false;
  bool open = false;
  bool ready = false;    // welcomed (Tribune) or subscribed (peers)
  bool listener = true;  // peers: false for the publisher, which does not subscribe
  int closes = 0;
  std::int64_t opened_at = 0;  // when its last handshake completed
  std::size_t node = 0;        // which of the run's servers it connects to (0: the first)

  // Tribune identity.
  std::string token;
  // Order checks across the whole run, reconnections included.
  std::int64_t last_seq = 0;
  std::int64_t caught_up_to = 0;  // the welcome's seq: caught up once last_seq reaches it
  std::int64_t caught_up_at = 0;
  std::uint64_t deliveries = 0;  // every line received
  std::uint64_t events = 0;      // event lines (Tribune) or messages (peers)
  std::uint64_t gaps = 0;
  std::uint64_t dups = 0;
  // Peers: a NATS stream may cut a message across frames.
  std::string pending;
  std::int64_t last_index = -1;
  // Scenario state.
  std::int64_t stamp = 0;
  std::int64_t ballots_seen = 0;
  std::int64_t ballots_seen_at = 0;
  std::uint64_t reaction_msgs = 0;
  std::int64_t next_cmd = 1;

 private:
  void write_next();
};

}  // namespace bench
