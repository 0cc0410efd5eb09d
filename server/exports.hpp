#pragma once
// The organizer's exports of a debate, during the show and after it (docs/protocol.md, "Exports").
#include <string>

#include "server/app.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"

namespace tribune::server {

// GET /api/debates/{id}/export/{name}: questions.csv or moderation.csv.
asio::awaitable<http_response> export_debate(app& a, const http_request& req, const std::string& debate,
                                             const std::string& name);

}  // namespace tribune::server
