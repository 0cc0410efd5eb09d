#include "server/api.hpp"

#include "engine/engine.hpp"
#include "engine/state.hpp"
#include "protocol/rest.hpp"
#include "server/channel/api.hpp"
#include "server/clock.hpp"
#include "server/log.hpp"
#include "server/qr_svg.hpp"
#include "server/tokens.hpp"

namespace tribune::server {
namespace {

namespace rest = protocol::rest;
using protocol::error_code;
using handle = room_registry::handle;

const engine::actor organizer{protocol::role::organizer, 0, 0};

// The base of links this server prints: the configured public URL, else the request's own host.
std::string base_url(const app& a, const http_request& req) {
  if (!a.cfg.public_url.empty()) return a.cfg.public_url;
  const auto host = req[http::field::host];
  const bool sane = !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == ':' || c == '-' || c == '[' || c == ']';
  });
  if (!sane) return "http://127.0.0.1:" + std::to_string(a.port.load());
  return "http://" + std::string(host);
}

// What the REST API reads of a room's state, copied on the room's strand.
struct debate_overview {
  protocol::show_status status = protocol::show_status::not_started;
  engine::cmd::set_format format;
  engine::credential moderator;
  engine::credential stage;
  engine::credential overlay;
  std::vector<engine::panelist> panel;
};

asio::awaitable<debate_overview> overview(room& r) {
  auto start = [&r](auto done) {
    r.inspect([done = std::move(done)](const engine::state& s) mutable {
      debate_overview o{s.show.status, {s.show.format, s.show.segments, s.show.seats}, s.moderator, s.stage, s.overlay,
                        s.panelists};
      done(std::move(o));
    });
  };
  co_return co_await await_callback<debate_overview>(std::move(start));
}

// A staff link as the organizer reads it: the token recovered under the server's link key, or
// nothing for a link that cannot be given again.
std::optional<rest::staff_link> staff_link(const app& a, const std::string& base, std::string_view page,
                                           const std::string& debate, const engine::credential& cred) {
  auto token = recover_token(a.link_key, cred);
  if (!token) return std::nullopt;
  return rest::staff_link{base + "/" + std::string(page) + "#debate=" + debate + "&token=" + *token, std::move(*token)};
}

rest::links links_for(const app& a, const std::string& base, const engine::debate_info& d, const debate_overview& o) {
  rest::links l{base + "/a/" + d.code,
                staff_link(a, base, "moderator", d.id, o.moderator),
                staff_link(a, base, "stage", d.id, o.stage),
                staff_link(a, base, "overlay", d.id, o.overlay),
                {}};
  for (const auto& p : o.panel) {
    l.panelists.push_back({p.id, p.name, p.role, p.side, staff_link(a, base, "panelist", d.id, p.cred)});
  }
  return l;
}

asio::awaitable<protocol::debate_settings> settings_of(app& a, const std::string& id) {
  auto read = [&a, id] { return a.log.get_debate_settings(id); };
  const asio::any_io_executor pool = a.storage_threads.get_executor();
  const auto text = co_await offload(pool, std::move(read));
  co_return text ? protocol::settings_from_text(*text) : protocol::debate_settings{};
}

asio::awaitable<void> save_settings(app& a, const std::string& id, const protocol::debate_settings& s) {
  auto write = [&a, id, body = protocol::settings_text(s)] {
    a.log.put_debate_settings(id, body);
    return true;
  };
  const asio::any_io_executor pool = a.storage_threads.get_executor();
  co_await offload(pool, std::move(write));
}

// The room of `id`, loaded if needed; an empty handle with `err` set when there is none.
asio::awaitable<handle> find_room(app& a, const std::string& id, protocol::error& err) {
  err = protocol::error{error_code::not_found, "no such debate"};
  if (id.empty() || id.size() > protocol::max_debate_id_chars) co_return handle();
  // Named, not a temporary inside the co_await expression: GCC 12 can destroy such temporaries
  // twice in a coroutine.
  auto start = [&a, id](auto done) { a.rooms.find(id, std::move(done)); };
  auto found = co_await await_callback<room_registry::found>(std::move(start));
  if (found.error) {
    try {
      std::rethrow_exception(found.error);
    } catch (const std::exception& e) {
      log::error("room_load_failed", {{"debate", id}, {"detail", e.what()}});
    }
    err = protocol::error{error_code::unavailable, "this debate cannot be loaded right now"};
  }
  co_return std::move(found.room);
}

// Callers pass a named command: GCC 12 may destroy a temporary in a co_await expression twice.
asio::awaitable<command_outcome> run_command(room& r, engine::actor who, engine::command c) {
  auto start = [&r, who, c = std::move(c)](auto done) mutable { r.submit(who, std::move(c), std::move(done)); };
  co_return co_await await_callback<command_outcome>(std::move(start));
}

template <class T>
const T* decoded_or(const rest::decoded<T>& d, const protocol::error*& err) {
  err = std::get_if<protocol::error>(&d);
  return std::get_if<T>(&d);
}

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

}  // namespace

