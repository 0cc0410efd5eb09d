#include "server/webhooks/post.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include <openssl/ssl.h>

namespace tribune::server::webhooks {
namespace {

namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

constexpr std::size_t max_answer_bytes = std::size_t{64} * 1024;

struct target {
  bool secure = false;
  std::string host;
  std::string port;
  std::string path;
};

std::optional<target> target_of(const std::string& url) {
  const auto u = boost::urls::parse_absolute_uri(url);
  if (!u || !u->has_authority()) return std::nullopt;
  target t;
  t.secure = u->scheme() == "https";
  if (!t.secure && u->scheme() != "http") return std::nullopt;
  t.host = u->host_address();
  t.port = u->has_port() ? std::string(u->port()) : (t.secure ? "443" : "80");
  t.path = std::string(u->encoded_target());
  if (t.path.empty()) t.path = "/";
  return t;
}

http::request<http::string_body> request_of(const target& t, const header_list& headers, const std::string& body) {
  http::request<http::string_body> req{http::verb::post, t.path, 11};
  req.set(http::field::host, t.host);
  req.set(http::field::user_agent, "Tribune-Webhooks/1");
  req.set(http::field::content_type, "application/json");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  return req;
}

template <class Stream>
asio::awaitable<post_result> exchange(Stream& stream, http::request<http::string_body>& req) {
  auto [wec, written] = co_await http::async_write(stream, req, use_tuple);
  if (wec) co_return post_result{0, "write: " + wec.message()};
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(max_answer_bytes);
  auto [rec, read] = co_await http::async_read(stream, buffer, parser, use_tuple);
  if (rec) co_return post_result{0, "read: " + rec.message()};
  co_return post_result{static_cast<int>(parser.get().result_int()), {}};
}

}  // namespace

ssl::context client_tls() {
  ssl::context ctx(ssl::context::tls_client);
  ctx.set_default_verify_paths();
  ctx.set_verify_mode(ssl::verify_peer);
  return ctx;
}

asio::awaitable<post_result> post(ssl::context& tls, const std::string& url, const header_list& headers,
                                  const std::string& body, std::chrono::milliseconds timeout) {
  const auto t = target_of(url);
  if (!t) co_return post_result{0, "bad address"};
  auto ex = co_await asio::this_coro::executor;
  tcp::resolver resolver(ex);
  auto [ec, endpoints] = co_await resolver.async_resolve(t->host, t->port, use_tuple);
  if (ec) co_return post_result{0, "resolve: " + ec.message()};
  auto req = request_of(*t, headers, body);
  if (!t->secure) {
    beast::tcp_stream stream(ex);
    stream.expires_after(timeout);
    auto [cec, ep] = co_await stream.async_connect(endpoints, use_tuple);
    if (cec) co_return post_result{0, "connect: " + cec.message()};
    auto result = co_await exchange(stream, req);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return result;
  }
  beast::ssl_stream<beast::tcp_stream> stream(ex, tls);
  if (SSL_set_tlsext_host_name(stream.native_handle(), t->host.c_str()) == 0) {
    co_return post_result{0, "tls: server name"};
  }
  stream.set_verify_callback(ssl::host_name_verification(t->host));
  beast::get_lowest_layer(stream).expires_after(timeout);
  auto [cec, ep] = co_await beast::get_lowest_layer(stream).async_connect(endpoints, use_tuple);
  if (cec) co_return post_result{0, "connect: " + cec.message()};
  auto [hec] = co_await stream.async_handshake(ssl::stream_base::client, use_tuple);
  if (hec) co_return post_result{0, "tls: " + hec.message()};
  auto result = co_await exchange(stream, req);
  co_return result;
}

}  // namespace tribune::server::webhooks
