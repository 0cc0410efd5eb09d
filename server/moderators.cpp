#include "server/moderators.hpp"

#include "engine/engine.hpp"
#include "protocol/rest.hpp"
#include "server/api.hpp"
#include "server/debates.hpp"
#include "server/log.hpp"
#include "server/tokens.hpp"

namespace tribune::server {
namespace {

namespace rest = protocol::rest;
using protocol::error_code;

asio::awaitable<http_response> add_moderator(app& a, const http_request& req, room& r, const std::string& name) {
  const auto token = issue_recoverable_token(a.link_key);
  engine::command add{engine::cmd::add_moderator{name, token.credential}};
  const auto outcome = co_await run_command(r, organizer, std::move(add));
  if (!outcome.ok) co_return json_error(req, outcome.err);
  const auto& added = std::get<protocol::result::moderator_added>(outcome.result);
  log::info("moderator_added", {{"debate", r.info().id}, {"moderator", protocol::format_moderator(added.moderator)}});
  const rest::staff_link link{base_url(a, req) + "/moderator#debate=" + r.info().id + "&token=" + token.token,
                              token.token};
  co_return json_response(req, http::status::created, rest::encode_team_link({added.moderator, name, link}));
}

asio::awaitable<http_response> rename_moderator(app& a, const http_request& req, room& r, protocol::moderator_id id,
                                                const std::string& name) {
  engine::command rename{engine::cmd::rename_moderator{id, name}};
  const auto outcome = co_await run_command(r, organizer, std::move(rename));
  if (!outcome.ok) co_return json_error(req, outcome.err);
  const auto o = co_await overview(r);
  std::optional<rest::staff_link> link;
  if (id == engine::first_moderator) {
    link = staff_link(a, base_url(a, req), "moderator", r.info().id, o.moderator);
  } else {
    link = staff_link(a, base_url(a, req), "moderator", r.info().id, o.team.members[id - 2].cred);
  }
  co_return json_response(req, http::status::ok, rest::encode_team_link({id, name, link}));
}

asio::awaitable<http_response> remove_moderator(const http_request& req, room& r, protocol::moderator_id id) {
  engine::command remove{engine::cmd::remove_moderator{id}};
  const auto outcome = co_await run_command(r, organizer, std::move(remove));
  if (!outcome.ok) co_return json_error(req, outcome.err);
  log::info("moderator_removed", {{"debate", r.info().id}, {"moderator", protocol::format_moderator(id)}});
  http_response res{http::status::no_content, req.version()};
  res.keep_alive(req.keep_alive());
  co_return res;
}

}  // namespace

asio::awaitable<http_response> moderators_api(app& a, const http_request& req, const std::vector<std::string>& seg) {
  const bool one = seg.size() == 5;
  const auto m = req.method();
  if (!one && m != http::verb::post) co_return method_not_allowed(req, "POST");
  if (one && m != http::verb::patch && m != http::verb::delete_) co_return method_not_allowed(req, "PATCH, DELETE");
  if (!is_organizer(a, req)) co_return json_error(req, error_code::unauthorized, "organizer token required");
  std::optional<protocol::moderator_id> id;
  if (one) {
    id = protocol::parse_moderator(seg[4]);
    if (!id) co_return json_error(req, error_code::not_found, "no such moderator");
  }
  std::optional<rest::moderator_name> named;
  if (m != http::verb::delete_) {
    const auto decoded = rest::decode_moderator_name(req.body());
    if (const auto* bad = std::get_if<protocol::error>(&decoded)) co_return json_error(req, *bad);
    named = std::get<rest::moderator_name>(decoded);
  }
  protocol::error err{error_code::not_found, {}};
  auto r = co_await find_room(a, seg[2], err);
  if (!r) co_return json_error(req, err);
  if (!one) {
    co_return co_await add_moderator(a, req, *r, named->name);
  }
  if (named) {
    co_return co_await rename_moderator(a, req, *r, *id, named->name);
  }
  co_return co_await remove_moderator(req, *r, *id);
}

}  // namespace tribune::server
