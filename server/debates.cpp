// What the REST calls do to debates, shared by the debate routes (api.cpp) and the channel's
// (channel/api.cpp): find a room, read its overview, links and settings, make a debate, add a
// panelist, set the sponsor's label.
#include "server/debates.hpp"

#include <algorithm>
#include <cctype>

#include "engine/engine.hpp"
#include "server/clock.hpp"
#include "server/log.hpp"
#include "server/tokens.hpp"

namespace tribune::server {

namespace rest = protocol::rest;
using protocol::error_code;

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

asio::awaitable<debate_overview> overview(room& r) {
  auto start = [&r](auto done) {
    r.inspect([done = std::move(done)](const engine::state& s) mutable {
      debate_overview o{s.show.status,
                        {s.show.format, s.show.segments, s.show.seats, s.show.automatic},
                        s.moderator,
                        s.stage,
                        s.overlay,
                        s.panelists,
                        s};
      done(std::move(o));
    });
  };
  co_return co_await await_callback<debate_overview>(std::move(start));
}

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
                {},
                {}};
  for (const auto& p : o.panel) {
    l.panelists.push_back({p.id, p.name, p.role, p.side, staff_link(a, base, "panelist", d.id, p.cred)});
  }
  l.moderators.push_back({engine::first_moderator, o.team.first_name, l.moderator});
  for (const auto& m : o.team.members) {
    if (!m.removed) l.moderators.push_back({m.id, m.name, staff_link(a, base, "moderator", d.id, m.cred)});
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

asio::awaitable<storage::delete_result> delete_debate(app& a, const std::string& id) {
  if (id.empty() || id.size() > protocol::max_debate_id_chars) {
    co_return storage::delete_result{storage::delete_result::kind::absent, {}};
  }
  auto start = [&a, id](auto done) { a.rooms.erase(id, std::move(done)); };
  auto result = co_await await_callback<storage::delete_result>(std::move(start));
  if (result.outcome == storage::delete_result::kind::deleted) {
    a.replays.forget(id);
    a.archives.forget(id);
    log::info("debate_deleted", {{"debate", id}});
  } else if (result.outcome == storage::delete_result::kind::failed) {
    log::error("debate_delete_failed", {{"debate", id}, {"detail", result.detail}});
  }
  co_return result;
}

http_response deletion_answer(const http_request& req, const storage::delete_result& result, const std::string& what) {
  using kind = storage::delete_result::kind;
  if (result.outcome == kind::absent) return json_error(req, error_code::not_found, "no such " + what);
  if (result.outcome == kind::failed) {
    return json_error(req, error_code::unavailable, "the " + what + " could not be deleted; try again");
  }
  http_response res{http::status::no_content, req.version()};
  res.keep_alive(req.keep_alive());
  return res;
}

// Callers pass a named command: GCC 12 may destroy a temporary in a co_await expression twice.
asio::awaitable<command_outcome> run_command(room& r, engine::actor who, engine::command c) {
  auto start = [&r, who, c = std::move(c)](auto done) mutable { r.submit(who, std::move(c), std::move(done)); };
  co_return co_await await_callback<command_outcome>(std::move(start));
}

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
  if (spec.flag_words) {
    engine::command words{engine::cmd::set_flag_words{*spec.flag_words, false}};
    const auto listed = co_await run_command(*r, organizer, std::move(words));
    if (!listed.ok) co_return listed.err;
  }
  const bool presented = !spec.settings.accent.empty() || !spec.settings.logo.empty() || spec.settings.stream ||
                         !spec.settings.embed_origins.empty() || !spec.settings.sponsor.empty() ||
                         !spec.settings.from_channel.empty();
  if (presented) {
    co_await save_settings(a, info.id, spec.settings);
  }
  log::info("debate_created", {{"debate", info.id}, {"format", protocol::word(format->format)}});
  const auto o = co_await overview(*r);
  co_return made_debate{
      info.id, info.code,
      rest::encode_created_debate(engine::debate_view(info), links_for(a, base_url(a, req), info, o))};
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

}  // namespace tribune::server
