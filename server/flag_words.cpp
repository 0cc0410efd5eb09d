#include "server/flag_words.hpp"

#include "engine/engine.hpp"
#include "protocol/rest.hpp"
#include "server/api.hpp"
#include "server/debates.hpp"
#include "server/log.hpp"

namespace tribune::server {
namespace {

namespace rest = protocol::rest;
using protocol::error_code;

asio::awaitable<protocol::data::flag_words> list_of(room& r) {
  auto start = [&r](auto done) {
    r.inspect([done = std::move(done)](const engine::state& s) mutable { done(engine::flag_words_view(s)); });
  };
  co_return co_await await_callback<protocol::data::flag_words>(std::move(start));
}

}  // namespace

asio::awaitable<http_response> flag_words_api(app& a, const http_request& req, const std::string& debate) {
  const auto m = req.method();
  if (!reads(m) && m != http::verb::put) co_return method_not_allowed(req, "GET, HEAD, PUT");
  if (!is_organizer(a, req)) co_return json_error(req, error_code::unauthorized, "organizer token required");
  std::optional<rest::flag_words> body;
  if (m == http::verb::put) {
    auto decoded = rest::decode_flag_words(req.body());
    if (const auto* bad = std::get_if<protocol::error>(&decoded)) co_return json_error(req, *bad);
    body = std::move(std::get<rest::flag_words>(decoded));
  }
  protocol::error err{error_code::not_found, {}};
  auto r = co_await find_room(a, debate, err);
  if (!r) co_return json_error(req, err);
  if (body) {
    engine::command set{engine::cmd::set_flag_words{body->words, body->shipped}};
    const auto outcome = co_await run_command(*r, organizer, std::move(set));
    if (!outcome.ok) co_return json_error(req, outcome.err);
    log::info("flag_words_set", {{"debate", debate}, {"shipped", body->shipped}, {"words", body->words.size()}});
  }
  const auto list = co_await list_of(*r);
  co_return json_response(req, http::status::ok, rest::encode_flag_words(list.words, list.shipped));
}

}  // namespace tribune::server
