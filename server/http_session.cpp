#include "server/http_session.hpp"

#include "protocol/limits.hpp"
#include "server/http_message.hpp"
#include "server/log.hpp"
#include "server/origin.hpp"
#include "server/router.hpp"
#include "server/ws_session.hpp"

namespace tribune::server {
namespace {

using namespace std::chrono_literals;

constexpr std::uint32_t max_header_bytes = 16 * 1024;

// An answer after which the connection closes: the request could not be read whole, or was an
// upgrade that is refused.
http_response closing_error(const http_request& req, protocol::error_code code, std::string detail) {
  auto res = json_error(req, protocol::error{code, std::move(detail)});
  res.keep_alive(false);
  return res;
}

// The address rate limits and logs know the client by (trusted_proxies.hpp).
std::string client_address(const app& a, const asio::ip::address& peer, const http_request& req) {
  if (a.proxies.empty()) return peer.to_string();
  std::string forwarded;
  const auto [first, last] = req.equal_range("X-Forwarded-For");
  for (auto it = first; it != last; ++it) forwarded += (forwarded.empty() ? "" : ",") + std::string(it->value());
  return a.proxies.client_address(peer, forwarded);
}

}  // namespace

asio::awaitable<void> run_http_session(tcp::socket socket, std::shared_ptr<app> a, std::size_t shard) {
  beast::error_code ignored;
  const auto peer = socket.remote_endpoint(ignored).address();
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  // A whole request must arrive within this, so trickled headers (slowloris) cannot hold a socket.
  const std::chrono::seconds request_timeout{a->cfg.request_timeout_seconds};

  for (;;) {
    stream.expires_after(request_timeout);
    http::request_parser<http::string_body> parser;
    parser.header_limit(max_header_bytes);
    parser.body_limit(protocol::max_http_body_bytes);
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, use_tuple);
    if (ec == http::error::body_limit) {
      auto res =
          closing_error(parser.get(), protocol::error_code::body_too_large, "request bodies are limited to 64 KiB");
      co_await http::async_write(stream, res, use_tuple);
      break;
    }
    if (ec) break;  // closed, timed out or malformed: nothing to answer
    auto req = parser.release();
    // Per request: a proxy's keep-alive connection carries many clients' requests.
    const auto remote = client_address(*a, peer, req);

    if (websocket::is_upgrade(req)) {
      if (req.target() != "/ws") {
        auto res = closing_error(req, protocol::error_code::not_found, "the WebSocket endpoint is /ws");
        co_await http::async_write(stream, res, use_tuple);
        break;
      }
      if (!origin_allowed(a->cfg, req)) {
        log::info("origin_refused", {{"remote", remote}});
        auto res = closing_error(req, protocol::error_code::forbidden, "this origin may not open a WebSocket here");
        co_await http::async_write(stream, res, use_tuple);
        break;
      }
      // The WebSocket runs as its own coroutine so this one's frame and buffers are freed: an idle
      // audience connection keeps only what the WebSocket needs.
      stream.expires_never();
      auto session = std::make_shared<ws_session>(stream.release_socket(), a, shard);
      auto run = session->run(std::move(req));
      asio::co_spawn(session->executor(), std::move(run), asio::detached);
      co_return;
    }

    auto answer = co_await route_http(*a, req, remote);
    const auto written = co_await write_answer(stream, std::move(answer));
    if (written.ec || !written.keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace tribune::server
