#pragma once
// The REST API under /api/: debates, participants, panelists, the run of show, links, moderation
// and the QR code. Each handler validates its input and answers a JSON error with a stable code
// when it cannot proceed. The router (router.*) sends it every request whose path starts /api/.
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

// `segments` are the request path's percent-decoded segments; segments[0] is "api".
// The organizer token (Authorization: Bearer), checked in constant time.
bool is_organizer(const app& a, const http_request& req);
// The request's bearer token; empty when there is none or it is longer than any token.
std::string_view bearer_token(const http_request& req);

// A debate to make: what it is about, its format's run of show (or `run_of_show`, copied from a
// template), and its presentation.
struct new_debate {
  std::string title;
  std::string motion;
  std::string description;
  protocol::show_format format = protocol::show_format::talk_show;
  std::optional<engine::cmd::set_format> run_of_show;
  protocol::debate_settings settings;
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

asio::awaitable<http_response> handle_api(app& a, const http_request& req, const std::vector<std::string>& segments,
                                          const std::string& remote_address);

}  // namespace tribune::server
