#pragma once
// One accepted TCP connection: HTTP/1.1 requests with keep-alive, until it is upgraded to a
// WebSocket at /ws or closed. Runs as a coroutine on the strand of its shard (`shard`), which every
// connection of that shard shares.
#include <memory>

#include "server/app.hpp"
#include "server/net.hpp"

namespace tribune::server {

asio::awaitable<void> run_http_session(tcp::socket socket, std::shared_ptr<app> a, std::size_t shard);

}  // namespace tribune::server
