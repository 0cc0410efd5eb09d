#pragma once
// HTTP requests that are not WebSocket upgrades: the REST API under /api/, health checks, the QR
// code, and the static web client. Each handler validates its input and answers a JSON error with
// a stable code when it cannot proceed.
#include <string>

#include "server/app.hpp"
#include "server/net.hpp"

namespace tribune::server {

using http_request = http::request<http::string_body>;
using http_response = http::response<http::string_body>;

asio::awaitable<http_response> handle_http(app& a, const http_request& req, const std::string& remote_address);

// Headers every response carries (Content-Security-Policy and friends).
void set_security_headers(http_response& res);

// A WebSocket upgrade is accepted only from the server's own origin or a configured one.
bool origin_allowed(const app& a, const http_request& req);

}  // namespace tribune::server
