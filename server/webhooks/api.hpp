#pragma once
// The organizer's webhooks of a channel (docs/protocol.md, "Webhooks"):
// POST /api/channels/{id}/webhooks, GET /api/channels/{id}/webhooks (with each one's latest
// deliveries and their status), DELETE /api/channels/{id}/webhooks/{webhook}.
#include <string>
#include <vector>

#include "server/http_message.hpp"
#include "server/net.hpp"

namespace tribune::server {

struct app;

asio::awaitable<http_response> webhooks_api(app& a, const http_request& req, const std::vector<std::string>& seg);

}  // namespace tribune::server
