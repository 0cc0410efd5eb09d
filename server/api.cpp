#include "server/api.hpp"

#include "engine/engine.hpp"
#include "engine/state.hpp"
#include "protocol/rest.hpp"
#include "server/archive.hpp"
#include "server/channel/api.hpp"
#include "server/clock.hpp"
#include "server/debates.hpp"
#include "server/exports.hpp"
#include "server/flag_words.hpp"
#include "server/log.hpp"
#include "server/moderators.hpp"
#include "server/qr_svg.hpp"
#include "server/replay.hpp"
#include "server/snapshot_api.hpp"
#include "server/tokens.hpp"
#include "server/webhooks/api.hpp"

namespace tribune::server {
namespace {

namespace rest = protocol::rest;
using protocol::error_code;

asio::awaitable<http_response> create_debate(app& a, const http_request& req) {
  const auto decoded = rest::decode_create_debate(req.body());
  const protocol::error* err = nullptr;
  const auto* body = decoded_or(decoded, err);
  if (body == nullptr) co_return json_error(req, *err);

  // A template lends its run of show and its presentation; it must exist before anything is made.
  new_debate spec{body->title, body->motion, body->description, body->format, std::nullopt, {}};
  if (!body->template_id.empty()) {
    protocol::error missing{error_code::not_found, {}};
    auto model = co_await find_room(a, body->template_id, missing);
    if (!model) co_return json_error(req, error_code::invalid_field, "template: no such debate");
    const auto o = co_await overview(*model);
    spec.run_of_show = o.format;
    spec.settings = co_await settings_of(a, body->template_id);
  }
  auto made = co_await make_debate(a, req, spec);
  if (const auto* e = std::get_if<protocol::error>(&made)) co_return json_error(req, *e);
  co_return json_response(req, http::status::created, std::move(std::get<made_debate>(made).body));
}

asio::awaitable<http_response> join_debate(app& a, const http_request& req, room& r, const std::string& remote) {
  if (!a.joins.try_take(remote)) {
    co_return json_error(req, error_code::rate_limited,
                         "too many new participants from this address; try again shortly");
  }
  const auto decoded = rest::decode_join(req.body());
  const protocol::error* err = nullptr;
  const auto* body = decoded_or(decoded, err);
  if (body == nullptr) co_return json_error(req, *err);
  const auto token = issue_token();
  engine::command join{engine::cmd::join{body->name, token.credential}};
  const engine::actor system{protocol::role::system, 0, 0};
  const auto outcome = co_await run_command(r, system, std::move(join));
  if (!outcome.ok) co_return json_error(req, outcome.err);
  const auto& joined = std::get<protocol::result::joined>(outcome.result);
  co_return json_response(req, http::status::created,
                          rest::encode_joined({joined.participant, joined.name, token.token, r.info().id}));
}

asio::awaitable<http_response> rotate_links(app& a, const http_request& req, room& r) {
  const auto decoded = rest::decode_rotate_links(req.body());
  const protocol::error* err = nullptr;
  const auto* body = decoded_or(decoded, err);
  if (body == nullptr) co_return json_error(req, *err);
  const auto fresh = [&a](bool wanted) {
    return wanted ? issue_recoverable_token(a.link_key).credential : engine::credential{};
  };
  engine::command rotate{engine::cmd::rotate_links{fresh(body->moderator), fresh(body->stage), fresh(body->overlay)}};
  const auto outcome = co_await run_command(r, organizer, std::move(rotate));
  if (!outcome.ok) co_return json_error(req, outcome.err);
  log::info(
      "links_rotated",
      {{"debate", r.info().id}, {"moderator", body->moderator}, {"stage", body->stage}, {"overlay", body->overlay}});
  const auto o = co_await overview(r);
  co_return json_response(req, http::status::ok, rest::encode_links(links_for(a, base_url(a, req), r.info(), o)));
}

asio::awaitable<http_response> read_links(app& a, const http_request& req, room& r) {
  const auto o = co_await overview(r);
  co_return json_response(req, http::status::ok, rest::encode_links(links_for(a, base_url(a, req), r.info(), o)));
}

asio::awaitable<http_response> put_settings(app& a, const http_request& req, room& r) {
  const auto decoded = protocol::decode_settings(req.body());
  if (const auto* bad = std::get_if<protocol::error>(&decoded)) co_return json_error(req, *bad);
  auto settings = std::get<protocol::debate_settings>(decoded);
  // The sponsor's label and the topic belong to the channel: a PUT neither sets nor clears them.
  const auto kept = co_await settings_of(a, r.info().id);
  settings.sponsor = kept.sponsor;
  settings.from_channel = kept.from_channel;
  settings.from_topic = kept.from_topic;
  co_await save_settings(a, r.info().id, settings);
  log::info("debate_settings_changed", {{"debate", r.info().id}});
  co_return json_response(req, http::status::ok, rest::encode_settings(settings));
}

asio::awaitable<http_response> debate_detail(app& a, const http_request& req, room& r) {
  const auto o = co_await overview(r);
  auto settings = co_await settings_of(a, r.info().id);
  const rest::debate_detail d{
      engine::debate_view(r.info()), o.status,
      engine::run_of_show_view(o.format.format, o.format.segments, o.format.seats, o.format.automatic),
      std::move(settings)};
  co_return json_response(req, http::status::ok, rest::encode_debate_detail(d));
}

asio::awaitable<http_response> set_moderation(const http_request& req, room& r) {
  const auto decoded = rest::decode_set_moderation(req.body());
  const protocol::error* err = nullptr;
  const auto* body = decoded_or(decoded, err);
  if (body == nullptr) co_return json_error(req, *err);
  command_outcome outcome;
  if (body->is_private) {
    engine::command change{engine::cmd::set_moderation_private{*body->is_private}};
    outcome = co_await run_command(r, organizer, std::move(change));
    if (!outcome.ok) co_return json_error(req, outcome.err);
  }
  if (body->names_public) {
    engine::command change{engine::cmd::show_moderator_names{*body->names_public}};
    outcome = co_await run_command(r, organizer, std::move(change));
    if (!outcome.ok) co_return json_error(req, outcome.err);
  }
  co_return json_response(req, http::status::ok, rest::encode_moderation(outcome.seq, *body));
}

asio::awaitable<http_response> add_panelist(app& a, const http_request& req, room& r) {
  const auto decoded = rest::decode_add_panelist(req.body());
  const protocol::error* err = nullptr;
  const auto* body = decoded_or(decoded, err);
  if (body == nullptr) co_return json_error(req, *err);
  auto added = co_await add_panelist_to(a, req, r, *body);
  if (const auto* e = std::get_if<protocol::error>(&added)) co_return json_error(req, *e);
  co_return json_response(req, http::status::created,
                          rest::encode_panelist_added(std::get<rest::panelist_added>(added)));
}

asio::awaitable<http_response> set_format(const http_request& req, room& r) {
  const auto decoded = rest::decode_set_format(req.body());
  const protocol::error* err = nullptr;
  const auto* body = decoded_or(decoded, err);
  if (body == nullptr) co_return json_error(req, *err);
  engine::command change{engine::format_from(*body)};
  const auto outcome = co_await run_command(r, organizer, std::move(change));
  if (!outcome.ok) co_return json_error(req, outcome.err);
  co_return json_response(req, http::status::ok, rest::encode_seq(outcome.seq));
}

asio::awaitable<http_response> list_debates(app& a, const http_request& req) {
  auto read = [&a] { return a.log.list_debates(); };
  const asio::any_io_executor pool = a.storage_threads.get_executor();
  const auto rows = co_await offload(pool, std::move(read));
  std::vector<rest::debate_summary> list;
  list.reserve(rows.size());
  for (const auto& d : rows) list.push_back({d.id, d.code, d.title, d.created_at});
  co_return json_response(req, http::status::ok, rest::encode_debates(list));
}

http_response qr_code(app& a, const http_request& req, const room& r) {
  const auto svg = qr_svg(base_url(a, req) + "/a/" + r.info().code);
  if (!svg) {
    return json_response(req, http::status::internal_server_error,
                         rest::encode_error({error_code::unavailable, "QR code failed"}));
  }
  auto res = make_response(req, http::status::ok, *svg, "image/svg+xml");
  res.set(http::field::cache_control, "no-cache");
  return res;
}

asio::awaitable<http_response> remove_debate(app& a, const http_request& req, const std::string& id) {
  const auto result = co_await delete_debate(a, id);
  co_return deletion_answer(req, result, "debate");
}

asio::awaitable<http_response> debate_resource(app& a, const http_request& req, const std::string& id,
                                               const std::string& sub, const std::string& remote) {
  const auto m = req.method();
  if (sub.empty() && m == http::verb::delete_) {
    if (!is_organizer(a, req)) co_return json_error(req, error_code::unauthorized, "organizer token required");
    co_return co_await remove_debate(a, req, id);
  }
  // Which method the sub-resource answers, and whether it takes the organizer token.
  const bool get_only = sub.empty() || sub == "qr.svg";
  const bool organizer_only =
      sub == "panelists" || sub == "format" || sub == "links" || sub == "moderation" || sub == "settings";
  const auto verb = sub == "format" || sub == "settings" ? http::verb::put : http::verb::post;
  if (!get_only && sub != "participants" && !organizer_only) {
    co_return json_error(req, error_code::not_found, "no such endpoint");
  }
  // Links are read (GET) and replaced (POST).
  const bool links_read = sub == "links" && reads(m);
  if (get_only && !reads(m)) co_return method_not_allowed(req, sub.empty() ? "GET, HEAD, DELETE" : "GET, HEAD");
  if (sub == "links" && !links_read && m != verb) co_return method_not_allowed(req, "GET, HEAD, POST");
  if (!get_only && sub != "links" && m != verb) {
    co_return method_not_allowed(req, verb == http::verb::put ? "PUT" : "POST");
  }
  if (organizer_only && !is_organizer(a, req)) {
    co_return json_error(req, error_code::unauthorized, "organizer token required");
  }
  protocol::error err{error_code::not_found, {}};
  auto r = co_await find_room(a, id, err);
  if (!r) co_return json_error(req, err);
  if (sub.empty()) {
    co_return co_await debate_detail(a, req, *r);
  }
  if (sub == "qr.svg") co_return qr_code(a, req, *r);
  if (sub == "participants") {
    co_return co_await join_debate(a, req, *r, remote);
  }
  if (sub == "panelists") {
    co_return co_await add_panelist(a, req, *r);
  }
  if (sub == "format") {
    co_return co_await set_format(req, *r);
  }
  if (links_read) {
    co_return co_await read_links(a, req, *r);
  }
  if (sub == "links") {
    co_return co_await rotate_links(a, req, *r);
  }
  if (sub == "settings") {
    co_return co_await put_settings(a, req, *r);
  }
  co_return co_await set_moderation(req, *r);
}

asio::awaitable<http_response> join_code(app& a, const http_request& req, const std::string& code) {
  if (!reads(req.method())) co_return method_not_allowed(req, "GET, HEAD");
  auto lookup = [&a, code = normalize_join_code(code)] { return a.log.find_debate_by_code(code); };
  const asio::any_io_executor pool = a.storage_threads.get_executor();
  const auto row = co_await offload(pool, std::move(lookup));
  protocol::error err{error_code::not_found, "no debate has this code"};
  if (!row) co_return json_error(req, err);
  auto r = co_await find_room(a, row->id, err);
  if (!r) co_return json_error(req, err);
  co_return co_await debate_detail(a, req, *r);
}

asio::awaitable<http_response> route_api(app& a, const http_request& req, const std::vector<std::string>& seg,
                                         const std::string& remote) {
  const auto m = req.method();
  const auto n = seg.size();
  if (n == 2 && seg[1] == "debates") {
    if (m != http::verb::post && !reads(m)) co_return method_not_allowed(req, "GET, HEAD, POST");
    if (!is_organizer(a, req)) co_return json_error(req, error_code::unauthorized, "organizer token required");
    if (m == http::verb::post) {
      co_return co_await create_debate(a, req);
    }
    co_return co_await list_debates(a, req);
  }
  if (n == 2 && (seg[1] == "formats" || seg[1] == "limits")) {
    if (!reads(m)) co_return method_not_allowed(req, "GET, HEAD");
    if (seg[1] == "limits") co_return json_response(req, http::status::ok, rest::encoded_limits());
    co_return json_response(req, http::status::ok, rest::encode_formats(engine::format_catalog()));
  }
  if (n == 3 && seg[1] == "join") {
    co_return co_await join_code(a, req, seg[2]);
  }
  if ((n == 4 || n == 5) && seg[1] == "channels" && seg[3] == "webhooks") {
    co_return co_await webhooks_api(a, req, seg);
  }
  if (n >= 2 && seg[1] == "channels") {
    co_return co_await channel_api(a, req, seg, remote);
  }
  if ((n == 4 || n == 5) && seg[1] == "debates" && seg[3] == "archive") {
    if (n == 5 && seg[4] != "head") co_return json_error(req, error_code::not_found, "no such endpoint");
    co_return co_await archive_api(a, req, seg[2], n == 5);
  }
  if (n == 4 && seg[1] == "debates" && (seg[3] == "report" || seg[3] == "replay")) {
    if (seg[3] == "report") {
      co_return co_await report_api(a, req, seg[2]);
    }
    co_return co_await replay_api(a, req, seg[2]);
  }
  if (n == 5 && seg[1] == "debates" && seg[3] == "export") {
    co_return co_await export_debate(a, req, seg[2], seg[4]);
  }
  if ((n == 4 || n == 5) && seg[1] == "debates" && seg[3] == "preparation") {
    if (n == 5 && seg[4] != "answers") co_return json_error(req, error_code::not_found, "no such endpoint");
    co_return co_await preparation_api(a, req, seg[2], n == 5);
  }
  if (n == 4 && seg[1] == "debates" && seg[3] == "snapshot") {
    co_return co_await snapshot_api(a, req, seg[2]);
  }
  if (n == 4 && seg[1] == "debates" && seg[3] == "flag_words") {
    co_return co_await flag_words_api(a, req, seg[2]);
  }
  if ((n == 4 || n == 5) && seg[1] == "debates" && seg[3] == "moderators") {
    co_return co_await moderators_api(a, req, seg);
  }
  if ((n == 3 || n == 4) && seg[1] == "debates") {
    const std::string sub = n == 4 ? seg[3] : std::string();
    co_return co_await debate_resource(a, req, seg[2], sub, remote);
  }
  co_return json_error(req, error_code::not_found, "no such endpoint");
}

}  // namespace

bool is_organizer(const app& a, const http_request& req) {
  const auto token = bearer_token(req);
  return !token.empty() && verify_secret(token, a.admin_token_hash);
}

std::string_view bearer_token(const http_request& req) {
  const auto header = req[http::field::authorization];
  constexpr std::string_view scheme = "Bearer ";
  if (!header.starts_with(scheme)) return {};
  const auto token = header.substr(scheme.size());
  if (token.size() > protocol::max_token_chars) return {};
  return {token.data(), token.size()};
}

asio::awaitable<http_response> handle_api(app& a, const http_request& req, const std::vector<std::string>& segments,
                                          const std::string& remote_address) {
  try {
    co_return co_await route_api(a, req, segments, remote_address);
  } catch (const storage::storage_error& e) {
    log::error("storage_error", {{"detail", e.what()}});
    co_return json_error(req, error_code::unavailable, "the database failed");
  }
}

}  // namespace tribune::server
