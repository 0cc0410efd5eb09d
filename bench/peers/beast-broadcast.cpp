// tribune-beast-peer: the reference broadcaster of peers/ws-broadcast.mjs written with Boost.Beast,
// in the manner of Beast's own chat examples (websocket-chat-multi): a listener, an HTTP session
// that hands a WebSocket upgrade over, a WebSocket session with a queue of shared messages written
// one async_write at a time, and a shared state holding the sessions. Every text or binary message a
// connection sends goes unchanged to every other connection; no auth, no storage. One thread, one
// io_context (bench/run pins the process to one core), so no strand and no mutex.
//
//   tribune-beast-peer PORT    listens on 127.0.0.1:PORT (0: any free port), prints "listening <port>"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <charconv>
#include <chrono>
#include <cstring>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

// Closed and cancelled connections are the normal end of a run: only the rest is worth a line.
void fail(beast::error_code ec, const char* what) {
  if (ec == asio::error::operation_aborted || ec == websocket::error::closed || ec == http::error::end_of_stream ||
      ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::error::broken_pipe) {
    return;
  }
  std::cerr << what << ": " << ec.message() << "\n";
}

// One message as it was received: its bytes and whether it was a text frame. Every recipient's
// queue shares the one copy.
struct message {
  std::string data;
  bool text = true;
};

class websocket_session;

// The sessions that completed their handshake. Sessions join once accepted and leave when destroyed.
class shared_state {
 public:
  void join(websocket_session* session) { sessions_.insert(session); }
  void leave(websocket_session* session) { sessions_.erase(session); }
  // Queues `m` on every session but `from`.
  void send(const std::shared_ptr<const message>& m, const websocket_session* from);

 private:
  std::unordered_set<websocket_session*> sessions_;
};

class websocket_session : public std::enable_shared_from_this<websocket_session> {
 public:
  websocket_session(beast::tcp_stream&& stream, std::shared_ptr<shared_state> state)
      : ws_(std::move(stream)), state_(std::move(state)) {}
  ~websocket_session() {
    if (joined_) state_->leave(this);
  }
  websocket_session(const websocket_session&) = delete;
  websocket_session& operator=(const websocket_session&) = delete;

  // Accepts the upgrade request the HTTP session read.
  void run(http::request<http::string_body> req) {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.async_accept(req, beast::bind_front_handler(&websocket_session::on_accept, shared_from_this()));
  }

  // Always queued; written at once when no write is under way.
  void send(const std::shared_ptr<const message>& m) {
    queue_.push_back(m);
    if (queue_.size() > 1) return;
    write_front();
  }

 private:
  void on_accept(beast::error_code ec) {
    if (ec) return fail(ec, "accept");
    state_->join(this);
    joined_ = true;
    do_read();
  }

  void do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&websocket_session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "read");
    auto m = std::make_shared<const message>(message{beast::buffers_to_string(buffer_.data()), ws_.got_text()});
    buffer_.consume(buffer_.size());
    state_->send(m, this);
    do_read();
  }

  void write_front() {
    ws_.text(queue_.front()->text);
    ws_.async_write(asio::buffer(queue_.front()->data),
                    beast::bind_front_handler(&websocket_session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "write");
    queue_.erase(queue_.begin());
    if (!queue_.empty()) write_front();
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  std::shared_ptr<shared_state> state_;
  std::vector<std::shared_ptr<const message>> queue_;
  bool joined_ = false;
};

void shared_state::send(const std::shared_ptr<const message>& m, const websocket_session* from) {
  // One thread: no session is destroyed while this loop runs (send only starts a write).
  for (auto* session : sessions_) {
    if (session != from) session->send(m);
  }
}

// Reads one HTTP request: an upgrade becomes a WebSocket session, anything else gets 426.
class http_session : public std::enable_shared_from_this<http_session> {
 public:
  http_session(tcp::socket&& socket, std::shared_ptr<shared_state> state)
      : stream_(std::move(socket)), state_(std::move(state)) {}

  void run() {
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, req_, beast::bind_front_handler(&http_session::on_read, shared_from_this()));
  }

 private:
  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "http read");
    if (websocket::is_upgrade(req_)) {
      // The WebSocket stream keeps its own timeouts.
      stream_.expires_never();
      std::make_shared<websocket_session>(std::move(stream_), state_)->run(std::move(req_));
      return;
    }
    auto res = std::make_shared<http::response<http::string_body>>(http::status::upgrade_required, req_.version());
    res->set(http::field::content_type, "text/plain");
    res->body() = "WebSocket only\n";
    res->keep_alive(false);
    res->prepare_payload();
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code write_ec, std::size_t) {
      if (write_ec) return fail(write_ec, "http write");
      self->stream_.socket().shutdown(tcp::socket::shutdown_send, write_ec);
    });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
  std::shared_ptr<shared_state> state_;
};

class listener : public std::enable_shared_from_this<listener> {
 public:
  // Throws when the address cannot be bound.
  listener(asio::io_context& io, const tcp::endpoint& endpoint, std::shared_ptr<shared_state> state)
      : acceptor_(io, endpoint), state_(std::move(state)) {}

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  void run() { acceptor_.async_accept(beast::bind_front_handler(&listener::on_accept, shared_from_this())); }

 private:
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec) {
      fail(ec, "accept");
    } else {
      // As Node's ws and nats-server do, and Tribune: no Nagle delay on small frames.
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<http_session>(std::move(socket), state_)->run();
    }
    run();
  }

  tcp::acceptor acceptor_;
  std::shared_ptr<shared_state> state_;
};

}  // namespace

int main(int argc, char** argv) {
  std::uint16_t port = 0;
  const char* arg = argc == 2 ? argv[1] : "";
  const char* end = arg + std::strlen(arg);
  const auto parsed = std::from_chars(arg, end, port);
  if (argc != 2 || *arg == '\0' || parsed.ec != std::errc{} || parsed.ptr != end) {
    std::cerr << "usage: tribune-beast-peer PORT\n";
    return 2;
  }
  try {
    asio::io_context io{1};
    auto l = std::make_shared<listener>(io, tcp::endpoint(asio::ip::make_address_v4("127.0.0.1"), port),
                                        std::make_shared<shared_state>());
    l->run();
    std::cout << "listening " << l->port() << std::endl;
    io.run();
  } catch (const std::exception& e) {
    std::cerr << "tribune-beast-peer: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
