#pragma once
// One WebSocket connection. A coroutine reads frames; the writer sends the outgoing queue as one
// frame below Beast (server/frame_socket.hpp), one frame at a time. All state lives on the
// connection's strand (the socket's executor); rooms reach it only through send(), deliver(),
// flush() and close(), which run there.
//
// A connection starts by saying hello. Until the hello is accepted, anything else — or a hello
// that cannot be read — is answered with an error and the socket is closed (1008). Frames that
// arrive behind a hello still being checked wait for it, in order: clients may pipeline.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "protocol/decode.hpp"
#include "server/app.hpp"
#include "server/frame_socket.hpp"
#include "server/idle_sweep.hpp"
#include "server/net.hpp"
#include "server/rate_limit.hpp"

namespace tribune::server {

class ws_session final : public subscriber,
                         public frame_owner,
                         public idle_watched,
                         public std::enable_shared_from_this<ws_session> {
 public:
  ws_session(tcp::socket socket, std::shared_ptr<app> a, std::size_t shard);
  ~ws_session() override;

  // Completes the handshake for `req`, then serves the connection until it closes.
  asio::awaitable<void> run(http::request<http::string_body> req);

  void send(shared_message message) override;
  void close(std::uint16_t code, std::string_view reason) override;
  std::size_t shard() const noexcept override { return shard_; }
  asio::any_io_executor executor() override { return ws_.get_executor(); }
  void deliver(const shared_message& message) override { queue_message(message); }
  void flush() override { start_write(); }

  void frame_written(const beast::error_code& ec) override;
  std::shared_ptr<void> keep_alive() override { return shared_from_this(); }

  bool heard(std::chrono::steady_clock::time_point& when) const override;
  void ping() override;
  void expire() override;

 private:
  enum class phase { awaiting_hello, hello_pending, attached };

  void start_write();
  // Queues without writing: true if it was taken (false when closing or too far behind).
  bool queue_message(const shared_message& message);
  void enqueue(const shared_message& message);
  void start_close(std::uint16_t code, std::string reason, bool drop_queue = false);
  void handle_frame(std::string_view frame);
  void process(std::string_view frame, bool allowed);
  void handle_request(protocol::request req);
  void handle_hello(const nlohmann::json& id, const protocol::hello& h);
  void on_room_found(const nlohmann::json& id, const protocol::hello& h, room_registry::found found);
  void on_attached(const nlohmann::json& id, const std::shared_ptr<room_registry::handle>& r, const attach_outcome& o);
  void refuse_before_hello(const nlohmann::json& id, const protocol::error& err);
  outcome_handler reply_to(nlohmann::json id, bool strike_if_limited = true);
  void close_when_answered(std::string reason);
  void send_error(const nlohmann::json& id, const protocol::error& err);

  // A bare socket under the WebSocket: its own handshake and idle timeouts replace tcp_stream's
  // per-operation timers, which a connection would otherwise pay for on every write.
  websocket::stream<frame_socket> ws_;
  std::shared_ptr<app> app_;
  std::size_t shard_;
  // Messages waiting for the writer, which takes them all at once (swapping vectors, so a busy
  // connection allocates nothing per message).
  std::vector<shared_message> queue_;
  bool accepted_ = false;                          // the handshake is done: writes may start
  bool closing_ = false;                           // the close frame is being written
  bool pinging_ = false;                           // a keep-alive ping is being written
  std::chrono::steady_clock::time_point heard_{};  // the last frame from the client
  bool close_sent_ = false;
  std::size_t queued_bytes_ = 0;
  asio::steady_timer deadline_;  // hello deadline, then the hard-close deadline
  std::optional<std::uint16_t> close_code_;
  std::string close_reason_;
  bool finished_ = false;  // the reader is done: nothing more will be written

  phase phase_ = phase::awaiting_hello;
  struct early_frame {
    std::string frame;
    bool allowed = true;  // within the rate limit when it arrived
  };
  std::vector<early_frame> early_;  // frames behind a hello being checked
  std::size_t early_bytes_ = 0;
  room_registry::handle room_;
  engine::actor actor_;
  token_bucket limiter_;
  unsigned strikes_ = 0;
  unsigned awaiting_replies_ = 0;              // replies the room has yet to send back
  std::optional<std::string> closing_reason_;  // closing (1008) once those have arrived
};

}  // namespace tribune::server
