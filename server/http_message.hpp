#pragma once
// The HTTP types of the I/O layer and what every response carries: the security headers, the
// server's name, and for JSON the `Cache-Control: no-store` and the error body
// `{"error":{"code","detail"}}` (written by protocol::rest) whose codes clients switch on.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "protocol/errors.hpp"
#include "protocol/settings.hpp"
#include "server/net.hpp"

namespace tribune::server {

using http_request = http::request<http::string_body>;
using http_response = http::response<http::string_body>;

// What a debate's audience page may do beyond the default: be framed by the sites its organizer
// named, and play its live stream from that stream's origin (and no other). Origins come checked
// from protocol::debate_settings.
struct page_policy {
  std::vector<std::string> frame_ancestors;
  std::optional<protocol::stream_link> stream;
};

// Content-Security-Policy and friends, on every response, whatever its body: nothing may frame it,
// and it loads only this origin's scripts, styles and media.
void set_security_headers(http::fields& fields);
// The same with what `policy` allows.
void set_security_headers(http::fields& fields, const page_policy& policy);
std::string content_security_policy(const page_policy& policy);

// An answer to `req` with `body` of content type `type`, the security headers and keep-alive as
// asked.
http_response make_response(const http_request& req, http::status status, std::string body, std::string_view type);
// A JSON answer (already encoded), not to be cached.
http_response json_response(const http_request& req, http::status status, std::string body);
// A JSON error answer, with the HTTP status its code calls for.
http_response json_error(const http_request& req, const protocol::error& err);

// The decoded body of a request, or nullptr with `err` pointing at why it did not decode.
template <class T>
const T* decoded_or(const std::variant<T, protocol::error>& d, const protocol::error*& err) {
  err = std::get_if<protocol::error>(&d);
  return std::get_if<T>(&d);
}

// A large answer made for one request (a report, a replay frame, an archive) goes gzipped to a
// client that accepts it, with Vary: Accept-Encoding. Compressed at level 6 unless told: made once
// per request, it must be quick (a page's first state, waited for as it opens, takes level 1).
void compress_for(const http_request& req, http_response& res, int level = 6);

// The request's query string parameters, percent-decoded; nullopt for a target that does not parse.
std::optional<std::vector<std::pair<std::string, std::string>>> query_of(const http_request& req);
http::status status_for(protocol::error_code code);
// The same from a code and what went wrong.
http_response json_error(const http_request& req, protocol::error_code code, std::string detail);
// 405 with the methods the resource answers in `Allow` (HEAD is a GET without a body).
http_response method_not_allowed(const http_request& req, std::string_view allow);
// Whether a method only reads: GET or HEAD.
bool reads(http::verb method);

}  // namespace tribune::server
