#pragma once
// Opens and reads the bench's WebSocket connections, all on one io_context: each socket is bound
// to its client's source address, handshakes with the server's Origin, then reads frame after
// frame into wire.hpp with the current scenario's hooks.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "client_hooks.hpp"
#include "conn.hpp"
#include "net.hpp"
#include "target.hpp"

namespace bench {

class client_io {
 public:
  client_io(asio::io_context& io, const target& where, std::size_t parallel);

  // Connects and handshakes `c` (again, after a close); false if either failed.
  asio::awaitable<bool> open(conn& c);
  // Opens every connection, `parallel` at a time, greeting each as soon as it is open.
  asio::awaitable<void> open_all(std::vector<conn*> conns, bool greet);
  // What an opened connection sends first (Tribune's hello).
  void set_greeting(std::function<void(conn&)> greeting) { greeting_ = std::move(greeting); }
  void greet(conn& c) { greeting_(c); }
  // Several servers on one host: conn::node picks its port here (empty: the target's port).
  void set_ports(std::vector<std::uint16_t> ports) { ports_ = std::move(ports); }
  // Closes the sockets: pending handlers complete with errors, and the io_context runs dry.
  static void close(conn& c);

  void set_hooks(client_hooks* hooks) { hooks_ = hooks; }

 private:
  void read_next(conn& c);
  void on_close(conn& c);

  asio::io_context& io_;
  target where_;
  std::vector<std::uint16_t> ports_;
  std::size_t parallel_;
  std::function<void(conn&)> greeting_;
  client_hooks* hooks_ = nullptr;
};

// Installs a scenario's hooks for its lifetime.
class scoped_hooks {
 public:
  scoped_hooks(client_io& io, client_hooks& hooks) : io_(io) { io_.set_hooks(&hooks); }
  ~scoped_hooks() { io_.set_hooks(nullptr); }
  scoped_hooks(const scoped_hooks&) = delete;
  scoped_hooks& operator=(const scoped_hooks&) = delete;

 private:
  client_io& io_;
};

}  // namespace bench
