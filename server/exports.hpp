#pragma once
// The organizer's exports of a debate, during the show and after it (docs/protocol.md, "Exports").
#include <string>

#include "server/app.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"

namespace tribune::server {

// A file to download, never cached: `type` its media type, `file` the name it is saved under.
http_response attachment(const http_request& req, std::string body, std::string_view type, const std::string& file);

// GET /api/debates/{id}/export/{name}: questions.csv or moderation.csv.
asio::awaitable<http_response> export_debate(app& a, const http_request& req, const std::string& debate,
                                             const std::string& name);

}  // namespace tribune::server
