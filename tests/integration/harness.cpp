#include "harness.hpp"

#include "postgres_db.hpp"
#include "schema_check.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
// Boost.Process v2; its compiled part is boost_process.cpp.
#include <gtest/gtest.h>
#include <boost/process/v2/environment.hpp>
#include <boost/process/v2/process.hpp>
#include <boost/process/v2/stdio.hpp>

#ifndef TRIBUNE_BIN
#error "TRIBUNE_BIN must name the tribune executable"
#endif

extern char** environ;

namespace tribune::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bp = boost::process::v2;
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

// What a child prints, collected by a thread of its own so the child never blocks on a full pipe.
struct collected {
  std::mutex mutex;  // guards the fields below
  std::condition_variable cv;
  std::string text;
  bool eof = false;
};

// The test's environment without its TRIBUNE_* variables (a developer's shell must not change what
// a test sees), plus `extra`.
std::vector<std::string> child_environment(const std::vector<std::pair<std::string, std::string>>& extra) {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view entry(*e);
    if (!entry.starts_with("TRIBUNE_")) out.emplace_back(entry);
  }
  for (const auto& [name, value] : extra) out.push_back(name + "=" + value);
  return out;
}

}  // namespace

// One launched tribune: the process, its io_context (for waiting on its exit) and the thread that
// reads its output. The reader owns the pipe's read end and is joined before the io_context goes.
// Run in the child between fork and exec: caps the size of the files it may write.
struct file_size_cap {
  std::uint64_t bytes = 0;
  template <class Launcher>
  bp::error_code on_exec_setup(Launcher&, const bp::filesystem::path&, const char* const*&) const {
    if (bytes == 0) return {};
    const rlimit cap{static_cast<rlim_t>(bytes), static_cast<rlim_t>(bytes)};
    if (::setrlimit(RLIMIT_FSIZE, &cap) != 0) return bp::error_code(errno, boost::system::system_category());
    return {};
  }
};

struct child_process {
  asio::io_context io;
  std::optional<bp::process> process;
  std::shared_ptr<collected> out = std::make_shared<collected>();
  std::thread reader;

  child_process(const std::vector<std::string>& args, const std::vector<std::string>& env,
                std::uint64_t file_size_limit = 0, const std::string& program = TRIBUNE_BIN) {
    asio::readable_pipe from_child(io);
    asio::writable_pipe to_parent(io);
    asio::connect_pipe(from_child, to_parent);
    const int fd = to_parent.native_handle();
    process.emplace(io, program, args, bp::process_stdio{nullptr, fd, fd}, bp::process_environment{env},
                    file_size_cap{file_size_limit});
    // Only the child holds the write end now: the reader sees end-of-file once the child is gone.
    to_parent.close();
    reader = std::thread([out = out, pipe = std::move(from_child)]() mutable {
      char buf[4096];
      for (;;) {
        boost::system::error_code ec;
        const auto n = pipe.read_some(asio::buffer(buf), ec);
        if (ec) break;
        const std::lock_guard lock(out->mutex);
        out->text.append(buf, n);
        out->cv.notify_all();
      }
      const std::lock_guard lock(out->mutex);
      out->eof = true;
      out->cv.notify_all();
    });
  }

  // A child still running is killed first: the reader only ends when the child's output does.
  ~child_process() {
    boost::system::error_code ec;
    if (process && process->running(ec)) process->terminate(ec);
    if (reader.joinable()) reader.join();
  }

  // Waits for the exit, at most `timeout`; the raw wait status, or nullopt if it is still running.
  std::optional<int> wait_for(std::chrono::milliseconds timeout) {
    bool exited = false;
    process->async_wait([&exited](boost::system::error_code ec, int) { exited = !ec; });
    io.restart();
    io.run_for(timeout);
    if (!exited) {
      io.restart();
      return std::nullopt;
    }
    return process->native_exit_code();
  }

  // SIGKILL and reap. Then the reader reaches end-of-file and is joined.
  void kill() {
    boost::system::error_code ignored;
    process->terminate(ignored);
    if (reader.joinable()) reader.join();
  }
};

temp_dir::temp_dir() {
  path_ = std::filesystem::temp_directory_path() / ("tribune-test-" + random_name(12));
  std::filesystem::create_directories(path_);
}

temp_dir::~temp_dir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

server_process::server_process(std::filesystem::path db, std::vector<std::string> extra_args)
    : db_(std::move(db)), extra_args_(std::move(extra_args)), admin_token_(random_name(43)) {}

server_process::~server_process() {
  if (pid_ > 0) kill_hard();
}

void server_process::set_env(const std::string& name, const std::string& value) { env_.emplace_back(name, value); }

void server_process::start() {
  // Under the postgres fixture, the database is a schema of the test cluster named after the file.
  const auto db = test_postgres_url() && !keep_sqlite_ ? postgres_schema_url(db_.string()) : db_.string();
  std::vector<std::string> args = {"serve", "--listen", "127.0.0.1:0", "--db", db};
  // The repository's web client, unless the test serves a folder of its own.
  if (std::find(extra_args_.begin(), extra_args_.end(), "--web-root") == extra_args_.end()) {
    args.insert(args.end(), {"--web-root", TRIBUNE_WEB_ROOT});
  }
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  auto env = env_;
  env.emplace_back("TRIBUNE_ADMIN_TOKEN", admin_token_);
  child_.reset();  // a restart: the previous run's output goes with it
  child_ = std::make_unique<child_process>(args, child_environment(env), file_size_limit_);
  pid_ = child_->process->id();
  port_ = 0;

  auto& out = *child_->out;
  std::unique_lock lock(out.mutex);
  const bool found = out.cv.wait_for(lock, 20s, [&] {
    for (std::size_t start = 0, end; (end = out.text.find('\n', start)) != std::string::npos; start = end + 1) {
      const auto line = json::parse(out.text.substr(start, end - start), nullptr, false);
      if (line.is_object() && line.value("msg", "") == "listening") {
        port_ = line.at("port").get<std::uint16_t>();
        return true;
      }
    }
    return out.eof;
  });
  ASSERT_TRUE(found && port_ != 0) << "tribune did not start:\n" << out.text;
}

