#pragma once
// Byte-level WebSocket tools for tests that must send what a well-behaved client library never
// would: hand-built frames over a plain TCP socket after a real HTTP upgrade. Every read has a
// deadline. A server text frame may carry several JSON messages, one per line; `messages` splits
// them.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace tribune::testing::wire {

using json = nlohmann::json;
using namespace std::chrono_literals;
using clock = std::chrono::steady_clock;

namespace op {
constexpr std::uint8_t cont = 0x0, text = 0x1, binary = 0x2, close = 0x8, ping = 0x9, pong = 0xA;
}
constexpr std::uint8_t rsv1 = 0x4, rsv2 = 0x2, rsv3 = 0x1;

// One frame as a client writes it (masked unless told otherwise).
struct frame_spec {
  std::uint8_t opcode = op::text;
  std::string payload;
  bool fin = true;
  std::uint8_t rsv = 0;  // bits rsv1 | rsv2 | rsv3
  bool mask = true;
  // Length field overrides: the declared length (default: the payload's) and its encoding
  // (7, 16 or 64 bits; default: the shortest). With `declared`, only the header and mask key
  // are written unless `with_payload`.
  std::optional<std::uint64_t> declared;
  int length_bits = 0;
  bool with_payload = true;
};
std::string encode(const frame_spec& f);
std::string text_frame(std::string_view payload, bool fin = true);
std::string close_frame(std::optional<std::uint16_t> code, std::string_view reason = {});

// A frame as the server sent it.
struct server_frame {
  bool fin = true;
  std::uint8_t opcode = 0;
  std::uint8_t rsv = 0;
  bool masked = false;
  std::string payload;
};

// Splits the text of one server frame into its JSON messages (one per non-empty line).
std::vector<json> messages(std::string_view frame_text);

// How a connection ended, as seen from the client.
struct ending {
  enum class how { close_frame, tcp_close, timeout } kind = how::timeout;
  std::optional<std::uint16_t> code;  // from the server's close frame (absent: empty payload)
  std::string reason;
  bool tcp_closed_after = false;           // after its close frame the server also closed the TCP connection
  std::vector<json> messages;              // text messages received before the end
  std::vector<server_frame> other_frames;  // pongs and anything else that is not text
  std::chrono::milliseconds elapsed{0};    // until the close frame or the TCP close
};
std::string describe(const ending& e);

// A plain TCP connection to 127.0.0.1.
class raw_socket {
 public:
  // `rcvbuf`: SO_RCVBUF set before connecting, to model a client that reads slowly.
  explicit raw_socket(std::uint16_t port, std::optional<int> rcvbuf = std::nullopt);
  ~raw_socket();
  raw_socket(const raw_socket&) = delete;
  raw_socket& operator=(const raw_socket&) = delete;

  bool send_all(std::string_view bytes);  // false once the peer is gone
  // Waits for bytes until `deadline`; appends them to `in`. Returns false on EOF, error or timeout
  // (then `eof()` or `timed_out()` tells which).
  bool read_some(clock::time_point deadline);
  // Waits until the peer closes (EOF or reset) and drops whatever arrives; false on timeout.
  bool wait_eof(clock::time_point deadline);
  bool eof() const { return eof_; }
  bool timed_out() const { return timed_out_; }
  int fd() const { return fd_; }
  std::string in;  // received and not yet consumed

 private:
  int fd_ = -1;
  bool eof_ = false;
  bool timed_out_ = false;
};

// A WebSocket over a raw_socket, upgraded with a valid Origin.
class raw_ws {
 public:
  explicit raw_ws(std::uint16_t port, std::optional<int> rcvbuf = std::nullopt);

  bool upgraded() const { return status_ == 101; }
  int status() const { return status_; }
  raw_socket& socket() { return socket_; }

  bool send(std::string_view bytes) { return socket_.send_all(bytes); }
  bool send_text(const json& message) { return send(text_frame(message.dump())); }
  // The next frame from the server, or nullopt on EOF or timeout.
  std::optional<server_frame> next_frame(clock::time_point deadline);
  // Feeds a data frame; returns the whole text message once its last fragment arrived.
  std::optional<std::string> assemble(const server_frame& f);
  // The next JSON message, or nullopt on close, EOF or timeout; control frames are skipped.
  std::optional<json> next_message(std::chrono::milliseconds timeout = 5s);
  // Sends hello and returns the welcome or error.
  json hello(const std::string& debate, const std::string& token, std::optional<std::uint64_t> last_seq = {});
  // Reads until the server's close frame or a plain TCP close, within `timeout`. A close frame is
  // answered with a close frame; then the TCP close is awaited for up to `tcp_wait`.
  ending read_until_closed(std::chrono::milliseconds timeout = 5s, std::chrono::milliseconds tcp_wait = 3s);

 private:
  raw_socket socket_;
  int status_ = 0;
  std::vector<json> pending_;  // messages of a frame already split, not yet returned
  std::string partial_;        // fragments of a text message not yet finished
};

// Resident memory of a process, in KiB (0 if unknown).
long rss_kib(int pid);
// Whether a process still exists.
bool alive(int pid);

}  // namespace tribune::testing::wire
