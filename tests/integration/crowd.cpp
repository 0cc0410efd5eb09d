#include "crowd.hpp"

#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <nlohmann/json.hpp>

namespace tribune::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using json = nlohmann::json;

}  // namespace

struct crowd::impl {
  struct member {
    std::string token;
    std::unique_ptr<websocket::stream<beast::tcp_stream>> ws;
    beast::flat_buffer buffer;
    std::string hello;
    std::optional<std::uint64_t> last_event;  // seq of the last event received, once one was
    member_state state;
  };

  std::string debate;
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  std::thread thread;
  std::vector<member> members;
  mutable std::mutex mutex;  // guards every member's `state` and `last_event`
  std::condition_variable cv;
  std::uint64_t generation = 0;  // connections of an older generation are ignored
  std::vector<std::unique_ptr<websocket::stream<beast::tcp_stream>>> retired;  // kept until the end

  void start(std::size_t i, std::uint16_t port, std::uint64_t gen) {
    auto& m = members[i];
    if (m.ws) retired.push_back(std::move(m.ws));
    m.ws = std::make_unique<websocket::stream<beast::tcp_stream>>(io);
    m.buffer.consume(m.buffer.size());
    const auto host = "127.0.0.1:" + std::to_string(port);
    m.ws->set_option(websocket::stream_base::decorator(
        [host](websocket::request_type& req) { req.set(http::field::origin, "http://" + host); }));
    beast::get_lowest_layer(*m.ws).async_connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), [this, i, host, gen](beast::error_code ec) {
          if (ec) return fail(i, gen, "connect: " + ec.message());
          members[i].ws->async_handshake(host, "/ws", [this, i, gen](beast::error_code ec2) {
            if (ec2) return fail(i, gen, "handshake: " + ec2.message());
            {
              const std::lock_guard lock(mutex);
              members[i].state.open = true;
            }
            members[i].ws->async_write(asio::buffer(members[i].hello),
                                       [this, i, gen](beast::error_code ec3, std::size_t) {
                                         if (ec3) return fail(i, gen, "hello: " + ec3.message());
                                       });
            read(i, gen);
          });
        });
  }

  void read(std::size_t i, std::uint64_t gen) {
    members[i].ws->async_read(members[i].buffer, [this, i, gen](beast::error_code ec, std::size_t) {
      if (gen != generation) return;
      if (ec) return fail(i, gen, "");
      auto& m = members[i];
      const auto text = beast::buffers_to_string(m.buffer.data());
      m.buffer.consume(m.buffer.size());
      {
        const std::lock_guard lock(mutex);
        std::size_t start = 0;
        while (start < text.size()) {
          auto end = text.find('\n', start);
          if (end == std::string::npos) end = text.size();
          if (end > start) apply(m, json::parse(text.substr(start, end - start), nullptr, false));
          start = end + 1;
        }
      }
      cv.notify_all();
      read(i, gen);
    });
  }

  // Called with the mutex held.
  void apply(member& m, const json& msg) {
    auto& s = m.state;
    const auto type = msg.is_object() ? msg.value("type", "") : std::string("unparsable");
    if (type == "welcome") {
      s.welcomed = true;
      s.resume = msg.value("resume", "");
      s.welcome_seq = msg.value("seq", std::uint64_t{0});
    } else if (type == "snapshot") {
      s.applied = msg.value("seq", std::uint64_t{0});
      m.last_event.reset();
    } else if (type == "event") {
      const auto seq = msg.value("seq", std::uint64_t{0});
      const auto prev = msg.value("prev", std::uint64_t{0});
      if (seq <= s.applied) s.problems.push_back("duplicate " + std::to_string(seq));
      if (m.last_event ? prev != *m.last_event : prev > s.applied) {
        s.problems.push_back("gap before " + std::to_string(seq) + " (prev " + std::to_string(prev) + ", had " +
                             std::to_string(s.applied) + ")");
      }
      s.applied = std::max(s.applied, seq);
      m.last_event = seq;
      s.seqs.push_back(seq);
    } else if (type == "error" || type == "unparsable") {
      s.problems.push_back("message: " + msg.dump());
    }
  }

  void fail(std::size_t i, std::uint64_t gen, const std::string& what) {
    {
      const std::lock_guard lock(mutex);
      if (gen == generation) {
        members[i].state.open = false;
        if (!what.empty()) members[i].state.problems.push_back(what);
      }
    }
    cv.notify_all();
  }

  template <class Pred>
  bool wait(std::chrono::milliseconds timeout, Pred pred) {
    std::unique_lock lock(mutex);
    return cv.wait_for(lock, timeout, [&] {
      for (const auto& m : members) {
        if (!pred(m.state)) return false;
      }
      return true;
    });
  }
};

crowd::crowd(std::string debate, std::vector<std::string> tokens) : impl_(std::make_unique<impl>()) {
  impl_->debate = std::move(debate);
  impl_->members.resize(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) impl_->members[i].token = std::move(tokens[i]);
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

crowd::~crowd() {
  asio::post(impl_->io, [this] {
    for (auto& m : impl_->members) {
      if (!m.ws) continue;
      beast::error_code ec;
      beast::get_lowest_layer(*m.ws).socket().close(ec);
    }
    impl_->work.reset();
  });
  impl_->thread.join();
}

bool crowd::connect(std::uint16_t port, bool resume, std::chrono::milliseconds timeout) {
  std::promise<void> posted;
  asio::post(impl_->io, [&, this] {
    std::uint64_t gen;
    {
      const std::lock_guard lock(impl_->mutex);
      gen = ++impl_->generation;
      for (auto& m : impl_->members) {
        json hello{{"type", "hello"}, {"debate", impl_->debate}, {"token", m.token}};
        if (resume) hello["last_seq"] = m.state.applied;
        m.hello = hello.dump();
        m.state.open = false;
        m.state.welcomed = false;
        m.last_event.reset();
      }
    }
    for (auto& m : impl_->members) {
      if (!m.ws) continue;
      beast::error_code ec;
      beast::get_lowest_layer(*m.ws).socket().close(ec);
    }
    for (std::size_t i = 0; i < impl_->members.size(); ++i) impl_->start(i, port, gen);
    posted.set_value();
  });
  posted.get_future().wait();
  return impl_->wait(timeout, [](const member_state& s) { return s.welcomed; });
}

bool crowd::wait_applied(std::uint64_t seq, std::chrono::milliseconds timeout) {
  return impl_->wait(timeout, [seq](const member_state& s) { return s.applied >= seq; });
}

bool crowd::wait_all_closed(std::chrono::milliseconds timeout) {
  return impl_->wait(timeout, [](const member_state& s) { return !s.open; });
}

std::vector<crowd::member_state> crowd::states() const {
  const std::lock_guard lock(impl_->mutex);
  std::vector<member_state> out;
  for (const auto& m : impl_->members) out.push_back(m.state);
  return out;
}

}  // namespace tribune::testing