asio::awaitable<std::variant<made_debate, protocol::error>> make_debate(app& a, const http_request& req,
                                                                        const new_debate& spec) {
  engine::debate_info info{new_debate_id(), {}, spec.title, spec.motion, spec.description, now_ms()};
  // Codes are drawn from 31^6 values; checking avoids a failed transaction in the common case and
  // the UNIQUE constraint settles any race.
  for (int attempt = 0; attempt < 8; ++attempt) {
    info.code = new_join_code();
    auto lookup = [&a, code = info.code] { return a.log.find_debate_by_code(code).has_value(); };
    const asio::any_io_executor pool = a.storage_threads.get_executor();
    const auto taken = co_await offload(pool, std::move(lookup));
    if (!taken) break;
  }
  const std::optional<engine::cmd::set_format> format =
      spec.run_of_show ? spec.run_of_show : engine::format_template(spec.format);
  const auto moderator = issue_recoverable_token(a.link_key);
  const auto stage = issue_recoverable_token(a.link_key);
  const auto overlay = issue_recoverable_token(a.link_key);
  auto r = a.rooms.add(info);
  const storage::debate_row row{info.id, info.code, info.title, info.created_at};
  auto start = [&](auto done) {
    r->create(engine::cmd::create_debate{info, moderator.credential, stage.credential, overlay.credential}, row,
              std::move(done));
  };
  const auto outcome = co_await await_callback<command_outcome>(std::move(start));
  if (!outcome.ok) {
    a.rooms.remove(info.id);
    co_return outcome.err;
  }
  engine::command install{*format};
  const auto formatted = co_await run_command(*r, organizer, std::move(install));
  if (!formatted.ok) co_return formatted.err;
  const bool presented = !spec.settings.accent.empty() || !spec.settings.logo.empty() || spec.settings.stream ||
                         !spec.settings.embed_origins.empty() || !spec.settings.sponsor.empty();
  if (presented) {
    co_await save_settings(a, info.id, spec.settings);
  }
  log::info("debate_created", {{"debate", info.id}, {"format", protocol::word(format->format)}});
  const auto o = co_await overview(*r);
  co_return made_debate{
      info.id, info.code,
      rest::encode_created_debate(engine::debate_view(info), links_for(a, base_url(a, req), info, o))};
}

namespace {

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
  // The sponsor's label belongs to the channel: a PUT neither sets nor clears it.
  const auto kept = co_await settings_of(a, r.info().id);
  settings.sponsor = kept.sponsor;
  co_await save_settings(a, r.info().id, settings);
  log::info("debate_settings_changed", {{"debate", r.info().id}});
  co_return json_response(req, http::status::ok, rest::encode_settings(settings));
}

asio::awaitable<http_response> debate_detail(app& a, const http_request& req, room& r) {
  const auto o = co_await overview(r);
  auto settings = co_await settings_of(a, r.info().id);
  const rest::debate_detail d{engine::debate_view(r.info()), o.status,
                              engine::run_of_show_view(o.format.format, o.format.segments, o.format.seats),
                              std::move(settings)};
  co_return json_response(req, http::status::ok, rest::encode_debate_detail(d));
}

asio::awaitable<http_response> set_moderation(const http_request& req, room& r) {
  const auto decoded = rest::decode_set_moderation(req.body());
  const protocol::error* err = nullptr;
  const auto* body = decoded_or(decoded, err);
  if (body == nullptr) co_return json_error(req, *err);
  engine::command change{engine::cmd::set_moderation_private{body->is_private}};
  const auto outcome = co_await run_command(r, organizer, std::move(change));
  if (!outcome.ok) co_return json_error(req, outcome.err);
  co_return json_response(req, http::status::ok, rest::encode_moderation(outcome.seq, body->is_private));
}

asio::awaitable<std::variant<rest::panelist_added, protocol::error>> add_panelist_to(app& a, const http_request& req,
                                                                                     room& r,
                                                                                     const rest::add_panelist& who) {
  const auto token = issue_recoverable_token(a.link_key);
  engine::command add{engine::cmd::add_panelist{who.name, who.role, who.stance, token.credential}};
  const auto outcome = co_await run_command(r, organizer, std::move(add));
  if (!outcome.ok) co_return outcome.err;
  const auto& added = std::get<protocol::result::panelist_added>(outcome.result);
  const auto link = base_url(a, req) + "/panelist#debate=" + r.info().id + "&token=" + token.token;
  co_return rest::panelist_added{added.panelist, who.name, who.role, who.stance, token.token, link};
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

asio::awaitable<http_response> debate_resource(app& a, const http_request& req, const std::string& id,
                                               const std::string& sub, const std::string& remote) {
  const auto m = req.method();
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
  if (get_only && !reads(m)) co_return method_not_allowed(req, "GET, HEAD");
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
  if (n >= 2 && seg[1] == "channels") {
    co_return co_await channel_api(a, req, seg, remote);
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

asio::awaitable<std::variant<protocol::rest::panelist_added, protocol::error>> add_panelist_to(
    app& a, const http_request& req, const std::string& debate_id, const protocol::rest::add_panelist& who) {
  protocol::error err{error_code::not_found, "no such debate"};
  auto r = co_await find_room(a, debate_id, err);
  if (!r) co_return err;
  co_return co_await add_panelist_to(a, req, *r, who);
}

asio::awaitable<void> set_debate_sponsor(app& a, const std::string& debate_id, const std::string& sponsor) {
  auto settings = co_await settings_of(a, debate_id);
  settings.sponsor = sponsor;
  co_await save_settings(a, debate_id, settings);
  log::info("debate_sponsor_changed", {{"debate", debate_id}});
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
