// A channel's words that flag (GET and PUT /api/channels/{id}/flag_words) and its flagged lane
// (GET …/flagged), both the organizer's alone.
#include "engine/channel/flags.hpp"
#include "protocol/rest.hpp"
#include "server/api.hpp"
#include "server/channel/api.hpp"
#include "server/log.hpp"

namespace tribune::server {
namespace {

namespace rest = protocol::rest;
using protocol::error_code;

// The list in force, or the lane, encoded.
asio::awaitable<std::string> flags_json(channel& c, bool lane) {
  auto start = [&c, lane](auto done) {
    c.inspect({}, [done = std::move(done), lane](const ch::state& s, const ch::who&) mutable {
      if (lane) {
        done(protocol::data::encode_flagged(ch::word_flags::lane(s)));
        return;
      }
      const auto list = engine::flag_words_view(s.flags);
      done(rest::encode_flag_words(list.words, list.shipped));
    });
  };
  co_return co_await await_callback<std::string>(std::move(start));
}

}  // namespace

asio::awaitable<http_response> channel_flags_api(app& a, const http_request& req, channel& c, bool lane) {
  const auto m = req.method();
  if (lane && !reads(m)) co_return method_not_allowed(req, "GET, HEAD");
  if (!lane && !reads(m) && m != http::verb::put) co_return method_not_allowed(req, "GET, HEAD, PUT");
  const auto caller = caller_of(a, req);
  if (!caller.organizer) co_return json_error(req, error_code::unauthorized, "organizer token required");
  if (m == http::verb::put) {
    auto decoded = rest::decode_flag_words(req.body());
    if (const auto* bad = std::get_if<protocol::error>(&decoded)) co_return json_error(req, *bad);
    auto& body = std::get<rest::flag_words>(decoded);
    const auto words = body.words.size();
    const bool shipped = body.shipped;
    ch::command set{engine::cmd::set_flag_words{std::move(body.words), shipped}};
    const auto outcome = co_await run(c, caller, std::move(set));
    if (!outcome.ok) co_return json_error(req, outcome.err);
    log::info("channel_flag_words_set", {{"channel", c.id()}, {"shipped", shipped}, {"words", words}});
  }
  auto body = co_await flags_json(c, lane);
  auto res = json_response(req, http::status::ok, std::move(body));
  res.set(http::field::cache_control, "no-store");
  co_return res;
}

}  // namespace tribune::server
