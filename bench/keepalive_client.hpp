#pragma once
// One HTTP/1.1 connection kept alive across requests, synchronous: the `channel` scenario asks one
// request at a time, as a visitor's browser does, and times each from the first byte written to
// the last byte of the answer read.
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "net.hpp"

namespace bench {

class keepalive_client {
 public:
  struct answer {
    int status = 0;
    std::string body;
    std::string etag;
    std::int64_t ns = 0;  // write to read
  };
  struct extra {
    std::string_view if_none_match;
    std::string_view bearer;  // Authorization: Bearer …
    std::string_view json;    // a JSON body
  };

  keepalive_client(std::string host, std::uint16_t port);

  // Connects on first use, and again once if the server closed the connection in between (the
  // attempt that failed is not timed). Throws boost::system::system_error otherwise.
  answer request(http::verb method, std::string_view target, const extra& with);
  answer get(std::string_view target, std::string_view if_none_match = {}) {
    return request(http::verb::get, target, extra{if_none_match, {}, {}});
  }
  // How many times the connection was opened.
  std::size_t connections() const { return connections_; }

 private:
  answer exchange(http::verb method, std::string_view target, const extra& with);

  std::string host_;
  std::uint16_t port_;
  asio::io_context io_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
  std::size_t connections_ = 0;
};

// Polls /healthz on fresh connections until it answers 200; false after `seconds`.
bool wait_healthy(const std::string& host, std::uint16_t port, double seconds);

}  // namespace bench
