#pragma once
// The debate's moderators by name (organizer only): POST /api/debates/{id}/moderators adds a named
// moderator link, PATCH /api/debates/{id}/moderators/{o} renames one (the first, "o1", included)
// and DELETE removes one (never the first); a removed link's open connections are closed at once.
#include <string>
#include <vector>

#include "server/app.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"

namespace tribune::server {

// `seg` is /api/debates/{id}/moderators[/{o}], split.
asio::awaitable<http_response> moderators_api(app& a, const http_request& req, const std::vector<std::string>& seg);

}  // namespace tribune::server
