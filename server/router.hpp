#pragma once
// Routes an HTTP request that is not a WebSocket upgrade: the REST API under /api/ (api.*), and the
// resources anyone may read: health checks, metrics and the static web client (static_files.*).
// These answer GET and HEAD (the same status and headers, no body) and refuse other methods with
// 405 and `Allow: GET, HEAD`. The answer is a message_generator, so one handler can return a body
// held in memory, a file streamed from disk, or none.
#include <string>

#include "server/app.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"

namespace tribune::server {

// Keep-alive is off in the answer once the server is draining.
asio::awaitable<http::message_generator> route_http(app& a, const http_request& req, const std::string& remote_address);

}  // namespace tribune::server
