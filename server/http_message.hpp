#pragma once
// The HTTP types of the I/O layer and what every response carries: the security headers, and the
// JSON error body `{"error":{"code","detail"}}` whose codes clients switch on.
#include <string_view>

#include "server/net.hpp"

namespace tribune::server {

using http_request = http::request<http::string_body>;
using http_response = http::response<http::string_body>;

// Content-Security-Policy and friends, on every response, whatever its body.
void set_security_headers(http::fields& fields);

// A JSON error answer to `req`, with the security headers; `Cache-Control: no-store`.
http_response json_error(const http_request& req, http::status status, std::string_view code, std::string_view detail);

}  // namespace tribune::server
