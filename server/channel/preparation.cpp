// A debate's preparation, read and answered from the debate's side: the caller's token is proved
// on the debate's room (the organizer, its moderators, one of its panelists), then the topic the
// debate was made from answers on the channel's one path. Nobody else learns whether there is a
// preparation at all.
#include "protocol/preparation.hpp"

#include <algorithm>

#include "engine/engine.hpp"
#include "protocol/decode.hpp"
#include "server/api.hpp"
#include "server/channel/api.hpp"
#include "server/debates.hpp"
#include "server/tokens.hpp"

namespace tribune::server {
namespace {

using protocol::error_code;
namespace pc = protocol::channels;

// Who the token proves on the room: a panelist (with their name on the panel) or its moderators.
struct member {
  ch::debate_member who;
  std::string name;
};

asio::awaitable<std::optional<member>> member_of(room& r, std::string token, pc::topic_id topic) {
  auto start = [&r, token = std::move(token), topic](auto done) {
    r.inspect([done = std::move(done), token, topic](const engine::state& s) mutable {
      const auto holder = holder_of(s, token);
      if (!holder) return done(std::optional<member>());
      const auto& who = holder->who;
      if (who.role == protocol::role::moderator) return done(std::optional(member{{topic, 0, true}, {}}));
      if (who.role != protocol::role::panelist) return done(std::optional<member>());
      const auto it = std::find_if(s.panelists.begin(), s.panelists.end(),
                                   [&who](const engine::panelist& p) { return p.id == who.panelist; });
      done(std::optional(member{{topic, who.panelist, false}, it != s.panelists.end() ? it->name : std::string()}));
    });
  };
  co_return co_await await_callback<std::optional<member>>(std::move(start));
}

asio::awaitable<std::variant<pc::preparation_view, engine::rejection>> read_preparation(channel& c,
                                                                                        const channel_caller& caller,
                                                                                        pc::topic_id topic) {
  using answer = std::variant<pc::preparation_view, engine::rejection>;
  auto start = [&c, caller, topic](auto done) mutable {
    c.inspect(caller, [done = std::move(done), topic](const ch::state& s, const ch::who& by) mutable {
      done(ch::preparation_for(s, topic, by));
    });
  };
  co_return co_await await_callback<answer>(std::move(start));
}

}  // namespace

asio::awaitable<http_response> preparation_api(app& a, const http_request& req, const std::string& debate,
                                               bool answers) {
  const auto m = req.method();
  if (const auto bad = bad_idempotency_key(req)) co_return json_error(req, *bad);
  const auto key = std::string(req["Idempotency-Key"]);
  if (answers && m != http::verb::put) co_return method_not_allowed(req, "PUT");
  if (!answers && !reads(m)) co_return method_not_allowed(req, "GET, HEAD");
  protocol::error err{error_code::not_found, "no such debate"};
  auto r = co_await find_room(a, debate, err);
  if (!r) co_return json_error(req, err);
  const auto settings = co_await settings_of(a, debate);
  const auto token = std::string(bearer_token(req));
  channel_caller caller{is_organizer(a, req), {}, key, {}};
  std::string name;
  if (!caller.organizer) {
    auto proved = co_await member_of(*r, token, settings.from_topic);
    if (!proved) co_return json_error(req, error_code::unauthorized, "a link of this debate's panel or moderators");
    caller.member = proved->who;
    name = std::move(proved->name);
  }
  if (settings.from_channel.empty()) {
    co_return json_error(req, error_code::not_found, "this debate was not made from a channel's topic");
  }
  auto c = co_await find_channel(a, settings.from_channel);
  if (!c) co_return json_error(req, error_code::not_found, "this debate's channel is gone");
  if (answers) {
    if (caller.member.panelist == 0) {
      co_return json_error(req, error_code::forbidden, "only a panelist answers the questionnaire");
    }
    auto decoded = pc::decode_answer_questionnaire(req.body(), settings.from_topic);
    if (const auto* e = std::get_if<protocol::error>(&decoded)) co_return json_error(req, *e);
    ch::command cmd{ch::panel_answers{std::get<pc::answer_questionnaire>(std::move(decoded)), name}};
    const auto outcome = co_await run(*c, caller, std::move(cmd));
    if (!outcome.ok) co_return json_error(req, outcome.err);
  }
  const auto view = co_await read_preparation(*c, caller, settings.from_topic);
  if (const auto* no = std::get_if<engine::rejection>(&view)) co_return json_error(req, no->code, no->detail);
  co_return json_response(req, http::status::ok, pc::encode_preparation(std::get<pc::preparation_view>(view)));
}

}  // namespace tribune::server
