#pragma once
// One run of tribune-bench: starts the server or attaches to one, opens the listeners, runs the
// chosen scenario and prints its result as one JSON line on stdout (progress goes to stderr).
// Scenarios reach the connections, the REST client and the measurement through it.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "client_io.hpp"
#include "conn.hpp"
#include "measurement.hpp"
#include "net.hpp"
#include "options.hpp"
#include "rest_client.hpp"
#include "server_process.hpp"
#include "silent_webhooks.hpp"
#include "target.hpp"

namespace bench {

// The fields every result line starts with: system, scenario, listeners and label.
json base_result(const options& o);

class runner {
 public:
  // Starts the server when --server-bin is given; throws if it cannot.
  explicit runner(options o);
  // Returns the exit status: 1 after a failure.
  int run();

  const options& opts() const { return opt_; }
  asio::io_context& io() { return io_; }
  client_io& clients() { return clients_; }
  rest_client& rest() { return rest_; }
  measurement& measured() { return measured_; }
  // Null when attached to a running server.
  server_process* server() { return servers_.empty() ? nullptr : servers_.front().get(); }
  // --nodes servers on one database (one when attached); node(0) is server().
  std::size_t nodes() const { return std::max<std::size_t>(servers_.size(), 1); }
  server_process* node(std::size_t i) { return i < servers_.size() ? servers_[i].get() : nullptr; }
  std::vector<std::unique_ptr<conn>>& listeners() { return listeners_; }
  std::size_t ready_listeners() const;
  std::size_t open_listeners() const;

  // Creates, opens and waits for `count` publisher connections (moderators, for Tribune; kind
  // `k`), numbered after the listeners; false after `limit` without all of them ready.
  asio::awaitable<bool> open_publishers(std::vector<conn*>& out, std::size_t count, kind k,
                                        std::chrono::milliseconds limit);
  // Opens --listeners connections of kind `k` (listener i on node i mod nodes()) and lets them idle, measuring the
  // server's memory before and after; false (after fail) if not all were ready within a minute.
  asio::awaitable<bool> open_listener_set(kind k);

  // Prints the result line: base_result, the scenario's figures, then the connection and process
  // figures.
  void finish(const json& result);
  // Prints the error line and the server log's tail; run() then returns 1.
  void fail(const std::string& why);

 private:
  asio::awaitable<void> main_flow();
  asio::awaitable<bool> setup_debate();
  asio::awaitable<bool> join_audience();
  void close_everything();

  options opt_;
  asio::io_context io_{1};
  std::vector<std::unique_ptr<server_process>> servers_;
  target where_;
  client_io clients_;
  rest_client rest_;
  measurement measured_;

  std::string debate_;
  std::string moderator_token_;
  std::vector<std::string> tokens_;
  std::vector<std::unique_ptr<conn>> listeners_;
  std::vector<std::unique_ptr<conn>> publishers_;
  std::unique_ptr<silent_webhooks> silent_;  // with --silent-webhooks
  bool failed_ = false;
};

}  // namespace bench
