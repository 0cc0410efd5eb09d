#include "server/http_message.hpp"

#include "protocol/rest.hpp"

namespace tribune::server {
namespace {

using protocol::error_code;

// The pages load only their own scripts, styles and images; nothing may frame them.
constexpr std::string_view content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

}  // namespace

void set_security_headers(http::fields& fields) {
  fields.set("Content-Security-Policy", content_security_policy);
  fields.set("X-Content-Type-Options", "nosniff");
  fields.set("Referrer-Policy", "no-referrer");
  fields.set("X-Frame-Options", "DENY");
}

http_response make_response(const http_request& req, http::status status, std::string body, std::string_view type) {
  http_response res{status, req.version()};
  res.set(http::field::server, "tribune");
  res.set(http::field::content_type, type);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  set_security_headers(res);
  return res;
}

http_response json_response(const http_request& req, http::status status, std::string body) {
  auto res = make_response(req, status, std::move(body), "application/json");
  res.set(http::field::cache_control, "no-store");
  return res;
}

http::status status_for(error_code code) {
  switch (code) {
    case error_code::unauthorized: return http::status::unauthorized;
    case error_code::forbidden: return http::status::forbidden;
    case error_code::not_found: return http::status::not_found;
    case error_code::method_not_allowed: return http::status::method_not_allowed;
    case error_code::rate_limited: return http::status::too_many_requests;
    case error_code::unavailable: return http::status::service_unavailable;
    case error_code::body_too_large: return http::status::payload_too_large;
    case error_code::debate_exists: return http::status::conflict;
    default: return http::status::bad_request;
  }
}

http_response json_error(const http_request& req, const protocol::error& err) {
  return json_response(req, status_for(err.code), protocol::rest::encode_error(err));
}

}  // namespace tribune::server
