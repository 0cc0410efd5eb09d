#include "runner.hpp"

#include <algorithm>
#include <iostream>
#include <random>

#include <boost/asio/co_spawn.hpp>

#include "figures.hpp"
#include "net.hpp"
#include "pacing.hpp"
#include "peer_fanout.hpp"
#include "scenarios.hpp"
#include "wire.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

options with_admin_token(options o) {
  if (o.admin_token.empty()) {
    std::random_device rd;
    const std::string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (int i = 0; i < 43; ++i) o.admin_token.push_back(alphabet[rd() % alphabet.size()]);
  }
  return o;
}

// Every node gets the same database and organizer token, and the same core: on a small machine the
// generator keeps a core of its own, and the nodes share the other.
std::vector<std::unique_ptr<server_process>> start_servers(const options& o) {
  std::vector<std::unique_ptr<server_process>> servers;
  if (o.server_bin.empty()) return servers;
  for (std::size_t i = 0; i < node_count(o); ++i) {
    auto server = std::make_unique<server_process>(o.server_bin, o.server_cpu, o.server_threads, o.admin_token, i);
    if (!o.server_db.empty()) server->use_db(o.server_db);
    server->start();
    servers.push_back(std::move(server));
  }
  return servers;
}

target target_of(const options& o, const server_process* server) {
  if (!server) {
    auto t = target_from_url(o.url);
    if (o.peer.empty()) t.path = "/ws";
    return t;
  }
  target t;
  t.port = server->port();
  t.path = "/ws";
  return t;
}

}  // namespace

json base_result(const options& o) {
  json r{{"system", o.peer.empty() ? "tribune" : o.peer}, {"scenario", o.scenario}, {"listeners", o.listeners}};
  if (!o.label.empty()) r["label"] = o.label;
  if (!o.server_bin.empty() && o.peer.empty()) r["nodes"] = node_count(o);
  return r;
}

runner::runner(options o)
    : opt_(with_admin_token(std::move(o))),
      servers_(start_servers(opt_)),
      where_(target_of(opt_, server())),
      clients_(io_, where_, opt_.connect_parallel),
      rest_(io_, where_, opt_.admin_token),
      measured_(server() ? server()->pid() : opt_.server_pid) {
  clients_.set_greeting([this](conn& c) { send_hello(c, debate_); });
  if (servers_.size() > 1) {
    std::vector<std::uint16_t> ports;
    std::vector<int> pids;
    for (auto& s : servers_) {
      ports.push_back(s->port());
      pids.push_back(s->pid());
    }
    clients_.set_ports(std::move(ports));
    measured_.set_nodes(std::move(pids));
  }
}

int runner::run() {
  asio::co_spawn(io_, main_flow(), [this](const std::exception_ptr& e) {
    if (e) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        fail(std::string("exception: ") + ex.what());
      }
    }
    close_everything();
    io_.stop();
  });
  io_.run();
  for (auto& s : servers_) s->kill_hard();
  return failed_ ? 1 : 0;
}

void runner::close_everything() {
  if (silent_) silent_->stop();
  for (auto* set : {&listeners_, &publishers_}) {
    for (auto& c : *set) client_io::close(*c);
  }
}

asio::awaitable<void> runner::main_flow() {
  if (!opt_.peer.empty()) {
    co_await run_peer_fanout(*this);
    co_return;
  }
  if (!co_await setup_debate()) co_return;
  if (!co_await join_audience()) co_return;
  if (!co_await open_listener_set(kind::audience)) co_return;
  if (opt_.silent_webhooks > 0) {
    silent_ = std::make_unique<silent_webhooks>(io_, rest_);
    if (auto error = co_await silent_->start(opt_.silent_webhooks)) co_return fail("silent webhooks: " + *error);
  }
  const auto scenarios = tribune_scenarios();
  const auto chosen =
      std::find_if(scenarios.begin(), scenarios.end(), [&](const auto& s) { return s.name == opt_.scenario; });
  if (chosen == scenarios.end()) co_return fail("unknown scenario " + opt_.scenario);
  co_await chosen->run(*this);
}

asio::awaitable<bool> runner::setup_debate() {
  if (!co_await rest_.wait_healthy(20s, 50ms)) {
    fail("the server did not answer /healthz");
    co_return false;
  }
  // The other nodes started at the same time; their clients come later, once each answers too.
  for (std::size_t i = 1; i < servers_.size(); ++i) {
    auto where = where_;
    where.port = servers_[i]->port();
    rest_client node_rest(io_, where, opt_.admin_token);
    if (!co_await node_rest.wait_healthy(20s, 50ms)) {
      fail("node " + std::to_string(i + 1) + " did not answer /healthz");
      co_return false;
    }
  }
  const json create{{"title", "Bench debate"}};
  const auto created = co_await rest_.request(beast::http::verb::post, "/api/debates", &create, true, {});
  if (created.status != 201) {
    fail("create debate: HTTP " + std::to_string(created.status) + " " + created.body.dump());
    co_return false;
  }
  debate_ = created.body.at("id");
  moderator_token_ = created.body.at("tokens").at("moderator");
  co_return true;
}

