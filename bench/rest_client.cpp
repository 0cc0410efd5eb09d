#include "rest_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "net.hpp"
#include "pacing.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

rest_client::reply no_answer(const beast::error_code& ec) { return {0, json{{"error", ec.message()}}}; }

}  // namespace

rest_client::rest_client(asio::io_context& io, const target& where, std::string admin_token)
    : io_(io), where_(where), admin_token_(std::move(admin_token)) {}

asio::awaitable<rest_client::reply> rest_client::request(http::verb method, std::string_view path, const json* body,
                                                         bool organizer, std::optional<asio::ip::address_v4> from,
                                                         std::string_view bearer) {
  tcp::socket sock(io_);
  sock.open(tcp::v4());
  if (from && where_.loopback) sock.bind(tcp::endpoint(*from, 0));
  const tcp::endpoint ep(asio::ip::make_address(where_.host), where_.port);
  auto [cec] = co_await sock.async_connect(ep, use_tuple);
  if (cec) co_return no_answer(cec);
  http::request<http::string_body> req{method, path, 11};
  req.set(http::field::host, where_.host_port());
  if (!bearer.empty()) {
    req.set(http::field::authorization, "Bearer " + std::string(bearer));
  } else if (organizer) {
    req.set(http::field::authorization, "Bearer " + admin_token_);
  }
  if (body != nullptr) {
    req.set(http::field::content_type, "application/json");
    req.body() = body->dump();
  }
  req.keep_alive(false);
  req.prepare_payload();
  auto [wec, wn] = co_await http::async_write(sock, req, use_tuple);
  if (wec) co_return no_answer(wec);
  beast::flat_buffer b;
  http::response<http::string_body> res;
  auto [rec, rn] = co_await http::async_read(sock, b, res, use_tuple);
  if (rec) co_return no_answer(rec);
  auto parsed = json::parse(res.body(), nullptr, false);
  co_return reply{static_cast<int>(res.result_int()), parsed.is_discarded() ? json() : parsed};
}

asio::awaitable<bool> rest_client::wait_healthy(std::chrono::milliseconds limit, std::chrono::milliseconds interval) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    const auto health = co_await request(http::verb::get, "/healthz", nullptr, false, std::nullopt);
    if (health.status == 200) co_return true;
    if (std::chrono::steady_clock::now() > deadline) co_return false;
    co_await sleep_for(interval);
  }
}

asio::awaitable<rest_client::joined> rest_client::join_all(std::string_view debate, std::size_t n) {
  joined out;
  out.tokens.assign(n, {});
  const auto path = "/api/debates/" + std::string(debate) + "/participants";
  std::size_t next = 0;
  const auto worker = [&]() -> asio::awaitable<void> {
    while (next < n) {
      const auto i = next++;
      const json body{{"name", "b" + std::to_string(i)}};
      const auto from = source_address(i);
      const auto joined_one = co_await request(http::verb::post, path, &body, false, from);
      if (joined_one.status == 201) {
        out.tokens[i] = joined_one.body.at("token");
      } else {
        ++out.failures;
        if (joined_one.status == 429) ++out.rate_limited;
      }
    }
  };
  std::size_t running = 32;
  for (int w = 0; w < 32; ++w) {
    asio::co_spawn(io_, worker(), [&running](const std::exception_ptr&) { --running; });
  }
  out.complete = co_await wait_until([&] { return running == 0; }, 600s);
  co_return out;
}

}  // namespace bench
