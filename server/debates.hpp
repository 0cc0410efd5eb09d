#pragma once
// What the REST calls do to debates, shared by the debate routes (api.cpp) and the channel's
// (channel/api.cpp): find a room, read its overview, links and settings, make a debate, add a
// panelist, set the sponsor's label. Every call runs on an I/O thread; storage is read on the
// storage threads.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/engine.hpp"
#include "protocol/rest.hpp"
#include "protocol/settings.hpp"
#include "server/app.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"

namespace tribune::server {

using handle = room_registry::handle;

// The organizer, as the REST calls act on a room.
inline const engine::actor organizer{protocol::role::organizer, 0, 0};

// The base of links this server prints: the configured public URL, else the request's own host.
std::string base_url(const app& a, const http_request& req);

// What the REST API reads of a room's state, copied on the room's strand.
struct debate_overview {
  protocol::show_status status = protocol::show_status::not_started;
  engine::cmd::set_format format;
  engine::credential moderator;
  engine::credential stage;
  engine::credential overlay;
  std::vector<engine::panelist> panel;
  engine::team_state team;
};
asio::awaitable<debate_overview> overview(room& r);

// A staff link as the organizer reads it: the token recovered under the server's link key, or
// nothing for a link that cannot be given again. `page`: "moderator", "stage"…
std::optional<protocol::rest::staff_link> staff_link(const app& a, const std::string& base, std::string_view page,
                                                     const std::string& debate, const engine::credential& cred);

// The debate's links as the organizer reads them (staff links recovered under the link key).
protocol::rest::links links_for(const app& a, const std::string& base, const engine::debate_info& d,
                                const debate_overview& o);

asio::awaitable<protocol::debate_settings> settings_of(app& a, const std::string& id);
asio::awaitable<void> save_settings(app& a, const std::string& id, const protocol::debate_settings& s);

// The room of `id`, loaded if needed; an empty handle with `err` set when there is none.
asio::awaitable<handle> find_room(app& a, const std::string& id, protocol::error& err);

// Deletes a debate with everything kept for it (room_registry::erase), and what this process keeps
// of its report, replay and archive.
asio::awaitable<storage::delete_result> delete_debate(app& a, const std::string& id);
// How a DELETE answers what a deletion did: 204, 404 for `what` ("debate", "channel"), or 503.
http_response deletion_answer(const http_request& req, const storage::delete_result& result, const std::string& what);

// Callers pass a named command: GCC 12 may destroy a temporary in a co_await expression twice.
asio::awaitable<command_outcome> run_command(room& r, engine::actor who, engine::command c);

// A debate to make: what it is about, its format's run of show (or `run_of_show`, copied from a
// template), and its presentation.
struct new_debate {
  std::string title;
  std::string motion;
  std::string description;
  protocol::show_format format = protocol::show_format::talk_show;
  std::optional<engine::cmd::set_format> run_of_show;
  protocol::debate_settings settings;
  std::optional<std::vector<std::string>> flag_words{};  // its own words that flag; none: the shipped ones
};
struct made_debate {
  std::string id;
  std::string code;
  std::string body;  // the created debate with its staff links, as POST /api/debates answers
};
// Makes a debate: registers its stream, issues its staff links, installs its run of show and saves
// its presentation.
asio::awaitable<std::variant<made_debate, protocol::error>> make_debate(app& a, const http_request& req,
                                                                        const new_debate& spec);

// Adds a panelist to a debate, as POST /api/debates/{id}/panelists does; their link comes back.
asio::awaitable<std::variant<protocol::rest::panelist_added, protocol::error>> add_panelist_to(
    app& a, const http_request& req, const std::string& debate_id, const protocol::rest::add_panelist& who);

// Sets the "brought to you by" label of a debate made from a channel topic (empty: none).
asio::awaitable<void> set_debate_sponsor(app& a, const std::string& debate_id, const std::string& sponsor);

// The same, on a room already found.
asio::awaitable<std::variant<protocol::rest::panelist_added, protocol::error>> add_panelist_to(
    app& a, const http_request& req, room& r, const protocol::rest::add_panelist& who);

}  // namespace tribune::server
