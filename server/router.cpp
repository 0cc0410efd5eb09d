#include "server/router.hpp"

#include <boost/url/parse.hpp>
#include <nlohmann/json.hpp>

#include "protocol/errors.hpp"
#include "server/api.hpp"
#include "server/static_files.hpp"

namespace tribune::server {
namespace {

using json = nlohmann::json;
using protocol::error_code;

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

http_response json_response(const http_request& req, http::status status, const json& body) {
  auto res = make_response(req, status, body.dump(), "application/json");
  res.set(http::field::cache_control, "no-store");
  return res;
}

http_response error(const http_request& req, http::status status, error_code code, std::string_view detail) {
  return json_error(req, status, protocol::to_string(code), detail);
}

}  // namespace

asio::awaitable<http_response> route_http(app& a, const http_request& req, const std::string& remote_address) {
  const auto target = req.target();
  const auto parsed = boost::urls::parse_origin_form(std::string_view(target.data(), target.size()));
  if (!parsed) co_return error(req, http::status::bad_request, error_code::invalid_field, "bad request target");
  std::vector<std::string> seg;
  for (const auto& s : parsed->segments()) seg.push_back(s);
  const std::string path = parsed->path();

  if (path == "/healthz" || path == "/livez") {
    co_return json_response(req, http::status::ok, json{{"status", "ok"}});
  }
  if (path == "/metrics") {
    auto res = make_response(req, http::status::ok, a.stats.text(), "text/plain; version=0.0.4; charset=utf-8");
    res.set(http::field::cache_control, "no-store");
    co_return res;
  }
  if (path == "/readyz") {
    const bool ready = a.ready.load();
    co_return json_response(req, ready ? http::status::ok : http::status::service_unavailable,
                            json{{"status", ready ? "ready" : "draining"}});
  }
  if (!seg.empty() && seg[0] == "api") co_return co_await handle_api(a, req, seg, remote_address);
  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    co_return error(req, http::status::method_not_allowed, error_code::invalid_field, "method not allowed");
  }
  const auto file = load_static(a.cfg.web_root, path);
  if (!file) co_return error(req, http::status::not_found, error_code::not_found, "no such page");
  auto res = make_response(req, http::status::ok, file->body, file->content_type);
  res.set(http::field::cache_control, "no-cache");
  co_return res;
}

}  // namespace tribune::server
