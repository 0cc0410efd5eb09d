#pragma once
// `--silent-webhooks N`: a load beside any Tribune scenario. A channel gets N webhooks pointing at
// a receiver on loopback that accepts every connection and never answers, and its organizer moves
// a topic's schedule every 50 ms, each move queuing one delivery per webhook. The scenario then
// measures the room as it always does: run it with and without the flag, back to back, and the
// ratio of their latencies says whether a silent receiver slows a room (it must not: the outbox
// posts on its own coroutines, at most a few at a time, each bounded by its timeout).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "histogram.hpp"
#include "net.hpp"
#include "rest_client.hpp"

namespace bench {

class silent_webhooks {
 public:
  silent_webhooks(asio::io_context& io, rest_client& rest);

  // Opens the receiver, makes the channel, its webhooks and its accepted topic, and starts moving
  // the schedule; the error when a step failed.
  asio::awaitable<std::optional<std::string>> start(std::size_t webhooks);
  // Stops moving the schedule and closes the receiver and every connection it holds.
  void stop();
  // webhooks, moves (schedule changes answered 200), deliveries_queued, receiver_connections (the
  // server's attempts that reached the receiver) and move_ms (each change's round trip).
  json figures() const;

 private:
  asio::awaitable<void> accept_loop();
  asio::awaitable<void> move_loop(std::string path);
  asio::awaitable<std::optional<std::string>> make_topic(const std::string& channel);

  asio::io_context& io_;
  rest_client& rest_;
  tcp::acceptor acceptor_;
  std::vector<tcp::socket> held_;
  std::size_t webhooks_ = 0;
  std::uint64_t moves_ = 0;
  std::uint64_t accepted_ = 0;
  histogram move_ms_;
  bool stopped_ = false;
};

}  // namespace bench
