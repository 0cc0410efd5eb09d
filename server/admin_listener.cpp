#include "server/admin_listener.hpp"

#include "server/config.hpp"
#include "server/log.hpp"
#include "server/router.hpp"

namespace tribune::server {
namespace {

constexpr std::uint32_t admin_header_bytes = 8 * 1024;
constexpr std::uint32_t admin_body_bytes = 1024;  // nothing it serves takes a body

asio::awaitable<void> run_admin_session(tcp::socket socket, std::shared_ptr<app> a) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    stream.expires_after(std::chrono::seconds(a->cfg.request_timeout_seconds));
    http::request_parser<http::string_body> parser;
    parser.header_limit(admin_header_bytes);
    parser.body_limit(admin_body_bytes);
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, use_tuple);
    if (ec) break;  // closed, timed out, malformed or too large: nothing to answer
    const auto written = co_await write_answer(stream, route_admin(*a, parser.get()));
    if (written.ec || !written.keep_alive) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> admin_accept_loop(tcp::acceptor& acceptor, std::shared_ptr<app> a) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(acceptor.get_executor()), use_tuple);
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;
    auto ex = socket.get_executor();
    asio::co_spawn(ex, run_admin_session(std::move(socket), a), asio::detached);
  }
}

}  // namespace

admin_listener::admin_listener(asio::io_context& io, std::shared_ptr<app> a) : acceptor_(io), app_(std::move(a)) {
  std::string error;
  const auto where = parse_listen(app_->cfg.admin_listen, error);  // checked with the configuration
  if (!where) throw std::invalid_argument("--admin-listen: " + error);
  const tcp::endpoint endpoint(asio::ip::make_address(where->host), where->port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen();
  log::info("admin_listening", {{"address", where->host}, {"port", acceptor_.local_endpoint().port()}});
}

void admin_listener::start() {
  asio::co_spawn(acceptor_.get_executor(), admin_accept_loop(acceptor_, app_), asio::detached);
}

void admin_listener::close() {
  beast::error_code ignored;
  acceptor_.close(ignored);
}

}  // namespace tribune::server
