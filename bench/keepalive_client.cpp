#include "keepalive_client.hpp"

#include <chrono>
#include <thread>

#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "figures.hpp"

namespace bench {

keepalive_client::keepalive_client(std::string host, std::uint16_t port)
    : host_(std::move(host)), port_(port), socket_(io_) {}

keepalive_client::answer keepalive_client::request(http::verb method, std::string_view target, const extra& with) {
  if (socket_.is_open()) {
    try {
      return exchange(method, target, with);
    } catch (const boost::system::system_error&) {
      socket_.close();  // closed by the server while idle: once more on a new connection
    }
  }
  socket_.connect(tcp::endpoint(asio::ip::make_address(host_), port_));
  socket_.set_option(tcp::no_delay(true));
  buffer_.clear();
  ++connections_;
  return exchange(method, target, with);
}

keepalive_client::answer keepalive_client::exchange(http::verb method, std::string_view target, const extra& with) {
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, host_ + ":" + std::to_string(port_));
  req.set(http::field::accept, "application/json");
  if (!with.if_none_match.empty()) req.set(http::field::if_none_match, with.if_none_match);
  if (!with.bearer.empty()) req.set(http::field::authorization, "Bearer " + std::string(with.bearer));
  if (!with.json.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = with.json;
  }
  req.keep_alive(true);
  req.prepare_payload();
  http::response_parser<http::string_body> parser;
  parser.body_limit(64U << 20U);
  const auto t0 = now_ns();
  http::write(socket_, req);
  http::read(socket_, buffer_, parser);
  const auto t1 = now_ns();
  auto res = parser.release();
  answer a{static_cast<int>(res.result_int()), std::move(res.body()), {}, t1 - t0};
  if (const auto it = res.find(http::field::etag); it != res.end()) a.etag = std::string(it->value());
  if (!res.keep_alive()) socket_.close();
  return a;
}

bool wait_healthy(const std::string& host, std::uint16_t port, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      keepalive_client c(host, port);
      if (c.get("/healthz").status == 200) return true;
    } catch (const boost::system::system_error&) {
      // not listening yet
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace bench
