#include "wire.hpp"

#include "schema_check.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <random>
#include <sstream>
#include <utility>

namespace tribune::testing::wire {
namespace {

std::uint32_t random_key() {
  static thread_local std::mt19937 gen{std::random_device{}()};
  return static_cast<std::uint32_t>(gen());
}

int remaining_ms(clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

// Parses one complete frame from the front of `in`; nullopt if more bytes are needed.
std::optional<server_frame> take_frame(std::string& in) {
  if (in.size() < 2) return std::nullopt;
  const auto b0 = static_cast<std::uint8_t>(in[0]);
  const auto b1 = static_cast<std::uint8_t>(in[1]);
  std::size_t pos = 2;
  std::uint64_t len = b1 & 0x7f;
  if (len == 126) {
    if (in.size() < 4) return std::nullopt;
    len = (static_cast<std::uint64_t>(static_cast<std::uint8_t>(in[2])) << 8) | static_cast<std::uint8_t>(in[3]);
    pos = 4;
  } else if (len == 127) {
    if (in.size() < 10) return std::nullopt;
    len = 0;
    for (int i = 0; i < 8; ++i) len = (len << 8) | static_cast<std::uint8_t>(in[2 + i]);
    pos = 10;
  }
  const bool masked = (b1 & 0x80) != 0;
  std::uint8_t key[4] = {};
  if (masked) {
    if (in.size() < pos + 4) return std::nullopt;
    for (int i = 0; i < 4; ++i) key[i] = static_cast<std::uint8_t>(in[pos + i]);
    pos += 4;
  }
  if (in.size() < pos + len) return std::nullopt;
  server_frame f;
  f.fin = (b0 & 0x80) != 0;
  f.rsv = (b0 >> 4) & 0x7;
  f.opcode = b0 & 0x0f;
  f.masked = masked;
  f.payload = in.substr(pos, len);
  if (masked) {
    for (std::size_t i = 0; i < f.payload.size(); ++i) f.payload[i] = static_cast<char>(f.payload[i] ^ key[i % 4]);
  }
  in.erase(0, pos + len);
  return f;
}

}  // namespace

std::string encode(const frame_spec& f) {
  std::string out;
  out.push_back(static_cast<char>((f.fin ? 0x80 : 0) | ((f.rsv & 0x7) << 4) | (f.opcode & 0x0f)));
  const std::uint64_t len = f.declared.value_or(f.payload.size());
  int bits = f.length_bits;
  if (bits == 0) bits = len < 126 ? 7 : len <= 0xffff ? 16 : 64;
  const std::uint8_t mask_bit = f.mask ? 0x80 : 0;
  if (bits == 7) {
    out.push_back(static_cast<char>(mask_bit | (len & 0x7f)));
  } else if (bits == 16) {
    out.push_back(static_cast<char>(mask_bit | 126));
    out.push_back(static_cast<char>((len >> 8) & 0xff));
    out.push_back(static_cast<char>(len & 0xff));
  } else {
    out.push_back(static_cast<char>(mask_bit | 127));
    for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((len >> (8 * i)) & 0xff));
  }
  std::uint8_t key[4] = {0, 0, 0, 0};
  if (f.mask) {
    const auto k = random_key();
    for (int i = 0; i < 4; ++i) key[i] = static_cast<std::uint8_t>(k >> (8 * i));
    out.append(reinterpret_cast<const char*>(key), 4);
  }
  if (f.declared && !f.with_payload) return out;
  for (std::size_t i = 0; i < f.payload.size(); ++i) {
    out.push_back(static_cast<char>(static_cast<std::uint8_t>(f.payload[i]) ^ key[i % 4]));
  }
  return out;
}

std::string text_frame(std::string_view payload, bool fin) {
  return encode({.opcode = op::text, .payload = std::string(payload), .fin = fin});
}

std::string close_frame(std::optional<std::uint16_t> code, std::string_view reason) {
  std::string payload;
  if (code) {
    payload.push_back(static_cast<char>(*code >> 8));
    payload.push_back(static_cast<char>(*code & 0xff));
    payload.append(reason);
  }
  return encode({.opcode = op::close, .payload = payload});
}

std::vector<json> messages(std::string_view frame_text) {
  std::vector<json> out;
  std::size_t start = 0;
  while (start <= frame_text.size()) {
    auto end = frame_text.find('\n', start);
    if (end == std::string_view::npos) end = frame_text.size();
    const auto line = frame_text.substr(start, end - start);
    if (!line.empty()) {
      out.push_back(json::parse(line, nullptr, false));
      schema::expect_server_message(out.back());
    }
    start = end + 1;
  }
  return out;
}

std::string describe(const ending& e) {
  std::ostringstream s;
  switch (e.kind) {
    case ending::how::close_frame:
      s << "close frame " << (e.code ? std::to_string(*e.code) : std::string("(no code)")) << " \"" << e.reason << "\""
        << (e.tcp_closed_after ? ", then TCP close" : ", TCP left open");
      break;
    case ending::how::tcp_close: s << "TCP close without a close frame"; break;
    case ending::how::timeout: s << "still open"; break;
  }
  s << " after " << e.elapsed.count() << " ms; " << e.messages.size() << " messages";
  for (const auto& m : e.messages) s << "\n  " << m.dump();
  return s.str();
}

raw_socket::raw_socket(std::uint16_t port, std::optional<int> rcvbuf) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  if (rcvbuf) setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &*rcvbuf, sizeof *rcvbuf);
  const int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
    eof_ = true;
  }
}

