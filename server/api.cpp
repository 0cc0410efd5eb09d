#include "server/api.hpp"

#include "engine/formats.hpp"
#include "engine/views.hpp"
#include "engine/views_structured.hpp"
#include "protocol/limits.hpp"
#include "protocol/text.hpp"
#include "server/log.hpp"
#include "server/qr_svg.hpp"
#include "server/tokens.hpp"

namespace tribune::server {
namespace {

using json = nlohmann::json;
using protocol::error_code;

constexpr std::size_t max_segments = 30;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

http_response make_response(const http_request& req, http::status status, std::string body, std::string_view type) {
  http_response res{status, req.version()};
  res.set(http::field::server, "tribune");
  res.set(http::field::content_type, type);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  set_security_headers(res);
  return res;
}

http_response json_response(const http_request& req, http::status status, const json& body) {
  auto res = make_response(req, status, body.dump(), "application/json");
  res.set(http::field::cache_control, "no-store");
  return res;
}

http_response error_response(const http_request& req, http::status status, error_code code, std::string detail) {
  return json_response(req, status,
                       json{{"error", {{"code", protocol::to_string(code)}, {"detail", std::move(detail)}}}});
}

http::status status_for(error_code code) {
  switch (code) {
    case error_code::unauthorized: return http::status::unauthorized;
    case error_code::forbidden: return http::status::forbidden;
    case error_code::not_found: return http::status::not_found;
    case error_code::rate_limited: return http::status::too_many_requests;
    case error_code::unavailable: return http::status::service_unavailable;
    case error_code::body_too_large: return http::status::payload_too_large;
    case error_code::debate_exists: return http::status::conflict;
    default: return http::status::bad_request;
  }
}

http_response error_response(const http_request& req, const protocol::error& err) {
  return error_response(req, status_for(err.code), err.code, err.detail);
}

bool is_organizer(const app& a, const http_request& req) {
  const auto header = req[http::field::authorization];
  constexpr std::string_view scheme = "Bearer ";
  if (!header.starts_with(scheme)) return false;
  const auto token = header.substr(scheme.size());
  if (token.empty() || token.size() > protocol::max_token_chars) return false;
  return verify_secret(std::string_view(token.data(), token.size()), a.admin_token_hash);
}

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

// Parses a JSON object body; on failure fills `err`.
std::optional<json> parse_body(const http_request& req, std::optional<protocol::error>& err) {
  if (req.body().empty()) return json::object();
  auto body = json::parse(req.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    err = protocol::error{error_code::bad_json, "the body must be one JSON object"};
    return std::nullopt;
  }
  return body;
}

// Reads an optional or required text field under the protocol's text rules.
std::optional<std::string> text_field(const json& body, const char* key, protocol::text_rule rule, bool required,
                                      std::optional<protocol::error>& err) {
  const auto it = body.find(key);
  if (it == body.end() || it->is_null()) {
    if (required) err = protocol::error{error_code::invalid_field, std::string(key) + ": missing"};
    return required ? std::nullopt : std::optional<std::string>(std::string());
  }
  if (!it->is_string()) {
    err = protocol::error{error_code::invalid_field, std::string(key) + ": must be a string"};
    return std::nullopt;
  }
  const auto& s = it->get_ref<const std::string&>();
  if (auto e = protocol::check_text(s, rule)) {
    err = std::move(e);
    return std::nullopt;
  }
  return std::string(protocol::trim(s));
}

json links_json(const std::string& base, const engine::debate_info& d, const std::string& moderator,
                const std::string& stage) {
  return json{{"links",
               {{"audience", base + "/a/" + d.code},
                {"moderator", base + "/moderator#debate=" + d.id + "&token=" + moderator},
                {"stage", base + "/stage#debate=" + d.id + "&token=" + stage}}},
              {"tokens", {{"moderator", moderator}, {"stage", stage}}}};
}

std::shared_ptr<room> find_room(app& a, const std::string& id, std::optional<protocol::error>& err) {
  if (id.empty() || id.size() > protocol::max_debate_id_chars) {
    err = protocol::error{error_code::not_found, "no such debate"};
    return nullptr;
  }
  try {
    auto r = a.rooms.find(id);
    if (!r) err = protocol::error{error_code::not_found, "no such debate"};
    return r;
  } catch (const std::exception& e) {
    log::error("room_load_failed", {{"debate", id}, {"detail", e.what()}});
    err = protocol::error{error_code::unavailable, "this debate cannot be loaded right now"};
    return nullptr;
  }
}

// Callers pass a named command: GCC 12 may destroy a temporary in a co_await expression twice.
asio::awaitable<command_outcome> run_command(room& r, engine::actor who, engine::command c) {
  auto start = [&r, who, c = std::move(c)](auto done) mutable { r.submit(who, std::move(c), std::move(done)); };
  co_return co_await await_callback<command_outcome>(std::move(start));
}

asio::awaitable<http_response> create_debate(app& a, const http_request& req) {
  std::optional<protocol::error> err;
  const auto body = parse_body(req, err);
  std::optional<std::string> title, motion, description;
  if (body) title = text_field(*body, "title", {"title", protocol::max_title_chars}, true, err);
  if (title) motion = text_field(*body, "motion", {"motion", protocol::max_motion_chars, true}, false, err);
  if (motion) {
    description =
        text_field(*body, "description", {"description", protocol::max_description_chars, true, true}, false, err);
  }
  if (!description) co_return error_response(req, *err);

  const auto format_name = body->value("format", std::string("talk_show"));
  auto format = engine::format_template(format_name);
  if (!format) {
    co_return error_response(req, http::status::bad_request, error_code::invalid_field,
                             "format: oxford, talk_show, round_table or fishbowl");
  }
  engine::debate_info info{new_debate_id(), {}, *title, *motion, *description, now_ms()};
  // Codes are drawn from 31^6 values; checking avoids a failed transaction in the common case and
  // the UNIQUE constraint settles any race.
  for (int attempt = 0; attempt < 8; ++attempt) {
    info.code = new_join_code();
    if (!a.log.find_debate_by_code(info.code)) break;
  }
  const auto moderator = issue_token();
  const auto stage = issue_token();
  auto r = a.rooms.add(info);
  const storage::debate_row row{info.id, info.code, info.title, info.created_at};
  auto start = [&](auto done) {
    r->create(engine::cmd::create_debate{info, moderator.credential, stage.credential}, row, std::move(done));
  };
  const auto outcome = co_await await_callback<command_outcome>(std::move(start));
  if (!outcome.ok) {
    a.rooms.remove(info.id);
    co_return error_response(req, outcome.err);
  }
  engine::command install{std::move(*format)};
  const auto formatted = co_await run_command(*r, engine::actor{protocol::role::organizer, 0}, std::move(install));
  if (!formatted.ok) co_return error_response(req, formatted.err);
  log::info("debate_created", {{"debate", info.id}, {"format", format_name}});
  auto out = engine::debate_json(info);
  out.update(links_json(base_url(a, req), info, moderator.token, stage.token));
  co_return json_response(req, http::status::created, out);
}

asio::awaitable<http_response> join_debate(app& a, const http_request& req, room& r, const std::string& remote) {
  if (!a.joins.try_take(remote)) {
    co_return error_response(req, http::status::too_many_requests, error_code::rate_limited,
                             "too many new participants from this address; try again shortly");
  }
  std::optional<protocol::error> err;
  const auto body = parse_body(req, err);
  std::optional<std::string> name;
  if (body) name = text_field(*body, "name", {"name", protocol::max_name_chars, true}, false, err);
  if (!name) co_return error_response(req, *err);
  const auto token = issue_token();
  engine::command join{engine::cmd::join{*name, token.credential}};
  const auto outcome = co_await run_command(r, engine::actor{protocol::role::system, 0}, std::move(join));
  if (!outcome.ok) co_return error_response(req, outcome.err);
  co_return json_response(req, http::status::created,
                          json{{"participant", outcome.result.at("participant")},
                               {"name", outcome.result.at("name")},
                               {"token", token.token},
                               {"debate", r.info().id}});
}

asio::awaitable<http_response> rotate_links(app& a, const http_request& req, room& r) {
  const auto moderator = issue_token();
  const auto stage = issue_token();
  engine::command rotate{engine::cmd::rotate_links{moderator.credential, stage.credential}};
  const auto outcome = co_await run_command(r, engine::actor{protocol::role::organizer, 0}, std::move(rotate));
  if (!outcome.ok) co_return error_response(req, outcome.err);
  log::info("links_rotated", {{"debate", r.info().id}});
  co_return json_response(req, http::status::ok, links_json(base_url(a, req), r.info(), moderator.token, stage.token));
}

asio::awaitable<http_response> set_moderation(const http_request& req, room& r) {
  std::optional<protocol::error> err;
  const auto body = parse_body(req, err);
  if (!body) co_return error_response(req, *err);
  const auto it = body->find("private");
  if (it == body->end() || !it->is_boolean()) {
    co_return error_response(req, http::status::bad_request, error_code::invalid_field,
                             "private: must be true or false");
  }
  engine::command change{engine::cmd::set_moderation_private{it->get<bool>()}};
  const auto outcome = co_await run_command(r, engine::actor{protocol::role::organizer, 0}, std::move(change));
  if (!outcome.ok) co_return error_response(req, outcome.err);
  co_return json_response(req, http::status::ok, json{{"seq", outcome.seq}, {"private", it->get<bool>()}});
}

asio::awaitable<http_response> add_panelist(app& a, const http_request& req, room& r) {
  std::optional<protocol::error> err;
  const auto body = parse_body(req, err);
  std::optional<std::string> name;
  if (body) name = text_field(*body, "name", {"name", protocol::max_name_chars}, true, err);
  if (!name) co_return error_response(req, *err);
  const auto role = protocol::parse_panel_role(body->value("role", std::string("panelist")));
  const auto side = protocol::parse_side(body->value("side", std::string("none")));
  if (!role || !side) {
    co_return error_response(req, http::status::bad_request, error_code::invalid_field,
                             "role: host, guest or panelist; side: for, against or none");
  }
  const auto token = issue_token();
  engine::command add{engine::cmd::add_panelist{*name, *role, *side, token.credential}};
  const auto outcome = co_await run_command(r, engine::actor{protocol::role::organizer, 0}, std::move(add));
  if (!outcome.ok) co_return error_response(req, outcome.err);
  co_return json_response(
      req, http::status::created,
      json{{"panelist", outcome.result.at("panelist")},
           {"name", *name},
           {"role", protocol::to_string(*role)},
           {"side", protocol::to_string(*side)},
           {"token", token.token},
           {"link", base_url(a, req) + "/panelist#debate=" + r.info().id + "&token=" + token.token}});
}

// A run of show as sent by an organizer: every field checked, words from the protocol's vocabulary.
std::optional<engine::cmd::set_format> parse_format(const json& body, std::optional<protocol::error>& err) {
  const auto fail = [&err](std::string detail) {
    err = protocol::error{error_code::invalid_field, std::move(detail)};
    return std::nullopt;
  };
  const auto name = body.value("format", std::string("custom"));
  auto out = engine::format_template(name).value_or(engine::cmd::set_format{"custom", {}, 0});
  const auto segments = body.find("segments");
  if (segments != body.end()) {
    if (!segments->is_array() || segments->empty() || segments->size() > max_segments) {
      return fail("segments: a list of 1 to 30 segments");
    }
    out.segments.clear();
    for (const auto& item : *segments) {
      if (!item.is_object()) return fail("segments: each segment is an object");
      engine::segment_spec seg;
      auto seg_name = text_field(item, "name", {"segment name", 80}, true, err);
      if (!seg_name) return std::nullopt;
      seg.name = *seg_name;
      const auto kind = protocol::parse_segment_kind(item.value("kind", std::string("conversation")));
      if (!kind) return fail("segments: unknown kind");
      seg.kind = *kind;
      const auto minutes = item.value("minutes", 10);
      const auto turn = item.value("speaker_seconds", 120);
      if (minutes < 1 || minutes > 600) return fail("segments: minutes from 1 to 600");
      if (turn < 10 || turn > 3600) return fail("segments: speaker_seconds from 10 to 3600");
      seg.minutes = static_cast<std::uint32_t>(minutes);
      seg.speaker_seconds = static_cast<std::uint32_t>(turn);
      for (const auto& word : item.value("speakers", json::array())) {
        const auto bit = word.is_string() ? protocol::parse_speaker_word(word.get<std::string>()) : std::nullopt;
        if (!bit) return fail("segments: speakers are host, guest, panelist, for, against or seat");
        seg.speakers |= *bit;
      }
      for (const auto& word : item.value("audience", json::array())) {
        const auto bit = word.is_string() ? protocol::parse_audience_word(word.get<std::string>()) : std::nullopt;
        if (!bit) return fail("segments: audience may do questions, arguments or vote");
        seg.audience |= *bit;
      }
      out.segments.push_back(std::move(seg));
    }
  } else if (!engine::format_template(name)) {
    return fail("format: oxford, talk_show, round_table or fishbowl, or give segments");
  }
  if (const auto seats = body.find("seats"); seats != body.end()) {
    if (!seats->is_number_integer() || seats->get<int>() < 0 || seats->get<int>() > 20) {
      return fail("seats: from 0 to 20");
    }
    out.seats = seats->get<std::uint32_t>();
  }
  return out;
}

asio::awaitable<http_response> set_format(const http_request& req, room& r) {
  std::optional<protocol::error> err;
  const auto body = parse_body(req, err);
  std::optional<engine::cmd::set_format> format;
  if (body) format = parse_format(*body, err);
  if (!format) co_return error_response(req, *err);
  engine::command change{std::move(*format)};
  const auto outcome = co_await run_command(r, engine::actor{protocol::role::organizer, 0}, std::move(change));
  if (!outcome.ok) co_return error_response(req, outcome.err);
  co_return json_response(req, http::status::ok, json{{"seq", outcome.seq}});
}

http_response list_formats(const http_request& req) {
  json formats = json::object();
  for (const auto name : engine::format_names()) {
    const auto f = engine::format_template(name);
    engine::state preview;
    preview.show.segments = f->segments;
    preview.show.seats = f->seats;
    preview.show.format = f->format;
    json st = json::object();
    engine::structured::add_to_snapshot(st, preview, engine::view::public_view, std::nullopt);
    formats[std::string(name)] = st["run_of_show"];
  }
  return json_response(req, http::status::ok, json{{"formats", std::move(formats)}});
}

http_response list_debates(app& a, const http_request& req) {
  json list = json::array();
  for (const auto& d : a.log.list_debates()) {
    list.push_back(json{{"id", d.id}, {"code", d.code}, {"title", d.title}, {"created_at", d.created_at}});
  }
  return json_response(req, http::status::ok, json{{"debates", std::move(list)}});
}

http_response qr_code(app& a, const http_request& req, const room& r) {
  const auto svg = qr_svg(base_url(a, req) + "/a/" + r.info().code);
  if (!svg) return error_response(req, http::status::internal_server_error, error_code::unavailable, "QR code failed");
  auto res = make_response(req, http::status::ok, *svg, "image/svg+xml");
  res.set(http::field::cache_control, "no-cache");
  return res;
}

asio::awaitable<http_response> route_api(app& a, const http_request& req, const std::vector<std::string>& seg,
                                         const std::string& remote) {
  const auto method = req.method();
  const auto n = seg.size();
  const auto method_not_allowed = [&] {
    return error_response(req, http::status::method_not_allowed, error_code::invalid_field, "method not allowed");
  };
  const auto unauthorized = [&] {
    return error_response(req, http::status::unauthorized, error_code::unauthorized, "organizer token required");
  };

  if (n == 2 && seg[1] == "debates") {
    if (!is_organizer(a, req)) co_return unauthorized();
    if (method == http::verb::post) co_return co_await create_debate(a, req);
    if (method == http::verb::get) co_return list_debates(a, req);
    co_return method_not_allowed();
  }
  if (n == 2 && seg[1] == "formats") {
    if (method != http::verb::get) co_return method_not_allowed();
    co_return list_formats(req);
  }
  if (n == 3 && seg[1] == "join") {
    if (method != http::verb::get) co_return method_not_allowed();
    const auto row = a.log.find_debate_by_code(normalize_join_code(seg[2]));
    std::optional<protocol::error> err{protocol::error{error_code::not_found, "no debate has this code"}};
    auto r = row ? find_room(a, row->id, err) : nullptr;
    if (!r) co_return error_response(req, *err);
    co_return json_response(req, http::status::ok, engine::debate_json(r->info()));
  }
  if (n >= 3 && seg[1] == "debates") {
    std::optional<protocol::error> err;
    auto r = find_room(a, seg[2], err);
    if (!r) co_return error_response(req, *err);
    if (n == 3) {
      if (method != http::verb::get) co_return method_not_allowed();
      co_return json_response(req, http::status::ok, engine::debate_json(r->info()));
    }
    if (n == 4 && seg[3] == "participants") {
      if (method != http::verb::post) co_return method_not_allowed();
      co_return co_await join_debate(a, req, *r, remote);
    }
    if (n == 4 && seg[3] == "qr.svg") {
      if (method != http::verb::get) co_return method_not_allowed();
      co_return qr_code(a, req, *r);
    }
    if (n == 4 && seg[3] == "panelists") {
      if (method != http::verb::post) co_return method_not_allowed();
      if (!is_organizer(a, req)) co_return unauthorized();
      co_return co_await add_panelist(a, req, *r);
    }
    if (n == 4 && seg[3] == "format") {
      if (method != http::verb::put) co_return method_not_allowed();
      if (!is_organizer(a, req)) co_return unauthorized();
      co_return co_await set_format(req, *r);
    }
    if (n == 4 && (seg[3] == "links" || seg[3] == "moderation")) {
      if (method != http::verb::post) co_return method_not_allowed();
      if (!is_organizer(a, req)) co_return unauthorized();
      if (seg[3] == "links") co_return co_await rotate_links(a, req, *r);
      co_return co_await set_moderation(req, *r);
    }
  }
  co_return error_response(req, http::status::not_found, error_code::not_found, "no such endpoint");
}

}  // namespace

asio::awaitable<http_response> handle_api(app& a, const http_request& req, const std::vector<std::string>& segments,
                                          const std::string& remote_address) {
  try {
    co_return co_await route_api(a, req, segments, remote_address);
  } catch (const storage::storage_error& e) {
    log::error("storage_error", {{"detail", e.what()}});
    co_return error_response(req, http::status::service_unavailable, error_code::unavailable, "the database failed");
  } catch (const nlohmann::json::exception&) {
    co_return error_response(req, http::status::bad_request, error_code::invalid_field, "a field has the wrong type");
  }
}

}  // namespace tribune::server
