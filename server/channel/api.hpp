#pragma once
// The channel's REST calls under /api/channels (docs/protocol.md, "Channels before the show").
#include <string>
#include <vector>

#include "server/app.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"

namespace tribune::server {

// `seg` are the request path's segments; seg[0] is "api", seg[1] "channels".
asio::awaitable<http_response> channel_api(app& a, const http_request& req, const std::vector<std::string>& seg,
                                           const std::string& remote);

}  // namespace tribune::server
