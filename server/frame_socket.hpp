#pragma once
// The socket under every server WebSocket stream (websocket::stream<frame_socket>).
//
// Beast keeps the handshake, the reading side and its own control frames (pong, close), which it
// writes through async_write_some() here. The session's data frames go below Beast: a frame from
// the server is unmasked, so its payload is the shared bytes of the messages themselves, and
// write_text() sends the header and those bytes with one writev, at once when the socket takes
// them (the common case: one system call, no copy, no composed operation, no handler to allocate).
// Only what the socket does not take waits for it to become writable.
//
// One writer at a time, so frames never interleave: Beast's writes wait behind a data frame still
// being written, and write_text() is called only when busy() is false. Everything runs on the
// connection's strand.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <boost/asio/any_completion_handler.hpp>

#include "server/net.hpp"
#include "server/subscriber.hpp"

namespace tribune::server {

// Told when a write that could not finish at once has finished (or failed).
class frame_owner {
 public:
  frame_owner() = default;
  frame_owner(const frame_owner&) = delete;
  frame_owner& operator=(const frame_owner&) = delete;
  virtual void frame_written(const beast::error_code& ec) = 0;
  // Keeps the owner alive while the socket waits to become writable.
  virtual std::shared_ptr<void> keep_alive() = 0;

 protected:
  ~frame_owner() = default;
};

class frame_socket {
 public:
  using executor_type = tcp::socket::executor_type;
  enum class status { done, pending, failed };

  explicit frame_socket(tcp::socket socket);

  executor_type get_executor() noexcept { return socket_.get_executor(); }
  tcp::socket& socket() noexcept { return socket_; }
  void set_owner(frame_owner* owner) noexcept { owner_ = owner; }

  // A frame or one of Beast's writes is under way; the owner hears frame_written() when it ends.
  bool busy() const noexcept { return !frame_.empty() || beast_writing_ || parked_.has_value(); }

  // Sends `messages`, one per line, as one text frame, and leaves `messages` empty. Only when
  // !busy(). done: all of it was written now; pending: the rest follows when the socket is
  // writable, then frame_written() is called; failed: the connection is broken.
  status write_text(std::vector<shared_message>& messages);

  template <class MutableBufferSequence, class ReadToken>
  auto async_read_some(const MutableBufferSequence& buffers, ReadToken&& token) {
    return socket_.async_read_some(buffers, std::forward<ReadToken>(token));
  }

  // Beast's own writes: the handshake response, pongs and the close frame.
  template <class ConstBufferSequence, class WriteToken>
  auto async_write_some(const ConstBufferSequence& buffers, WriteToken&& token) {
    return asio::async_initiate<WriteToken, void(beast::error_code, std::size_t)>(
        [this](auto handler, const ConstBufferSequence& b) {
          std::vector<asio::const_buffer> copy(asio::buffer_sequence_begin(b), asio::buffer_sequence_end(b));
          if (!frame_.empty()) {
            // Behind the data frame being written; the buffers stay Beast's until it completes.
            parked_.emplace(parked_write{std::move(copy), std::move(handler)});
            return;
          }
          start_beast_write(copy, std::move(handler));
        },
        token, buffers);
  }

 private:
  using write_handler = asio::any_completion_handler<void(beast::error_code, std::size_t)>;
  struct parked_write {
    std::vector<asio::const_buffer> buffers;
    write_handler handler;
  };

  void start_beast_write(const std::vector<asio::const_buffer>& buffers, write_handler handler);
  // Writes what it can of the frame from the current position; done when all of it went.
  status write_now();
  void wait_writable();
  void frame_finished(const beast::error_code& ec);
  // Part `i` of the frame (see part_ below).
  asio::const_buffer part(std::size_t i) const;
  // Fills `out` from the current position: the header, then each message and its newline.
  std::size_t gather(std::array<asio::const_buffer, 64>& out) const;
  void advance(std::size_t bytes);
  // Drops the written frame's messages; a burst's capacity is not kept by an idle connection.
  void release_frame();

  tcp::socket socket_;
  frame_owner* owner_ = nullptr;
  std::vector<shared_message> frame_;  // the messages of the frame being written
  std::array<std::uint8_t, 10> header_{};
  std::uint8_t header_size_ = 0;
  // Position in the frame: part 0 is the header, then message i is part 2i+1 and the newline
  // after it part 2i+2 (none after the last); `offset_` bytes of part `part_` are written.
  std::size_t part_ = 0;
  std::size_t offset_ = 0;
  bool beast_writing_ = false;
  std::optional<parked_write> parked_;
};

// What Beast needs of a next layer it did not write itself.
void teardown(beast::role_type role, frame_socket& s, beast::error_code& ec);
template <class TeardownHandler>
void async_teardown(beast::role_type role, frame_socket& s, TeardownHandler&& handler) {
  websocket::async_teardown(role, s.socket(), std::forward<TeardownHandler>(handler));
}
void beast_close_socket(frame_socket& s);

}  // namespace tribune::server
