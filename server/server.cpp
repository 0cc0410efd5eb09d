#include "server/server.hpp"

#include "server/webhooks/outbox.hpp"
#include "server/webhooks/wiring.hpp"

#include <iostream>
#include <thread>

#include "server/admin_listener.hpp"
#include "server/app.hpp"
#include "server/channel/advance.hpp"
#include "server/http_session.hpp"
#include "server/log.hpp"
#include "server/net.hpp"
#include "server/webhooks/wiring.hpp"
#include "server/ws_options.hpp"

namespace tribune::server {
namespace {

using namespace std::chrono_literals;

constexpr auto drain_timeout = 10s;

// Connections are spread over one strand per I/O thread (a shard). A room fans an event out with
// one task per shard, which then queues it to each of the shard's connections directly.
asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, std::shared_ptr<app> a) {
  std::vector<asio::strand<asio::any_io_executor>> shards;
  for (unsigned i = 0; i < std::max(1u, a->cfg.threads); ++i) {
    shards.push_back(asio::make_strand(acceptor.get_executor()));
    a->idle.push_back(std::make_unique<idle_sweep>(shards.back(), ws_idle_timeout));
  }
  std::size_t next = 0;
  for (;;) {
    const auto shard = next++ % shards.size();
    auto [ec, socket] = co_await acceptor.async_accept(shards[shard], use_tuple);
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) {
      // Out of file descriptors, for example: back off briefly rather than spin.
      log::warn("accept_failed", {{"error", ec.message()}});
      asio::steady_timer pause(acceptor.get_executor(), 100ms);
      co_await pause.async_wait(use_tuple);
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto ex = socket.get_executor();
    asio::co_spawn(ex, run_http_session(std::move(socket), a, shard), [](const std::exception_ptr& e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& failure) {
        log::error("session_failed", {{"error", failure.what()}});
      }
    });
  }
}

asio::awaitable<void> drain(asio::io_context& io, tcp::acceptor& acceptor, std::shared_ptr<app> a) {
  a->ready = false;
  a->rooms.stop();
  a->outbox->stop();
  log::info("draining");
  beast::error_code ignored;
  acceptor.close(ignored);
  // Appends already decided finish and are acknowledged before any socket closes; a webhook post
  // under way finishes too, so its attempt is counted once.
  asio::steady_timer wait(io);
  const auto give_up = std::chrono::steady_clock::now() + drain_timeout;
  auto busy = [&] {
    if (a->outbox->posting()) return true;
    for (const auto& r : a->rooms.all()) {
      if (r->busy()) return true;
    }
    return false;
  };
  while (busy() && std::chrono::steady_clock::now() < give_up) {
    wait.expires_after(10ms);
    co_await wait.async_wait(use_tuple);
  }
  a->sessions.close_all(1001, "server shutting down");
  while (a->sessions.size() > 0 && std::chrono::steady_clock::now() < give_up) {
    wait.expires_after(10ms);
    co_await wait.async_wait(use_tuple);
  }
  io.stop();
}

}  // namespace

int serve(const config& cfg, storage::event_log& log, storage::webhook_store& hooks, server_secrets secrets,
          const std::optional<std::string>& new_admin_token) {
  asio::io_context io(static_cast<int>(cfg.threads));
  auto a = std::make_shared<app>(cfg, log, hooks, io.get_executor(), std::move(secrets));

  // Before the public port, so that its address is in the log once `listening` is.
  std::unique_ptr<admin_listener> admin;
  if (!cfg.admin_listen.empty()) admin = std::make_unique<admin_listener>(io, a);
  tcp::acceptor acceptor(io);
  const tcp::endpoint endpoint(asio::ip::make_address(cfg.listen_host), cfg.listen_port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  const auto port = acceptor.local_endpoint().port();
  a->port = port;
  a->ready = true;
  log::info("listening", {{"address", cfg.listen_host}, {"port", port}, {"threads", cfg.threads}});

  if (new_admin_token) {
    // Shown once, on the terminal only: the log never holds a token.
    const auto base = cfg.public_url.empty() ? "http://" + url_authority(cfg.listen_host, port) : cfg.public_url;
    std::cerr << "\nOrganizer link (shown once; keep it secret):\n  " << base << "/admin#token=" << *new_admin_token
              << "\n\n"
              << std::flush;
  }

  a->channels.on_commit(channel_announcer(a));
  watch_shows(a, io.get_executor());
  a->rooms.use_opinion(a->opinion.get());
  a->rooms.start();
  // Several nodes on one database: what another node appends wakes the rooms and channels loaded
  // here (a log that only this process writes never calls it).
  log.watch([weak = std::weak_ptr<app>(a)](const std::string& stream) {
    if (auto held = weak.lock()) {
      held->rooms.wake(stream);
      held->channels.wake(stream);
    }
  });
  a->outbox->start();
  asio::co_spawn(io, accept_loop(acceptor, a), asio::detached);
  if (admin) admin->start();
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    if (admin) admin->close();
    asio::co_spawn(io, drain(io, acceptor, a), asio::detached);
  });

  std::vector<std::thread> threads;
  for (unsigned i = 1; i < cfg.threads; ++i) threads.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : threads) t.join();
  log.watch({});
  log::info("stopped");
  return 0;
}

}  // namespace tribune::server
