#include "harness.hpp"

#include "schema_check.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <random>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <gtest/gtest.h>

#ifndef TRIBUNE_BIN
#error "TRIBUNE_BIN must name the tribune executable"
#endif

namespace tribune::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

std::string random_name(std::size_t n) {
  static const std::string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device rd;
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(alphabet[rd() % alphabet.size()]);
  return out;
}

}  // namespace

temp_dir::temp_dir() {
  path_ = std::filesystem::temp_directory_path() / ("tribune-test-" + random_name(12));
  std::filesystem::create_directories(path_);
}

temp_dir::~temp_dir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

struct server_process::output {
  std::mutex mutex;
  std::condition_variable cv;
  std::string text;
  bool eof = false;
  std::thread reader;
};

server_process::server_process(std::filesystem::path db, std::vector<std::string> extra_args)
    : db_(std::move(db)), extra_args_(std::move(extra_args)), admin_token_(random_name(43)) {}

server_process::~server_process() {
  if (pid_ > 0) kill_hard();
}

void server_process::start() {
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_CLOEXEC), 0);
  const auto web_root = std::string(TRIBUNE_WEB_ROOT);
  std::vector<std::string> args = {TRIBUNE_BIN, "serve", "--listen", "127.0.0.1:0", "--db", db_.string(),
                                   "--web-root", web_root};
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  const std::string env_token = "TRIBUNE_ADMIN_TOKEN=" + admin_token_;

  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    putenv(const_cast<char*>(env_token.c_str()));
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  pid_ = pid;
  out_fd_ = fds[0];
  output_ = std::make_shared<output>();
  output_->reader = std::thread([out = output_, fd = out_fd_] {
    char buf[4096];
    for (;;) {
      const auto n = read(fd, buf, sizeof buf);
      if (n <= 0) break;
      const std::lock_guard lock(out->mutex);
      out->text.append(buf, static_cast<std::size_t>(n));
      out->cv.notify_all();
    }
    const std::lock_guard lock(out->mutex);
    out->eof = true;
    out->cv.notify_all();
  });

  std::unique_lock lock(output_->mutex);
  const bool found = output_->cv.wait_for(lock, 20s, [&] {
    for (std::size_t start = 0, end; (end = output_->text.find('\n', start)) != std::string::npos; start = end + 1) {
      const auto line = json::parse(output_->text.substr(start, end - start), nullptr, false);
      if (line.is_object() && line.value("msg", "") == "listening") {
        port_ = line.at("port").get<std::uint16_t>();
        return true;
      }
    }
    return output_->eof;
  });
  ASSERT_TRUE(found && port_ != 0) << "tribune did not start:\n" << output_->text;
}

void server_process::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  if (output_ && output_->reader.joinable()) output_->reader.join();
  if (out_fd_ >= 0) close(out_fd_);
  out_fd_ = -1;
}

int server_process::terminate() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  // Bounded: a server that does not drain in 20 s is killed and the test fails on the status.
  for (int i = 0; i < 2000; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  if (pid_ > 0) {
    kill_hard();
    return -1;
  }
  if (output_ && output_->reader.joinable()) output_->reader.join();
  if (out_fd_ >= 0) close(out_fd_);
  out_fd_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string server_process::log_text() const {
  if (!output_) return {};
  const std::lock_guard lock(output_->mutex);
  return output_->text;
}

std::string http_reply::header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (beast::iequals(k, name)) return v;
  }
  return {};
}

http_reply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::optional<json>& body, const std::string& bearer,
                        std::vector<std::pair<std::string, std::string>> headers) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(10s);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
  for (const auto& [k, v] : headers) req.set(k, v);
  if (body) {
    req.set(http::field::content_type, "application/json");
    req.body() = body->dump();
  }
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  http::read(stream, buffer, parser);
  const auto& res = parser.get();
  http_reply out;
  out.status = static_cast<int>(res.result_int());
  out.raw = res.body();
  out.body = json::parse(res.body(), nullptr, false);
  if (out.body.is_discarded()) out.body = nullptr;
  if (res[http::field::content_type] == "application/json") schema::expect_rest_body(out.status, out.body);
  for (const auto& f : res) out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return out;
}

int try_upgrade(std::uint16_t port, const std::optional<std::string>& origin) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  websocket::stream<tcp::socket> ws(std::move(socket));
  ws.set_option(websocket::stream_base::decorator([origin](websocket::request_type& req) {
    if (origin) req.set(http::field::origin, *origin);
  }));
  websocket::response_type res;
  beast::error_code ec;
  ws.handshake(res, "127.0.0.1:" + std::to_string(port), "/ws", ec);
  return static_cast<int>(res.result_int());
}

// The client runs its own io_context thread; every socket operation happens there.
struct ws_client::impl {
  asio::io_context io;
  websocket::stream<beast::tcp_stream> ws{io};
  beast::flat_buffer buffer;
  std::deque<std::pair<std::string, bool>> outbox;
  bool writing = false;
  std::thread thread;

  mutable std::mutex mutex;  // guards the fields below
  std::condition_variable cv;
  std::deque<json> inbox;
  std::vector<json> all;
  bool closed = false;
  std::optional<std::uint16_t> close_code;

