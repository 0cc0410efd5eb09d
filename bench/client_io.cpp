#include "client_io.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

#include <boost/asio/co_spawn.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/field.hpp>

#include "figures.hpp"
#include "net.hpp"
#include "pacing.hpp"
#include "wire.hpp"

namespace bench {
using namespace std::chrono_literals;

client_io::client_io(asio::io_context& io, const target& where, std::size_t parallel)
    : io_(io), where_(where), parallel_(parallel) {}

asio::awaitable<bool> client_io::open(conn& c) {
  c.ws.emplace(io_);
  c.buf.clear();
  c.pending.clear();
  auto& sock = beast::get_lowest_layer(*c.ws);
  sock.open(tcp::v4());
  if (where_.loopback) sock.bind(tcp::endpoint(source_address(c.index), 0));
  auto where = where_;
  if (c.node < ports_.size()) where.port = ports_[c.node];
  const tcp::endpoint ep(asio::ip::make_address(where.host), where.port);
  auto [cec] = co_await sock.async_connect(ep, use_tuple);
  if (cec) co_return false;
  sock.set_option(tcp::no_delay(true));
  c.ws->set_option(
      websocket::stream_base::decorator([origin = "http://" + where.host_port()](websocket::request_type& req) {
        req.set(beast::http::field::origin, origin);
      }));
  c.ws->read_message_max(64 * 1024 * 1024);
  c.ws->auto_fragment(false);
  const auto host = where.host_port();
  auto [hec] = co_await c.ws->async_handshake(host, where.path, use_tuple);
  if (hec) co_return false;
  c.open = true;
  c.opened_at = now_ns();
  c.writing = false;
  c.out.clear();
  read_next(c);
  co_return true;
}

asio::awaitable<void> client_io::open_all(std::vector<conn*> conns, bool greet_each) {
  std::size_t next = 0, running = 0, failed = 0;
  const auto worker = [&]() -> asio::awaitable<void> {
    while (next < conns.size()) {
      auto& c = *conns[next++];
      if (!co_await open(c)) {
        ++failed;
        continue;
      }
      if (greet_each) greet(c);
    }
  };
  const auto workers = std::min(parallel_, std::max<std::size_t>(conns.size(), 1));
  running = workers;
  for (std::size_t w = 0; w < workers; ++w) {
    asio::co_spawn(io_, worker(), [&running](const std::exception_ptr&) { --running; });
  }
  co_await wait_until([&] { return running == 0; }, 600s);
  if (failed) std::cerr << failed << " connections failed to open\n";
}

void client_io::close(conn& c) {
  c.open = false;
  if (c.ws) {
    beast::error_code ec;
    beast::get_lowest_layer(*c.ws).close(ec);
  }
}

void client_io::read_next(conn& c) {
  c.reading = true;
  c.ws->async_read(c.buf, [this, &c](beast::error_code ec, std::size_t) {
    c.reading = false;
    if (ec) return on_close(c);
    const auto data = c.buf.cdata();
    const std::string_view frame(static_cast<const char*>(data.data()), data.size());
    read_frame(c, frame, now_ns(), hooks_);
    c.buf.consume(c.buf.size());
    if (c.open) read_next(c);
  });
}

void client_io::on_close(conn& c) {
  const bool was_open = c.open;
  c.open = false;
  c.ready = false;
  c.out.clear();
  if (was_open) {
    ++c.closes;
    if (hooks_) hooks_->on_closed(c);
  }
}

}  // namespace bench
