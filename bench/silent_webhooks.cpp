#include "silent_webhooks.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "figures.hpp"
#include "pacing.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;
namespace http = beast::http;

constexpr auto move_period = 50ms;
constexpr std::int64_t first_start_ms = 1'900'000'000'000;  // 2030: any instant the API takes

std::string refused(const char* step, const rest_client::reply& r) {
  return std::string(step) + ": HTTP " + std::to_string(r.status) + " " + r.body.dump();
}

}  // namespace

silent_webhooks::silent_webhooks(asio::io_context& io, rest_client& rest)
    : io_(io), rest_(rest), acceptor_(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {}

asio::awaitable<std::optional<std::string>> silent_webhooks::start(std::size_t webhooks) {
  asio::co_spawn(io_, accept_loop(), asio::detached);
  const json made{{"name", "Bench channel"}};
  const auto channel = co_await rest_.request(http::verb::post, "/api/channels", &made, true, {});
  if (channel.status != 201) co_return refused("create channel", channel);
  const std::string id = channel.body.at("id");
  const json hook{{"url", "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/hook"}};
  const auto hooks = "/api/channels/" + id + "/webhooks";
  for (std::size_t i = 0; i < webhooks; ++i) {
    const auto added = co_await rest_.request(http::verb::post, hooks, &hook, true, {});
    if (added.status != 201) co_return refused("add webhook", added);
  }
  webhooks_ = webhooks;
  if (auto error = co_await make_topic(id)) co_return error;
  asio::co_spawn(io_, move_loop("/api/channels/" + id + "/topics/t1/schedule"), asio::detached);
  co_return std::nullopt;
}

// A visitor proposes the topic and the organizer accepts it: only an accepted topic is scheduled.
asio::awaitable<std::optional<std::string>> silent_webhooks::make_topic(const std::string& channel) {
  const json anonymous = json::object();
  const auto base = "/api/channels/" + channel;
  const auto visitor = co_await rest_.request(http::verb::post, base + "/identities", &anonymous, false, {});
  if (visitor.status != 201) co_return refused("new visitor", visitor);
  const std::string token = visitor.body.at("token");
  const json topic{{"title", "Bench topic"}, {"pitch", "Why"}, {"category", "Politique"}};
  const auto proposed = co_await rest_.request(http::verb::post, base + "/topics", &topic, false, {}, token);
  if (proposed.status != 201) co_return refused("propose", proposed);
  const json accept{{"answer", "accept"}};
  const auto answered = co_await rest_.request(http::verb::post, base + "/topics/t1/answer", &accept, true, {});
  if (answered.status != 200) co_return refused("accept", answered);
  co_return std::nullopt;
}

asio::awaitable<void> silent_webhooks::accept_loop() {
  while (!stopped_) {
    auto [ec, socket] = co_await acceptor_.async_accept(use_tuple);
    if (ec) co_return;
    ++accepted_;
    held_.push_back(std::move(socket));  // never read, never answered
  }
}

asio::awaitable<void> silent_webhooks::move_loop(std::string path) {
  for (std::int64_t k = 1; !stopped_; ++k) {
    const json when{{"starts_at", first_start_ms + k * 60'000}, {"time_zone", "Europe/Paris"}};
    const auto t0 = now_ns();
    const auto moved = co_await rest_.request(http::verb::post, path, &when, true, {});
    move_ms_.record(now_ns() - t0);
    if (moved.status == 200) ++moves_;
    co_await sleep_for(move_period);
  }
}

void silent_webhooks::stop() {
  stopped_ = true;
  beast::error_code ignored;
  acceptor_.close(ignored);
  for (auto& s : held_) s.close(ignored);
}

json silent_webhooks::figures() const {
  return json{{"webhooks", webhooks_},
              {"moves", moves_},
              {"deliveries_queued", moves_ * webhooks_},
              {"receiver_connections", accepted_},
              {"move_ms", move_ms_.summary()}};
}

}  // namespace bench
