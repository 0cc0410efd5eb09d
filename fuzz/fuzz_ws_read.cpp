// libFuzzer target: the WebSocket read path with the server's limits.
//
// A Beast websocket stream in the server role, with the session's own options
// (server/ws_options.hpp: read_message_max = protocol::max_frame_bytes), completes a valid upgrade
// handshake over an in-memory stream and then reads the fuzz input as the bytes a client sent:
// frames, fragments, control frames, garbage. Every complete text message goes to
// protocol::decode, as ws_session does. Nothing may crash or leak, no message larger than the cap
// may come through, and no allocation may grow with a length a frame header merely claims
// (.ci/fuzz runs this target with -malloc_limit_mb).
//
// Input layout: the first byte chooses how many bytes each read from the socket returns (1 to 255,
// or 0 for everything available), so frame headers and payloads split at every offset; the rest
// is the client's byte stream.
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <boost/beast/_experimental/test/stream.hpp>

#include "protocol/decode.hpp"
#include "protocol/limits.hpp"
#include "server/net.hpp"
#include "server/ws_options.hpp"

namespace {

using namespace tribune::server;
namespace protocol = tribune::protocol;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz_ws_read: %s\n", what);
    std::abort();
  }
}

http::request<http::string_body> upgrade_request() {
  http::request<http::string_body> req{http::verb::get, "/ws", 11};
  req.set(http::field::host, "127.0.0.1:8080");
  req.set(http::field::upgrade, "websocket");
  req.set(http::field::connection, "Upgrade");
  req.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
  req.set(http::field::sec_websocket_version, "13");
  req.set(http::field::origin, "http://127.0.0.1:8080");
  return req;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto chunk = static_cast<std::size_t>(data[0]);
  const std::string_view wire(reinterpret_cast<const char*>(data + 1), size - 1);

  asio::io_context io;
  websocket::stream<beast::test::stream> ws(io);
  auto client = beast::test::connect(ws.next_layer());
  apply_server_options(ws);

  beast::error_code ec;
  ws.accept(upgrade_request(), ec);
  check(!ec, "the upgrade handshake failed");
  client.clear();  // the 101 response

  auto& socket = ws.next_layer();
  if (chunk != 0) socket.read_size(chunk);
  socket.append(wire);
  socket.close_remote();  // the client sends nothing more: reads end with eof

  // The server's read loop (server/ws_session.cpp): piecewise reads, 256 bytes while idle, larger
  // ones inside a message, with read_message_max bounding the whole message.
  beast::flat_buffer buffer;
  // Every read consumes input or ends a frame, so the loop ends; the bound is a backstop.
  for (std::size_t i = 0; i <= 2 * wire.size() + 16; ++i) {
    const std::size_t limit = buffer.size() == 0 ? 256 : 16 * 1024;
    ws.read_some(buffer, limit, ec);
    if (ec) break;
    check(buffer.size() <= protocol::max_frame_bytes, "a message over read_message_max was buffered");
    if (!ws.is_message_done()) continue;
    if (ws.got_text()) {
      const auto bytes = buffer.cdata();
      const auto decoded = protocol::decode(std::string_view(static_cast<const char*>(bytes.data()), bytes.size()));
      (void)decoded;
    }
    buffer.consume(buffer.size());
    if (buffer.capacity() > 16 * 1024) buffer.shrink_to_fit();
    client.clear();  // pongs and close replies the server wrote
  }
  return 0;
}