void server_process::kill_hard() {
  if (pid_ <= 0) return;
  child_->kill();
  pid_ = -1;
}

int server_process::terminate() {
  if (pid_ <= 0) return -1;
  boost::system::error_code ec;
  child_->process->request_exit(ec);  // SIGTERM
  // Bounded: a server that does not drain in 20 s is killed and the test fails on the status.
  const auto status = child_->wait_for(20s);
  if (!status) {
    kill_hard();
    return -1;
  }
  pid_ = -1;
  if (child_->reader.joinable()) child_->reader.join();
  return WIFEXITED(*status) ? WEXITSTATUS(*status) : -1;
}

std::string server_process::log_text() const {
  if (!child_) return {};
  const std::lock_guard lock(child_->out->mutex);
  return child_->out->text;
}

helper_process::helper_process(const std::string& program, const std::vector<std::string>& args)
    : child_(std::make_unique<child_process>(args, child_environment({}), 0, program)) {}

helper_process::~helper_process() = default;

bool helper_process::running() {
  boost::system::error_code ec;
  return child_->process->running(ec);
}

std::string helper_process::output() const {
  const std::lock_guard lock(child_->out->mutex);
  return child_->out->text;
}

run_result run_tribune(const std::vector<std::string>& args,
                       const std::vector<std::pair<std::string, std::string>>& env, std::chrono::milliseconds timeout) {
  child_process c(args, child_environment(env));
  run_result result;
  if (const auto status = c.wait_for(timeout)) {
    if (WIFEXITED(*status)) result.exit_code = WEXITSTATUS(*status);
  } else {
    c.kill();
  }
  if (c.reader.joinable()) c.reader.join();
  const std::lock_guard lock(c.out->mutex);
  result.output = c.out->text;
  return result;
}

std::string http_reply::header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (beast::iequals(k, name)) return v;
  }
  return {};
}

namespace {

http::request<http::string_body> make_request(std::uint16_t port, const std::string& method,
                                              const std::string& target) {
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  return req;
}

// Reads one response. The answer to a HEAD has no body whatever its Content-Length says, so the
// parser is told not to expect one, as any client must.
http_reply read_reply(beast::tcp_stream& stream, beast::flat_buffer& buffer, bool head) {
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  parser.skip(head);
  http::read(stream, buffer, parser);
  const auto& res = parser.get();
  http_reply out;
  out.status = static_cast<int>(res.result_int());
  out.raw = res.body();
  out.body = json::parse(res.body(), nullptr, false);
  if (out.body.is_discarded()) out.body = nullptr;
  // A compressed body is checked by the test that asked for it, once inflated.
  if (!head && res[http::field::content_type] == "application/json" && res[http::field::content_encoding].empty()) {
    schema::expect_rest_body(out.status, out.body);
  }
  for (const auto& f : res) out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  return out;
}

}  // namespace

http_reply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::optional<json>& body, const std::string& bearer,
                        std::vector<std::pair<std::string, std::string>> headers) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(10s);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  auto req = make_request(port, method, target);
  if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
  for (const auto& [k, v] : headers) req.set(k, v);
  if (body) {
    req.set(http::field::content_type, "application/json");
    req.body() = body->dump();
  }
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  auto out = read_reply(stream, buffer, method == "HEAD");
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return out;
}

std::vector<http_reply> http_pipeline(std::uint16_t port,
                                      const std::vector<std::pair<std::string, std::string>>& requests) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(10s);
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  std::string bytes;
  for (const auto& [method, target] : requests) {
    auto req = make_request(port, method, target);
    req.prepare_payload();
    std::ostringstream text;
    text << req;
    bytes += text.str();
  }
  asio::write(stream, asio::buffer(bytes));
  beast::flat_buffer buffer;
  std::vector<http_reply> out;
  for (const auto& [method, target] : requests) out.push_back(read_reply(stream, buffer, method == "HEAD"));
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
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
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

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
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

panelist_link add_panelist(const server_process& server, const std::string& debate_id, const std::string& name,
                           const std::string& side) {
  const auto reply = http_request(server.port(), "POST", "/api/debates/" + debate_id + "/panelists",
                                  json{{"name", name}, {"role", "panelist"}, {"side", side}}, server.admin_token());
  EXPECT_EQ(reply.status, 201) << reply.raw;
  if (reply.status != 201) return {};
  return panelist_link{reply.body.at("panelist"), reply.body.at("token")};
}

bool is_event(const json& m, const std::string& name) {
  return m.value("type", "") == "event" && m.value("event", "") == name;
}

json received_event(const ws_client& ws, const std::string& name) {
  json found;
  const auto seen = wait_until([&] {
    for (const auto& m : ws.received()) {
      if (is_event(m, name)) found = m;
    }
    return !found.is_null();
  });
  EXPECT_TRUE(seen) << "no " << name;
  return found;
}

}  // namespace tribune::testing
