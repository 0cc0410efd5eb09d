#pragma once
// One WebSocket connection. A coroutine reads frames; another writes the outgoing queue, one
// write in flight at a time. All state lives on the connection's strand (the socket's executor);
// rooms reach it only through send() and close(), which post there.
#include <cstdint>
#include <vector>
#include <memory>
#include <optional>

#include "server/app.hpp"
#include "server/net.hpp"
#include "server/room.hpp"

namespace tribune::server {

class ws_session final : public subscriber, public std::enable_shared_from_this<ws_session> {
 public:
  ws_session(tcp::socket socket, std::shared_ptr<app> a, std::size_t shard);
  ~ws_session() override;

  // Completes the handshake for `req`, then serves the connection until it closes.
  asio::awaitable<void> run(http::request<http::string_body> req);

  void send(shared_message message) override;
  void close(std::uint16_t code, std::string_view reason) override;
  std::size_t shard() const noexcept override { return shard_; }
  asio::any_io_executor executor() override { return ws_.get_executor(); }
  void deliver(const shared_message& message) override { enqueue(message); }

 private:
  void start_write();
  void on_written(beast::error_code ec);
  void enqueue(const shared_message& message);
  void start_close(std::uint16_t code, std::string reason, bool drop_queue = false);
  void handle_frame(std::string_view frame);
  void handle_hello(const nlohmann::json& id, const protocol::hello& h);
  outcome_handler reply_to(nlohmann::json id);
  void send_error(const nlohmann::json& id, const protocol::error& err);

  // A bare socket under the WebSocket: its own handshake and idle timeouts replace tcp_stream's
  // per-operation timers, which a connection would otherwise pay for on every write.
  websocket::stream<tcp::socket> ws_;
  std::shared_ptr<app> app_;
  std::size_t shard_;
  // Messages waiting for the writer, which takes them all at once (swapping vectors, so a busy
  // connection allocates nothing per message).
  std::vector<shared_message> queue_;
  std::vector<shared_message> batch_;       // the messages of the frame being written
  std::vector<asio::const_buffer> gather_;  // their bytes, newline-separated, for one writev
  bool accepted_ = false;                   // the handshake is done: writes may start
  bool writing_ = false;                    // a write or the close is in flight
  bool close_sent_ = false;
  std::size_t queued_bytes_ = 0;
  asio::steady_timer deadline_;  // hello deadline, then the hard-close deadline
  std::optional<std::uint16_t> close_code_;
  std::string close_reason_;
  bool finished_ = false;  // the reader is done: nothing more will be written

  std::shared_ptr<room> room_;
  engine::actor actor_;
  bool hello_sent_ = false;
  protocol::seq_t seq_hint_ = 0;
  token_bucket limiter_;
  unsigned strikes_ = 0;
};

}  // namespace tribune::server
