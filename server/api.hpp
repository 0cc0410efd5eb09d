#pragma once
// The REST API under /api/: debates, participants, panelists, the run of show, links, moderation
// and the QR code. Each handler validates its input and answers a JSON error with a stable code
// when it cannot proceed. The router (router.*) sends it every request whose path starts /api/.
#include <string>
#include <vector>

#include "server/app.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"

namespace tribune::server {

// `segments` are the request path's percent-decoded segments; segments[0] is "api".
// The organizer token (Authorization: Bearer), checked in constant time.
bool is_organizer(const app& a, const http_request& req);
// The request's bearer token; empty when there is none or it is longer than any token.
std::string_view bearer_token(const http_request& req);

asio::awaitable<http_response> handle_api(app& a, const http_request& req, const std::vector<std::string>& segments,
                                          const std::string& remote_address);

}  // namespace tribune::server
