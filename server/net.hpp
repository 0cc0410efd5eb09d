#pragma once
// Asio/Beast names used across the I/O layer, and a bridge from callback APIs (rooms, storage) to
// coroutines.
#include <exception>
#include <memory>
#include <optional>
#include <type_traits>

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

// Runs the blocking `fn` on `pool` (the storage threads) and resumes the coroutine on its own
// executor with the result, or rethrows what `fn` threw.
template <class F>
asio::awaitable<std::invoke_result_t<F>> offload(asio::any_io_executor pool, F fn) {
  using result = std::invoke_result_t<F>;
  struct outcome {
    std::optional<result> value;
    std::exception_ptr error;
  };
  auto start = [pool = std::move(pool), fn = std::move(fn)](auto done) mutable {
    asio::post(pool, [fn = std::move(fn), done = std::move(done)]() mutable {
      try {
        done(outcome{fn(), nullptr});
      } catch (...) {
        done(outcome{std::nullopt, std::current_exception()});
      }
    });
  };
  auto o = co_await await_callback<outcome>(std::move(start));
  if (o.error) std::rethrow_exception(o.error);
  co_return std::move(*o.value);
}

}  // namespace tribune::server
