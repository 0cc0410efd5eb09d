#include "server/http_message.hpp"

#include <nlohmann/json.hpp>

namespace tribune::server {
namespace {

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

http_response json_error(const http_request& req, http::status status, std::string_view code, std::string_view detail) {
  http_response res{status, req.version()};
  res.set(http::field::server, "tribune");
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(req.keep_alive());
  res.body() = nlohmann::json{{"error", {{"code", code}, {"detail", detail}}}}.dump();
  res.prepare_payload();
  set_security_headers(res);
  return res;
}

}  // namespace tribune::server
