#pragma once
// Asio, Beast and JSON names used across the bench, and the completion token that turns expected network
// errors into values: a refused connection or a reset is a measurement, not an exception.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <nlohmann/json.hpp>

namespace bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using json = nlohmann::json;

// Boost 1.81 has no bare `as_tuple` token.
inline constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

}  // namespace bench
