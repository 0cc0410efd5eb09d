#pragma once
// Which pages may open a WebSocket here. A browser sends the page's Origin with every WebSocket
// handshake, and the connection then carries whatever the page holds: only the server's own origin
// (as the request's Host names it), its public URL and the configured origins are let in.
#include <string_view>

#include "server/config.hpp"
#include "server/http_message.hpp"

namespace tribune::server {

bool origin_allowed(const config& cfg, const http_request& upgrade);

}  // namespace tribune::server
