#pragma once
// The admin listener (--admin-listen HOST:PORT): /metrics and the health checks on an address of
// their own, which a firewall can keep from the public (route_admin). Its acceptor runs on the
// server's io_context; open, start and close are called from serve() alone.
#include <memory>

#include "server/app.hpp"
#include "server/net.hpp"

namespace tribune::server {

class admin_listener {
 public:
  // Binds cfg.admin_listen (throws boost::system::system_error when it cannot) and logs the
  // address as `admin_listening`, with the port when 0 was asked for.
  admin_listener(asio::io_context& io, std::shared_ptr<app> a);
  void start();
  void close();

 private:
  tcp::acceptor acceptor_;
  std::shared_ptr<app> app_;
};

}  // namespace tribune::server