raw_socket::~raw_socket() {
  if (fd_ >= 0) ::close(fd_);
}

bool raw_socket::send_all(std::string_view bytes) {
  while (!bytes.empty()) {
    if (fd_ < 0) return false;
    const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool raw_socket::read_some(clock::time_point deadline) {
  timed_out_ = false;
  if (fd_ < 0 || eof_) return false;
  for (;;) {
    pollfd p{fd_, POLLIN, 0};
    const int r = ::poll(&p, 1, remaining_ms(deadline));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) {
      timed_out_ = true;
      return false;
    }
    char buf[16384];
    const auto n = ::recv(fd_, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      eof_ = true;  // orderly close or reset
      return false;
    }
    in.append(buf, static_cast<std::size_t>(n));
    return true;
  }
}

bool raw_socket::wait_eof(clock::time_point deadline) {
  while (read_some(deadline)) in.clear();
  return eof_;
}

raw_ws::raw_ws(std::uint16_t port, std::optional<int> rcvbuf) : socket_(port, rcvbuf) {
  const auto host = "127.0.0.1:" + std::to_string(port);
  const std::string request = "GET /ws HTTP/1.1\r\nHost: " + host +
                              "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                              "Origin: http://" +
                              host + "\r\n\r\n";
  if (!socket_.send_all(request)) return;
  const auto deadline = clock::now() + 5s;
  std::size_t end;
  while ((end = socket_.in.find("\r\n\r\n")) == std::string::npos) {
    if (!socket_.read_some(deadline)) return;
  }
  const auto head = socket_.in.substr(0, end);
  socket_.in.erase(0, end + 4);
  // "HTTP/1.1 101 Switching Protocols"
  if (head.size() >= 12) status_ = std::atoi(head.substr(9, 3).c_str());
}

std::optional<server_frame> raw_ws::next_frame(clock::time_point deadline) {
  for (;;) {
    if (auto f = take_frame(socket_.in)) return f;
    if (!socket_.read_some(deadline)) return std::nullopt;
  }
}

std::optional<std::string> raw_ws::assemble(const server_frame& f) {
  if (f.opcode == op::text) partial_.clear();
  if (f.opcode != op::text && f.opcode != op::cont) return std::nullopt;
  partial_ += f.payload;
  if (!f.fin) return std::nullopt;
  return std::exchange(partial_, {});
}

std::optional<json> raw_ws::next_message(std::chrono::milliseconds timeout) {
  const auto deadline = clock::now() + timeout;
  while (pending_.empty()) {
    auto f = next_frame(deadline);
    if (!f || f->opcode == op::close) return std::nullopt;
    if (auto text = assemble(*f)) pending_ = messages(*text);
  }
  auto out = std::move(pending_.front());
  pending_.erase(pending_.begin());
  return out;
}

json raw_ws::hello(const std::string& debate, const std::string& token, std::optional<std::uint64_t> last_seq) {
  json h{{"type", "hello"}, {"debate", debate}, {"token", token}};
  if (last_seq) h["last_seq"] = *last_seq;
  send_text(h);
  for (;;) {
    auto m = next_message();
    if (!m) return nullptr;
    const auto type = m->value("type", "");
    if (type == "welcome" || type == "error") return *m;
  }
}

ending raw_ws::read_until_closed(std::chrono::milliseconds timeout, std::chrono::milliseconds tcp_wait) {
  const auto start = clock::now();
  const auto deadline = start + timeout;
  ending e;
  for (auto& m : pending_) e.messages.push_back(std::move(m));
  pending_.clear();
  for (;;) {
    auto f = next_frame(deadline);
    e.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start);
    if (!f) {
      e.kind = socket_.eof() ? ending::how::tcp_close : ending::how::timeout;
      break;
    }
    if (f->opcode == op::text || f->opcode == op::cont) {
      if (auto text = assemble(*f)) {
        for (auto& m : messages(*text)) e.messages.push_back(std::move(m));
      }
      continue;
    }
    if (f->opcode != op::close) {
      e.other_frames.push_back(std::move(*f));
      continue;
    }
    e.kind = ending::how::close_frame;
    if (f->payload.size() >= 2) {
      e.code = static_cast<std::uint16_t>((static_cast<std::uint8_t>(f->payload[0]) << 8) |
                                          static_cast<std::uint8_t>(f->payload[1]));
      e.reason = f->payload.substr(2);
    }
    // Answer the close as a client must, then the server closes the TCP connection.
    socket_.send_all(close_frame(e.code.value_or(1000)));
    if (tcp_wait.count() > 0) e.tcp_closed_after = socket_.wait_eof(clock::now() + tcp_wait);
    break;
  }
  return e;
}

long rss_kib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

bool alive(int pid) { return pid > 0 && ::kill(pid, 0) == 0; }

}  // namespace tribune::testing::wire
