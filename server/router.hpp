#pragma once
// Routes an HTTP request that is not a WebSocket upgrade: the REST API under /api/ (api.*), and the
// resources anyone may read: health checks, metrics and the static web client (static_files.*).
// These answer GET and HEAD (the same status and headers, no body) and refuse other methods with
// 405 and `Allow: GET, HEAD`. The answer holds a body in memory, a file streamed from disk, or
// none (HEAD, 304).
#include <string>
#include <variant>

#include "server/app.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"

namespace tribune::server {

// Each body type is written by http::async_write, whose serializer gathers the status line, every
// header and an in-memory body into one send. (Beast's message_generator gathers at most 12
// buffers, one per header field: an answer with this server's security headers left in two.)
using http_answer =
    std::variant<http::response<http::string_body>, http::response<http::empty_body>, http::response<http::file_body>>;

// Keep-alive is off in the answer once the server is draining.
asio::awaitable<http_answer> route_http(app& a, const http_request& req, const std::string& remote_address);

// The admin listener's routes (--admin-listen): /metrics and the health checks, nothing else.
http_answer route_admin(app& a, const http_request& req);

// Writes the answer; whether the connection may carry another request comes with the error.
struct written_answer {
  beast::error_code ec;
  bool keep_alive = false;
};
asio::awaitable<written_answer> write_answer(beast::tcp_stream& stream, http_answer answer);

}  // namespace tribune::server
