#include "server/frame_socket.hpp"

#include <algorithm>
#include <span>

namespace tribune::server {
namespace {

constexpr char frame_newline = '\n';
constexpr std::uint8_t fin_text = 0x81;  // FIN, text opcode; never masked from the server

}  // namespace

frame_socket::frame_socket(tcp::socket socket) : socket_(std::move(socket)) {
#ifndef TRIBUNE_IO_URING
  // Writes that the socket cannot take at once report would_block instead of waiting.
  beast::error_code ignored;
  socket_.non_blocking(true, ignored);
#endif
}

frame_socket::status frame_socket::write_text(std::vector<shared_message>& messages) {
  frame_.swap(messages);
  messages.clear();
  if (frame_.empty()) return status::done;
  std::size_t payload = frame_.size() - 1;  // the newlines
  for (const auto& m : frame_) payload += m->size();
  header_[0] = fin_text;
  if (payload < 126) {
    header_[1] = static_cast<std::uint8_t>(payload);
    header_size_ = 2;
  } else if (payload <= 0xffff) {
    header_[1] = 126;
    header_[2] = static_cast<std::uint8_t>(payload >> 8);
    header_[3] = static_cast<std::uint8_t>(payload);
    header_size_ = 4;
  } else {
    header_[1] = 127;
    for (std::size_t i = 0; i < 8; ++i) header_[2 + i] = static_cast<std::uint8_t>(payload >> (8 * (7 - i)));
    header_size_ = 10;
  }
  part_ = 0;
  offset_ = 0;
#ifdef TRIBUNE_IO_URING
  // Every send is submitted to the ring; the ring takes a shard's sends in one system call.
  wait_writable();
  return status::pending;
#else
  return write_now();
#endif
}

asio::const_buffer frame_socket::part(std::size_t i) const {
  if (i == 0) return asio::buffer(header_.data(), header_size_);
  if (i % 2 == 1) return asio::buffer(*frame_[i / 2]);
  return asio::buffer(&frame_newline, 1);
}

std::size_t frame_socket::gather(std::array<asio::const_buffer, 64>& out) const {
  std::size_t count = 0;
  std::size_t skip = offset_;
  const std::size_t parts = 2 * frame_.size();  // header, then message and newline, no last newline
  for (std::size_t i = part_; i < parts && count < out.size(); ++i) {
    const auto b = part(i) + skip;
    skip = 0;
    if (b.size() != 0) out[count++] = b;
  }
  return count;
}

void frame_socket::advance(std::size_t bytes) {
  const std::size_t parts = 2 * frame_.size();
  while (part_ < parts) {
    const std::size_t left = part(part_).size() - offset_;
    if (bytes < left) {
      offset_ += bytes;
      return;
    }
    bytes -= left;
    offset_ = 0;
    ++part_;
  }
}

void frame_socket::release_frame() {
  frame_.clear();
  if (frame_.capacity() > 1024) frame_.shrink_to_fit();  // an idle connection stays small after a burst
}

frame_socket::status frame_socket::write_now() {
  std::array<asio::const_buffer, 64> buffers;
  for (;;) {
    const std::size_t count = gather(buffers);
    if (count == 0) {
      release_frame();
      return status::done;
    }
    std::size_t wanted = 0;
    for (std::size_t i = 0; i < count; ++i) wanted += buffers[i].size();
    beast::error_code ec;
    const std::size_t n = socket_.write_some(std::span(buffers.data(), count), ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) {
      wait_writable();
      return status::pending;
    }
    if (ec) {
      release_frame();
      return status::failed;
    }
    advance(n);
    if (n < wanted) {
      // The socket's buffer is full: the rest goes when the peer has read some.
      wait_writable();
      return status::pending;
    }
  }
}

void frame_socket::wait_writable() {
  auto keep = owner_->keep_alive();
#ifdef TRIBUNE_IO_URING
  std::array<asio::const_buffer, 64> buffers;
  const std::size_t count = gather(buffers);
  auto written = [this, keep = std::move(keep)](const beast::error_code& ec, std::size_t n) {
    if (ec) return frame_finished(ec);
    advance(n);
    if (part_ >= 2 * frame_.size()) return frame_finished({});
    wait_writable();
  };
  // The operation keeps a copy of the buffer sequence: a small one inline, a long one on the heap.
  if (count <= 2) {
    socket_.async_write_some(std::array<asio::const_buffer, 2>{buffers[0], buffers[1]}, std::move(written));
  } else {
    socket_.async_write_some(std::vector<asio::const_buffer>(buffers.begin(), buffers.begin() + count),
                             std::move(written));
  }
#else
  socket_.async_wait(tcp::socket::wait_write, [this, keep = std::move(keep)](const beast::error_code& ec) {
    if (ec) return frame_finished(ec);
    switch (write_now()) {
      case status::done: return frame_finished({});
      case status::failed: return frame_finished(asio::error::broken_pipe);
      case status::pending: return;
    }
  });
#endif
}

void frame_socket::frame_finished(const beast::error_code& ec) {
  release_frame();
  if (parked_) {
    // Beast's write waited for this frame; the owner hears once it is done too.
    auto p = std::move(*parked_);
    parked_.reset();
    if (ec) {
      auto handler = std::move(p.handler);
      asio::post(socket_.get_executor(), [handler = std::move(handler), ec]() mutable { std::move(handler)(ec, 0); });
      owner_->frame_written(ec);
      return;
    }
    return start_beast_write(p.buffers, std::move(p.handler));
  }
  owner_->frame_written(ec);
}

void frame_socket::start_beast_write(const std::vector<asio::const_buffer>& buffers, write_handler handler) {
  beast_writing_ = true;
  socket_.async_write_some(buffers, [this, handler = std::move(handler), keep = owner_->keep_alive()](
                                        const beast::error_code& ec, std::size_t n) mutable {
    beast_writing_ = false;
    // Beast's composed write may ask for the rest right here, from its handler.
    std::move(handler)(ec, n);
    if (!beast_writing_ && !parked_) owner_->frame_written(ec);
  });
}

void teardown(beast::role_type role, frame_socket& s, beast::error_code& ec) {
  websocket::teardown(role, s.socket(), ec);
}

void beast_close_socket(frame_socket& s) {
  beast::error_code ignored;
  s.socket().close(ignored);
}

}  // namespace tribune::server
