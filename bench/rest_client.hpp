#pragma once
// Tribune's REST API as the bench uses it: one short HTTP/1.1 connection per request, from the
// client's own loopback source address when it joins an audience member.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address_v4.hpp>

#include "net.hpp"
#include "target.hpp"

namespace bench {

class rest_client {
 public:
  struct reply {
    int status = 0;  // 0: no HTTP answer (the body then holds {"error": why})
    json body;
  };
  struct joined {
    std::vector<std::string> tokens;  // by listener index
    std::size_t failures = 0;
    std::size_t rate_limited = 0;
    bool complete = false;  // every request answered within the time limit
  };

  rest_client(asio::io_context& io, const target& where, std::string admin_token);

  // Arguments are views and pointers: GCC 12 may destroy a temporary in a co_await expression
  // twice, so callers name anything with a destructor before awaiting. `bearer`, when given, is
  // sent instead of the organizer token (a visitor's or a participant's).
  asio::awaitable<reply> request(beast::http::verb method, std::string_view path, const json* body, bool organizer,
                                 std::optional<asio::ip::address_v4> from, std::string_view bearer = {});
  // Polls /healthz every `interval`; false if it did not answer 200 within `limit`.
  asio::awaitable<bool> wait_healthy(std::chrono::milliseconds limit, std::chrono::milliseconds interval);
  // Joins `n` audience members, 32 requests at a time, each from its listener's source address.
  asio::awaitable<joined> join_all(std::string_view debate, std::size_t n);

 private:
  asio::io_context& io_;
  target where_;
  std::string admin_token_;
};

}  // namespace bench
