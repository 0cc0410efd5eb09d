#include "server/webhooks/api.hpp"

#include <array>

#include "protocol/webhooks.hpp"
#include "server/api.hpp"
#include "server/app.hpp"
#include "server/channel/api.hpp"
#include "server/clock.hpp"
#include "server/log.hpp"
#include "server/tokens.hpp"
#include "server/webhooks/signing.hpp"

namespace tribune::server {
namespace {

namespace pw = protocol::webhooks;
using protocol::error_code;

constexpr std::size_t shown_deliveries = 20;

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from < text.size()) {
    const auto space = text.find(' ', from);
    out.push_back(text.substr(from, space - from));
    if (space == std::string::npos) break;
    from = space + 1;
  }
  return out;
}

pw::webhook_view view_of(const storage::webhook_row& w, const std::vector<storage::delivery_row>& deliveries) {
  constexpr std::array<const char*, 3> words{"pending", "delivered", "failed"};
  pw::webhook_view v{w.id, w.url, split(w.events), w.secret, w.created_at, {}};
  for (const auto& d : deliveries) {
    v.deliveries.push_back(pw::delivery_view{d.id, d.type, words.at(static_cast<std::size_t>(d.status)), d.attempts,
                                             d.last_code, d.last_error, d.created_at, d.next_at, d.done_at});
  }
  return v;
}

// A webhook's id: random, or derived from the request's Idempotency-Key (so a repeat finds it).
std::string webhook_id(const std::string& channel, std::string_view key) {
  if (key.empty()) return "w" + new_debate_id();
  return webhooks::derived_id("w", channel + "\n" + std::string(key), 8);
}

asio::awaitable<http_response> add(app& a, const http_request& req, const std::string& channel) {
  if (const auto bad = bad_idempotency_key(req)) co_return json_error(req, *bad);
  const auto decoded = pw::decode_webhook_request(req.body());
  if (const auto* e = std::get_if<protocol::error>(&decoded)) co_return json_error(req, *e);
  const auto& r = std::get<pw::webhook_request>(decoded);
  const auto key = req["Idempotency-Key"];
  const storage::webhook_row row{webhook_id(channel, std::string_view(key.data(), key.size())),
                                 channel,
                                 r.url,
                                 webhooks::new_secret(),
                                 joined(r.events),
                                 now_ms()};
  // What the channel holds under that id afterwards: the new row, the one an earlier request with
  // the same key made, or nothing when the channel is full.
  auto write = [&a, row]() -> std::optional<storage::webhook_row> {
    const auto all = a.hooks.webhooks(row.channel);
    for (const auto& w : all) {
      if (w.id == row.id) return w;
    }
    if (all.size() >= pw::max_per_channel) return std::nullopt;
    a.hooks.add_webhook(row);
    return row;
  };
  const asio::any_io_executor pool = a.storage_threads.get_executor();
  const auto kept = co_await offload(pool, std::move(write));
  if (!kept) co_return json_error(req, error_code::too_many_webhooks, "a channel has at most 10 webhooks");
  if (kept->secret == row.secret) log::info("webhook_added", {{"channel", channel}, {"webhook", row.id}});
  co_return json_response(req, http::status::created, pw::encode_webhook(view_of(*kept, {})));
}

asio::awaitable<http_response> list(app& a, const http_request& req, const std::string& channel) {
  auto read = [&a, channel] {
    std::vector<pw::webhook_view> out;
    for (const auto& w : a.hooks.webhooks(channel)) {
      out.push_back(view_of(w, a.hooks.deliveries(w.id, shown_deliveries)));
    }
    return out;
  };
  const asio::any_io_executor pool = a.storage_threads.get_executor();
  const auto all = co_await offload(pool, std::move(read));
  auto res = json_response(req, http::status::ok, pw::encode_webhooks(all));
  res.set(http::field::cache_control, "no-store");
  co_return res;
}

asio::awaitable<http_response> remove(app& a, const http_request& req, const std::string& channel,
                                      const std::string& id) {
  auto erase = [&a, channel, id] { return a.hooks.remove_webhook(channel, id); };
  const asio::any_io_executor pool = a.storage_threads.get_executor();
  if (!co_await offload(pool, std::move(erase))) co_return json_error(req, error_code::not_found, "no such webhook");
  log::info("webhook_removed", {{"channel", channel}, {"webhook", id}});
  http_response res{http::status::no_content, req.version()};
  res.keep_alive(req.keep_alive());
  co_return res;
}

}  // namespace

asio::awaitable<http_response> webhooks_api(app& a, const http_request& req, const std::vector<std::string>& seg) {
  const auto m = req.method();
  if (seg.size() == 4 && m != http::verb::post && !reads(m)) co_return method_not_allowed(req, "GET, HEAD, POST");
  if (seg.size() == 5 && m != http::verb::delete_) co_return method_not_allowed(req, "DELETE");
  if (!is_organizer(a, req)) co_return json_error(req, error_code::unauthorized, "organizer token required");
  auto c = co_await find_channel(a, seg[2]);
  if (!c) co_return json_error(req, error_code::not_found, "no such channel");
  if (seg.size() == 5) {
    co_return co_await remove(a, req, seg[2], seg[4]);
  }
  if (m == http::verb::post) {
    co_return co_await add(a, req, seg[2]);
  }
  co_return co_await list(a, req, seg[2]);
}

}  // namespace tribune::server
