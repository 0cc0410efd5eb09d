#pragma once
// Routes an HTTP request that is not a WebSocket upgrade: the REST API under /api/ (api.*), and the
// resources anyone may read: health checks, metrics and the static web client (static_files.*).
#include <string>

#include "server/app.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"

namespace tribune::server {

asio::awaitable<http_response> route_http(app& a, const http_request& req, const std::string& remote_address);

}  // namespace tribune::server