  void read_next() {
    ws.async_read(buffer, [this](beast::error_code ec, std::size_t) {
      const std::lock_guard lock(mutex);
      if (ec) {
        closed = true;
        if (ws.reason().code != 0 || ec == websocket::error::closed) close_code = ws.reason().code;
        cv.notify_all();
        return;
      }
      // A frame holds one or more messages, one per line.
      const auto frame = beast::buffers_to_string(buffer.data());
      buffer.consume(buffer.size());
      std::size_t start = 0;
      while (start < frame.size()) {
        auto end = frame.find('\n', start);
        if (end == std::string::npos) end = frame.size();
        if (end > start) {
          auto message = json::parse(frame.substr(start, end - start), nullptr, false);
          schema::expect_server_message(message);
          inbox.push_back(message);
          all.push_back(std::move(message));
        }
        start = end + 1;
      }
      cv.notify_all();
      read_next();
    });
  }

  void write_next() {
    if (writing || outbox.empty()) return;
    writing = true;
    ws.binary(outbox.front().second);
    ws.async_write(asio::buffer(outbox.front().first), [this](beast::error_code, std::size_t) {
      outbox.pop_front();
      writing = false;
      write_next();
    });
  }
};

ws_client::ws_client(std::uint16_t port) : impl_(std::make_unique<impl>()) {
  auto& s = *impl_;
  beast::get_lowest_layer(s.ws).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  const auto host = "127.0.0.1:" + std::to_string(port);
  s.ws.set_option(websocket::stream_base::decorator(
      [host](websocket::request_type& req) { req.set(http::field::origin, "http://" + host); }));
  s.ws.read_message_max(16 * 1024 * 1024);
  s.ws.handshake(host, "/ws");
  beast::get_lowest_layer(s.ws).expires_never();
  s.read_next();
  s.thread = std::thread([this] { impl_->io.run(); });
}

ws_client::~ws_client() {
  asio::post(impl_->io, [this] {
    beast::error_code ec;
    beast::get_lowest_layer(impl_->ws).socket().shutdown(tcp::socket::shutdown_both, ec);
    beast::get_lowest_layer(impl_->ws).socket().close(ec);
  });
  impl_->thread.join();
}

void ws_client::send(const json& message) { send_raw(message.dump()); }

void ws_client::send_raw(std::string text, bool binary) {
  asio::post(impl_->io, [this, text = std::move(text), binary]() mutable {
    impl_->outbox.emplace_back(std::move(text), binary);
    impl_->write_next();
  });
}

std::optional<json> ws_client::next(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  if (!impl_->cv.wait_for(lock, timeout, [&] { return !impl_->inbox.empty() || impl_->closed; })) return std::nullopt;
  if (impl_->inbox.empty()) return std::nullopt;
  auto out = std::move(impl_->inbox.front());
  impl_->inbox.pop_front();
  return out;
}

json ws_client::wait_for(const std::function<bool(const json&)>& match, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    auto m = next(left);
    if (!m) break;
    if (match(*m)) return *m;
  }
  ADD_FAILURE() << "no matching message within " << timeout.count() << " ms";
  return nullptr;
}

std::vector<json> ws_client::received() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->all;
}

json ws_client::hello(const std::string& debate, const std::string& token, std::optional<std::uint64_t> last_seq) {
  json h{{"type", "hello"}, {"debate", debate}, {"token", token}};
  if (last_seq) h["last_seq"] = *last_seq;
  send(h);
  return wait_for([](const json& m) { return m.value("type", "") == "welcome" || m.value("type", "") == "error"; });
}

json ws_client::command(json message, std::chrono::milliseconds timeout) {
  const auto id = "c" + std::to_string(next_id_++);
  message["id"] = id;
  send(message);
  return wait_for(
      [&](const json& m) {
        const auto type = m.value("type", "");
        return (type == "ack" || type == "error") && m.value("id", json()) == id;
      },
      timeout);
}

std::optional<std::uint16_t> ws_client::wait_closed(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  impl_->cv.wait_for(lock, timeout, [&] { return impl_->closed; });
  if (!impl_->closed) return std::nullopt;
  return impl_->close_code.value_or(0);
}

bool ws_client::is_closed() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->closed;
}

debate create_debate(const server_process& server, const std::string& title) {
  const auto reply = http_request(server.port(), "POST", "/api/debates",
                                  json{{"title", title}, {"motion", "This house would ban cars from city centres"}},
                                  server.admin_token());
  EXPECT_EQ(reply.status, 201) << reply.raw;
  debate d;
  d.body = reply.body;
  if (reply.status != 201) return d;
  d.id = reply.body.at("id");
  d.code = reply.body.at("code");
  d.moderator_token = reply.body.at("tokens").at("moderator");
  d.stage_token = reply.body.at("tokens").at("stage");
  return d;
}

participant join(const server_process& server, const std::string& debate_id, const std::string& name) {
  const auto reply =
      http_request(server.port(), "POST", "/api/debates/" + debate_id + "/participants", json{{"name", name}});
  EXPECT_EQ(reply.status, 201) << reply.raw;
  if (reply.status != 201) return {};
  return participant{reply.body.at("participant"), reply.body.at("token"), reply.body.at("name")};
}

}  // namespace tribune::testing
