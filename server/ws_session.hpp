#pragma once
// One WebSocket connection. A coroutine reads frames; another writes the outgoing queue, one
// write in flight at a time. All state lives on the connection's strand (the socket's executor);
// rooms reach it only through send() and close(), which post there.
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>

#include "server/app.hpp"
#include "server/net.hpp"
#include "server/room.hpp"

namespace tribune::server {

class ws_session final : public subscriber, public std::enable_shared_from_this<ws_session> {
 public:
  ws_session(beast::tcp_stream stream, std::shared_ptr<app> a, std::size_t shard);
  ~ws_session() override;

  // Completes the handshake for `req`, then serves the connection until it closes.
  asio::awaitable<void> run(http::request<http::string_body> req);

  void send(shared_message message) override;
  void close(std::uint16_t code, std::string_view reason) override;
  std::size_t shard() const noexcept override { return shard_; }
  asio::any_io_executor executor() override { return ws_.get_executor(); }
  void deliver(const shared_message& message) override { enqueue(message); }

 private:
  asio::awaitable<void> write_loop();
  void enqueue(const shared_message& message);
  void start_close(std::uint16_t code, std::string reason, bool drop_queue = false);
  void handle_frame(std::string_view frame);
  void handle_hello(const nlohmann::json& id, const protocol::hello& h);
  outcome_handler reply_to(nlohmann::json id);
  void send_error(const nlohmann::json& id, const protocol::error& err);

  websocket::stream<beast::tcp_stream> ws_;
  std::shared_ptr<app> app_;
  std::size_t shard_;
  std::deque<shared_message> queue_;
  std::size_t queued_bytes_ = 0;
  asio::steady_timer wake_;      // cancelled to wake the writer
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
