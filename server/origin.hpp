#pragma once
// Which pages may open a WebSocket here. A browser sends the page's Origin with every WebSocket
// handshake, and the connection then acts with whatever token the page holds: only the server's own
// origin (as the request's Host names it), its public URL and the configured origins are let in,
// and the opaque origin "null" (sandboxed frames, file: pages) never is. A handshake without Origin
// does not come from a browser page: it is a program holding a token of its own, which an Origin
// check could not stop anyway (it could send any Origin), so it is let in.
#include "server/config.hpp"
#include "server/http_message.hpp"

namespace tribune::server {

bool origin_allowed(const config& cfg, const http_request& upgrade);

}  // namespace tribune::server
