// The writer below Beast (server/frame_socket.hpp) over a real loopback TCP connection: the bytes a
// client reads are exactly one well-formed text frame per write, whether the socket took them at
// once or only after the client read, and a write of Beast's own that arrives meanwhile goes after
// the frame, never inside it.
#include <gtest/gtest.h>

#include <future>
#include <string>
#include <vector>

#include "server/frame_socket.hpp"

namespace tribune::server {
namespace {

struct recording_owner final : frame_owner {
  std::vector<beast::error_code> written;
  void frame_written(const beast::error_code& ec) override { written.push_back(ec); }
  std::shared_ptr<void> keep_alive() override { return alive; }
  std::shared_ptr<int> alive = std::make_shared<int>(0);
};

// A connected pair on 127.0.0.1: the server's end under a frame_socket, the client's end plain.
struct connection {
  asio::io_context io;
  tcp::socket client{io};
  std::optional<frame_socket> server;
  recording_owner owner;

  explicit connection(std::optional<int> small_buffers = std::nullopt) {
    tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    client.open(tcp::v4());
    if (small_buffers) client.set_option(asio::socket_base::receive_buffer_size(*small_buffers));
    client.connect(acceptor.local_endpoint());
    tcp::socket accepted = acceptor.accept();
    if (small_buffers) accepted.set_option(asio::socket_base::send_buffer_size(*small_buffers));
    server.emplace(std::move(accepted));
    server->set_owner(&owner);
  }

  // Reads exactly `n` bytes on another thread while this one runs the server's I/O until `done`.
  std::string read_while_running(std::size_t n, const std::function<bool()>& done) {
    auto reader = std::async(std::launch::async, [this, n] {
      std::string bytes(n, '\0');
      asio::read(client, asio::buffer(bytes));
      return bytes;
    });
    while (!done()) {
      if (io.run_one_for(std::chrono::seconds(10)) == 0) break;
    }
    return reader.get();
  }
};

std::string header_for(std::size_t payload) {
  std::string h{'\x81'};
  if (payload < 126) {
    h += static_cast<char>(payload);
  } else if (payload <= 0xffff) {
    h += '\x7e';
    h += static_cast<char>(payload >> 8);
    h += static_cast<char>(payload & 0xff);
  } else {
    h += '\x7f';
    for (int i = 7; i >= 0; --i) h += static_cast<char>((payload >> (8 * i)) & 0xff);
  }
  return h;
}

std::vector<shared_message> messages_of(const std::vector<std::string>& texts) {
  std::vector<shared_message> out;
  for (const auto& t : texts) out.push_back(std::make_shared<const std::string>(t));
  return out;
}

TEST(frame_socket, each_length_gets_its_header_and_the_messages_one_per_line) {
  for (const std::size_t size : {0, 1, 125, 126, 65535, 65536, 200000}) {
    connection c;
    const std::string text(size, 'x');
    auto queue = messages_of({text});
    const auto status = c.server->write_text(queue);
    ASSERT_NE(status, frame_socket::status::failed) << size;
    EXPECT_TRUE(queue.empty());
    const std::string expected = header_for(size) + text;
    const auto got = c.read_while_running(expected.size(), [&] { return !c.server->busy(); });
    EXPECT_EQ(got, expected) << "payload of " << size << " bytes";
  }
  connection c;
  auto queue = messages_of({R"({"a":1})", R"({"b":2})", R"({"c":3})"});
  ASSERT_NE(c.server->write_text(queue), frame_socket::status::failed);
  const std::string payload = "{\"a\":1}\n{\"b\":2}\n{\"c\":3}";
  EXPECT_EQ(c.read_while_running(payload.size() + 2, [&] { return !c.server->busy(); }),
            header_for(payload.size()) + payload);
}

TEST(frame_socket, a_frame_larger_than_the_buffers_waits_for_the_reader_and_beasts_write_follows_it_whole) {
  connection c(4096);
  // Many messages (more parts than one writev takes) and far more bytes than both buffers hold.
  std::vector<std::string> texts;
  std::string payload;
  for (int i = 0; i < 400; ++i) {
    texts.push_back("message " + std::to_string(i) + " " + std::string(1000 + i, static_cast<char>('a' + i % 26)));
    payload += (i == 0 ? "" : "\n") + texts.back();
  }
  auto queue = messages_of(texts);
  ASSERT_EQ(c.server->write_text(queue), frame_socket::status::pending);
  EXPECT_TRUE(c.server->busy());

  // A write of Beast's own (a pong, say) while the frame is still going out: it waits.
  const std::string pong = "\x8a\x02hi";
  bool beast_done = false;
  std::size_t beast_bytes = 0;
  c.server->async_write_some(asio::buffer(pong), [&](const beast::error_code& ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    beast_done = true;
    beast_bytes = n;
  });

  const std::string expected = header_for(payload.size()) + payload + pong;
  const auto got = c.read_while_running(expected.size(), [&] { return beast_done && !c.server->busy(); });
  ASSERT_EQ(got.size(), expected.size());
  EXPECT_TRUE(got == expected) << "the bytes differ from one frame followed by the pong";
  EXPECT_EQ(beast_bytes, pong.size());
  ASSERT_FALSE(c.owner.written.empty());
  EXPECT_FALSE(c.owner.written.back()) << c.owner.written.back().message();
}

TEST(frame_socket, a_peer_that_is_gone_fails_the_write_and_the_owner_hears_it) {
  connection c(4096);
  c.client.set_option(asio::socket_base::linger(true, 0));  // a reset, not a polite close
  c.client.close();
  std::vector<std::string> texts(200, std::string(2000, 'z'));
  bool failed = false;
  // The first writes may still land in the buffers; within a few the reset is seen.
  for (int attempt = 0; attempt < 50 && !failed; ++attempt) {
    auto queue = messages_of(texts);
    const auto status = c.server->write_text(queue);
    if (status == frame_socket::status::failed) {
      failed = true;
    } else if (status == frame_socket::status::pending) {
      while (c.server->busy() && c.io.run_one_for(std::chrono::seconds(10)) != 0) {
      }
      failed = !c.owner.written.empty() && c.owner.written.back();
    }
  }
  EXPECT_TRUE(failed) << "writing to a reset connection never failed";
  EXPECT_FALSE(c.server->busy());
}

}  // namespace
}  // namespace tribune::server
