#pragma once
// The HTTP types of the I/O layer and what every response carries: the security headers, the
// server's name, and for JSON the `Cache-Control: no-store` and the error body
// `{"error":{"code","detail"}}` (written by protocol::rest) whose codes clients switch on.
#include <string>
#include <string_view>

#include "protocol/errors.hpp"
#include "server/net.hpp"

namespace tribune::server {

using http_request = http::request<http::string_body>;
using http_response = http::response<http::string_body>;

// Content-Security-Policy and friends, on every response, whatever its body.
void set_security_headers(http::fields& fields);

// An answer to `req` with `body` of content type `type`, the security headers and keep-alive as
// asked.
http_response make_response(const http_request& req, http::status status, std::string body, std::string_view type);
// A JSON answer (already encoded), not to be cached.
http_response json_response(const http_request& req, http::status status, std::string body);
// A JSON error answer, with the HTTP status its code calls for.
http_response json_error(const http_request& req, const protocol::error& err);
http::status status_for(protocol::error_code code);

}  // namespace tribune::server