asio::awaitable<bool> runner::join_audience() {
  const auto t0 = now_ns();
  auto joined = co_await rest_.join_all(debate_, opt_.listeners);
  std::cerr << "joined " << opt_.listeners - joined.failures << " in " << seconds_between(t0, now_ns()) << " s\n";
  if (!joined.complete || joined.failures) {
    fail("joins failed: " + std::to_string(joined.failures) + " (rate limited " + std::to_string(joined.rate_limited) +
         ")");
    co_return false;
  }
  tokens_ = std::move(joined.tokens);
  co_return true;
}

asio::awaitable<bool> runner::open_listener_set(kind k) {
  measured_.before_connections();
  std::vector<conn*> all;
  for (std::size_t i = 0; i < opt_.listeners; ++i) {
    auto c = std::make_unique<conn>(i, k);
    if (k == kind::audience) c->token = tokens_[i];
    c->node = i % nodes();
    all.push_back(c.get());
    listeners_.push_back(std::move(c));
  }
  const auto t0 = now_ns();
  co_await clients_.open_all(all, k == kind::audience);
  if (k == kind::raw) {
    for (auto* c : all) c->ready = c->open;
  }
  const bool ok = co_await wait_until([&] { return ready_listeners() == listeners_.size(); }, 60s);
  const auto ready = std::to_string(ready_listeners());
  if (k == kind::audience) std::cerr << ready << " listeners welcomed in " << seconds_between(t0, now_ns()) << " s\n";
  if (!ok) {
    fail(k == kind::audience ? "only " + ready + " of " + std::to_string(listeners_.size()) + " welcomed"
                             : "only " + ready + " peer listeners ready");
    co_return false;
  }
  // Let snapshots drain and allocator caches settle before reading the idle footprint.
  co_await sleep_for(1s);
  measured_.connections_idle();
  co_return true;
}

asio::awaitable<bool> runner::open_publishers(std::vector<conn*>& out, std::size_t count, kind k,
                                              std::chrono::milliseconds limit) {
  for (std::size_t j = 0; j < count; ++j) {
    auto c = std::make_unique<conn>(opt_.listeners + 1 + j, k);
    c->token = moderator_token_;
    c->listener = false;
    out.push_back(c.get());
    publishers_.push_back(std::move(c));
  }
  co_await clients_.open_all(out, k == kind::moderator);
  if (k == kind::raw) {
    for (auto* c : out) c->ready = c->open;
  }
  co_return co_await wait_until([&] { return std::all_of(out.begin(), out.end(), [](conn* c) { return c->ready; }); },
                                limit);
}

std::size_t runner::ready_listeners() const {
  return static_cast<std::size_t>(
      std::count_if(listeners_.begin(), listeners_.end(), [](const auto& c) { return c->ready && c->open; }));
}

std::size_t runner::open_listeners() const {
  return static_cast<std::size_t>(
      std::count_if(listeners_.begin(), listeners_.end(), [](const auto& c) { return c->open; }));
}

void runner::finish(const json& result) {
  auto r = base_result(opt_);
  measured_.add_figures(r, listeners_.size());
  r.update(result);
  r["connected"] = ready_listeners();
  r["closed_by_server"] = std::count_if(listeners_.begin(), listeners_.end(), [](auto& c) { return c->closes > 0; });
  std::uint64_t gaps = 0, dups = 0;
  for (auto& c : listeners_) {
    gaps += c->gaps;
    dups += c->dups;
  }
  if (!r.contains("gaps")) r["gaps"] = gaps;
  if (!r.contains("dups")) r["dups"] = dups;
  if (silent_) r["silent_webhooks"] = silent_->figures();
  std::cout << r.dump() << std::endl;
}

void runner::fail(const std::string& why) {
  failed_ = true;
  std::cerr << "tribune-bench: " << why << "\n";
  for (std::size_t i = 0; i < servers_.size(); ++i) {
    std::cerr << "server " << i + 1 << " log tail:\n" << servers_[i]->log_tail() << "\n";
  }
  auto r = base_result(opt_);
  r["error"] = why;
  std::cout << r.dump() << std::endl;
}

}  // namespace bench
