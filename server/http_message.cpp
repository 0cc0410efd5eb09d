#include "server/http_message.hpp"

#include <boost/url/parse.hpp>

#include "protocol/rest.hpp"
#include "server/gzip_cache.hpp"

namespace tribune::server {
namespace {

using protocol::error_code;

// The pages load only their own scripts and styles; images may come from any https site (a
// debate's logo is its brand's own address); nothing may frame them.
const std::string default_policy = content_security_policy(page_policy{});

}  // namespace

std::string content_security_policy(const page_policy& policy) {
  std::string frame_src = "'none'";
  std::string media_src = "'self'";
  std::string connect_src = "'self'";
  if (const auto& s = policy.stream) {
    if (s->kind == protocol::stream_kind::hls) {
      // hls.js fetches the playlist and its segments, then plays them from a blob: media source.
      media_src += " " + s->origin + " blob:";
      connect_src += " " + s->origin;
    } else {
      frame_src = s->origin;
    }
  }
  std::string ancestors = "'none'";
  if (!policy.frame_ancestors.empty()) {
    ancestors.clear();
    for (const auto& origin : policy.frame_ancestors) ancestors += (ancestors.empty() ? "" : " ") + origin;
  }
  return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; media-src " +
         media_src + "; connect-src " + connect_src + "; frame-src " + frame_src +
         "; object-src 'none'; base-uri 'none'; frame-ancestors " + ancestors + "; form-action 'self'";
}

void set_security_headers(http::fields& fields) {
  fields.set("Content-Security-Policy", default_policy);
  fields.set("X-Content-Type-Options", "nosniff");
  fields.set("Referrer-Policy", "no-referrer");
  fields.set("X-Frame-Options", "DENY");
}

void set_security_headers(http::fields& fields, const page_policy& policy) {
  set_security_headers(fields);
  fields.set("Content-Security-Policy", content_security_policy(policy));
  // X-Frame-Options cannot name sites; frame-ancestors, which browsers prefer, does.
  if (!policy.frame_ancestors.empty()) fields.erase("X-Frame-Options");
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
    case error_code::not_found:
    case error_code::unknown_topic:
    case error_code::unknown_comment:
    case error_code::unknown_applicant:
    case error_code::unknown_sponsor: return http::status::not_found;
    case error_code::method_not_allowed: return http::status::method_not_allowed;
    case error_code::rate_limited: return http::status::too_many_requests;
    case error_code::unavailable: return http::status::service_unavailable;
    case error_code::body_too_large: return http::status::payload_too_large;
    case error_code::debate_exists:
    case error_code::channel_exists:
    case error_code::topic_answered:
    case error_code::topic_closed:
    case error_code::topic_not_accepted:
    case error_code::topic_has_debate:
    case error_code::no_debate_yet:
    case error_code::advance_closed:
    case error_code::too_many_webhooks:
    case error_code::already_cast: return http::status::conflict;
    default: return http::status::bad_request;
  }
}

void compress_for(const http_request& req, http_response& res, int level) {
  constexpr std::size_t worth_it = 1024;
  res.set(http::field::vary, "Accept-Encoding");
  if (res.body().size() < worth_it || !accepts_gzip(req[http::field::accept_encoding]) ||
      !compressible(res[http::field::content_type])) {
    return;
  }
  res.body() = gzip(res.body(), level);
  res.set(http::field::content_encoding, "gzip");
  res.prepare_payload();
}

std::optional<std::vector<std::pair<std::string, std::string>>> query_of(const http_request& req) {
  const auto target = req.target();
  const auto parsed = boost::urls::parse_origin_form(std::string_view(target.data(), target.size()));
  if (!parsed) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& p : parsed->params()) out.emplace_back(p.key, p.value);
  return out;
}

http_response json_error(const http_request& req, const protocol::error& err) {
  return json_response(req, status_for(err.code), protocol::rest::encode_error(err));
}

http_response json_error(const http_request& req, protocol::error_code code, std::string detail) {
  return json_error(req, protocol::error{code, std::move(detail)});
}

http_response method_not_allowed(const http_request& req, std::string_view allow) {
  auto res = json_error(req, protocol::error_code::method_not_allowed, "this resource answers " + std::string(allow));
  res.set(http::field::allow, allow);
  return res;
}

bool reads(http::verb method) { return method == http::verb::get || method == http::verb::head; }

}  // namespace tribune::server
