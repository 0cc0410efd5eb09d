#pragma once
// Asio/Beast names used across the I/O layer, and a bridge from callback APIs (rooms, storage) to
// coroutines.
#include <memory>

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast.hpp>

namespace tribune::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

// Boost 1.81 has no bare `as_tuple` token: expected network conditions arrive as error codes.
inline constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// Awaits a callback-style operation `start(done)`, where `done(T)` may run on any thread: the
// coroutine resumes on its own executor.
template <class T, class Start>
asio::awaitable<T> await_callback(Start start) {
  auto ex = co_await asio::this_coro::executor;
  // Named, not a temporary inside the co_await expression: GCC 12 can destroy such temporaries
  // twice in a coroutine.
  auto initiation = [ex, start = std::move(start)](auto handler) mutable {
    auto h = std::make_shared<decltype(handler)>(std::move(handler));
    start([ex, h](T value) mutable {
      asio::post(ex, [h, value = std::move(value)]() mutable { std::move (*h)(std::move(value)); });
    });
  };
  co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(T)>(std::move(initiation),
                                                                                  asio::use_awaitable);
}

}  // namespace tribune::server
