#include "server/snapshot_api.hpp"

#include "engine/engine.hpp"
#include "server/api.hpp"
#include "server/debates.hpp"
#include "server/tokens.hpp"

namespace tribune::server {
namespace {

using protocol::error_code;

// The snapshot the link's holder would receive on a hello without `last_seq`, and its seq; nullopt
// when the token is not one of the debate's links.
struct encoded_snapshot {
  protocol::seq_t seq = 0;
  std::string body;
};

asio::awaitable<std::optional<encoded_snapshot>> snapshot_for(room& r, std::string token) {
  auto start = [&r, token = std::move(token)](auto done) {
    r.inspect([done = std::move(done), token](const engine::state& s) mutable {
      const auto holder = holder_of(s, token);
      if (!holder) return done(std::optional<encoded_snapshot>());
      done(std::optional(encoded_snapshot{s.seq, engine::encode_snapshot_for(s, holder->who)}));
    });
  };
  co_return co_await await_callback<std::optional<encoded_snapshot>>(std::move(start));
}

}  // namespace

asio::awaitable<http_response> snapshot_api(app& a, const http_request& req, const std::string& debate) {
  if (!reads(req.method())) co_return method_not_allowed(req, "GET, HEAD");
  const auto token = std::string(bearer_token(req));
  if (token.empty()) co_return json_error(req, error_code::unauthorized, "a link of this debate is required");
  protocol::error err{error_code::not_found, "no such debate"};
  auto r = co_await find_room(a, debate, err);
  if (!r) co_return json_error(req, err);
  auto snap = co_await snapshot_for(*r, token);
  if (!snap) co_return json_error(req, error_code::unauthorized, "this link is not valid for this debate");
  auto res = json_response(req, http::status::ok, std::move(snap->body));
  res.set("Tribune-Seq", std::to_string(snap->seq));
  constexpr int quick = 1;  // gzip's fastest level: the page waits for this answer as it opens
  compress_for(req, res, quick);
  co_return res;
}

}  // namespace tribune::server
