#include "server/router.hpp"

#include <array>

#include <boost/url/parse.hpp>

#include "protocol/errors.hpp"
#include "protocol/rest.hpp"
#include "server/api.hpp"
#include "server/static_files.hpp"
#include "server/tokens.hpp"

namespace tribune::server {
namespace {

using protocol::error_code;

constexpr std::string_view read_methods = "GET, HEAD";

// The answer as it goes out. For HEAD, the GET's status and headers, Content-Length included, and
// no body (RFC 9110 §9.3.2): a body would be read as the start of the next answer on the
// connection.
template <class Body>
http_answer finish(http::response<Body>&& res, const http_request& req, const app& a) {
  res.keep_alive(res.keep_alive() && a.ready.load());
  if (req.method() == http::verb::head) return http::response<http::empty_body>{std::move(res.base())};
  return std::move(res);
}

http_response health(app&, const http_request& req) {
  static const std::string ok = protocol::rest::encode_status("ok");
  return json_response(req, http::status::ok, ok);
}

http_response readiness(app& a, const http_request& req) {
  static const std::string ready = protocol::rest::encode_status("ready");
  static const std::string draining = protocol::rest::encode_status("draining");
  const bool is_ready = a.ready.load();
  return json_response(req, is_ready ? http::status::ok : http::status::service_unavailable,
                       is_ready ? ready : draining);
}

http_response metrics_text(app& a, const http_request& req) {
  auto res = make_response(req, http::status::ok, a.stats.text(), "text/plain; version=0.0.4; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  return res;
}

struct read_route {
  std::string_view path;
  http_response (*answer)(app&, const http_request&);
};

constexpr std::array read_routes{read_route{"/healthz", health}, read_route{"/livez", health},
                                 read_route{"/readyz", readiness}, read_route{"/metrics", metrics_text}};

// How long a browser may keep a static answer. Pages and the client's own modules keep their
// addresses across versions, so browsers revalidate them on every load (a 304 costs no body); a
// library under /vendor/ has its version in its address, so it never changes.
enum class caching : std::uint8_t { revalidate, immutable };

template <class Body>
void set_file_headers(http::response<Body>& res, const std::string& etag, caching policy, bool varies,
                      const page_policy& page) {
  res.set(http::field::server, "tribune");
  res.set(http::field::etag, etag);
  res.set(http::field::cache_control,
          policy == caching::immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (varies) res.set(http::field::vary, "Accept-Encoding");
  set_security_headers(res, page);
}

// The entity tag of a file's gzip copy: another representation, so another tag (RFC 9110 §8.8.3).
std::string gzip_etag(const std::string& etag) { return etag.substr(0, etag.size() - 1) + "-gz\""; }

http_answer serve_static(app& a, const http_request& req, std::string_view path, const page_policy& page = {}) {
  std::optional<std::filesystem::path> file_path;
  std::string_view content_type;
  auto policy = caching::revalidate;
  if (path.starts_with("/vendor/")) {
    file_path = a.vendor.resolve(path.substr(std::string_view("/vendor/").size()));
    policy = caching::immutable;
    if (file_path) content_type = content_type_for(*file_path);
  } else if (auto target = resolve_static(path)) {
    file_path = a.cfg.web_root / target->relative;
    content_type = target->content_type;
  }
  auto file = file_path ? open_static(*file_path) : std::nullopt;
  if (!file) return finish(json_error(req, error_code::not_found, "no such page"), req, a);
  if (!reads(req.method())) return finish(method_not_allowed(req, read_methods), req, a);

  const bool varies = compressible(content_type);
  std::shared_ptr<const std::string> packed;
  if (varies && accepts_gzip(req[http::field::accept_encoding])) {
    packed = a.compressed.get(file_path->string(), file->etag,
                              [&](std::size_t max_bytes) { return read_whole(*file, max_bytes); });
  }
  const std::string etag = packed ? gzip_etag(file->etag) : file->etag;
  if (etag_matches(req[http::field::if_none_match], etag)) {
    // No Content-Length: a 304 has no body, and a length would describe the unsent one.
    http::response<http::empty_body> res{http::status::not_modified, req.version()};
    set_file_headers(res, etag, policy, varies, page);
    res.keep_alive(req.keep_alive());
    return finish(std::move(res), req, a);
  }
  if (packed) {
    http::response<http::string_body> res{http::status::ok, req.version()};
    set_file_headers(res, etag, policy, varies, page);
    res.set(http::field::content_type, content_type);
    res.set(http::field::content_encoding, "gzip");
    res.body() = *packed;
    res.prepare_payload();
    res.keep_alive(req.keep_alive());
    return finish(std::move(res), req, a);
  }
  http::response<http::file_body> res{http::status::ok, req.version()};
  set_file_headers(res, etag, policy, varies, page);
  res.set(http::field::content_type, content_type);
  res.body() = std::move(file->body);
  res.prepare_payload();
  res.keep_alive(req.keep_alive());
  return finish(std::move(res), req, a);
}

// An audience page's policy comes from its debate's settings: the sites that may frame it and its
// stream. An unknown code gets the default (the page itself says the code is unknown).
asio::awaitable<page_policy> audience_page_policy(app& a, std::string code) {
  auto read = [&a, code = normalize_join_code(code)]() -> std::optional<std::string> {
    try {
      const auto row = a.log.find_debate_by_code(code);
      if (!row) return std::nullopt;
      return a.log.get_debate_settings(row->id);
    } catch (const storage::storage_error&) {
      return std::nullopt;  // the page still loads, framed by nobody; its API calls report the failure
    }
  };
  const asio::any_io_executor pool = a.storage_threads.get_executor();
  const auto text = co_await offload(pool, std::move(read));
  if (!text) co_return page_policy{};
  auto s = protocol::settings_from_text(*text);
  co_return page_policy{std::move(s.embed_origins), std::move(s.stream)};
}

// One answer of any body type, status line, headers and an in-memory body in one send.
template <class Body>
asio::awaitable<beast::error_code> write_message(beast::tcp_stream& stream, http::response<Body>& res) {
  auto [ec, n] = co_await http::async_write(stream, res, use_tuple);
  co_return ec;
}

}  // namespace

asio::awaitable<http_answer> route_http(app& a, const http_request& req, const std::string& remote_address) {
  const auto target = req.target();
  const auto parsed = boost::urls::parse_origin_form(std::string_view(target.data(), target.size()));
  if (!parsed) {
    co_return finish(json_error(req, error_code::invalid_field, "bad request target"), req, a);
  }
  const std::string path = parsed->path();
  if (const auto segments = parsed->segments(); !segments.empty() && segments.front() == "api") {
    const std::vector<std::string> seg(segments.begin(), segments.end());
    auto res = co_await handle_api(a, req, seg, remote_address);
    co_return finish(std::move(res), req, a);
  }
  for (const auto& route : read_routes) {
    if (path != route.path) continue;
    // With an admin listener, the metrics are served there alone (the public port answers 404).
    if (route.answer == metrics_text && !a.cfg.admin_listen.empty()) break;
    if (!reads(req.method())) co_return finish(method_not_allowed(req, read_methods), req, a);
    co_return finish(route.answer(a, req), req, a);
  }
  if (path.starts_with("/a/")) {
    const auto page = co_await audience_page_policy(a, path.substr(3));
    co_return serve_static(a, req, path, page);
  }
  co_return serve_static(a, req, path);
}

http_answer route_admin(app& a, const http_request& req) {
  const auto target = req.target();
  const auto parsed = boost::urls::parse_origin_form(std::string_view(target.data(), target.size()));
  for (const auto& route : read_routes) {
    if (!parsed || parsed->path() != route.path) continue;
    if (!reads(req.method())) return finish(method_not_allowed(req, read_methods), req, a);
    return finish(route.answer(a, req), req, a);
  }
  return finish(
      json_error(req, error_code::not_found, "the admin listener serves /metrics, /healthz, /livez and /readyz"), req,
      a);
}

asio::awaitable<written_answer> write_answer(beast::tcp_stream& stream, http_answer answer) {
  const bool keep_alive = std::visit([](const auto& res) { return res.keep_alive(); }, answer);
  // Named, not a temporary inside the co_await expression (GCC 12, see net.hpp).
  auto write = std::visit([&stream](auto& res) { return write_message(stream, res); }, answer);
  const auto ec = co_await std::move(write);
  co_return written_answer{ec, keep_alive};
}

}  // namespace tribune::server
