#pragma once
// Reading a channel over REST: the public views from the channel's cache (with an ETag), a
// filtered page of topics, and a topic as its caller may see it.
#include <string>

#include "server/channel/channel.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"

namespace tribune::server {

// The channel's page of topics matching `q` (callers pass a named query).
asio::awaitable<std::string> channel_json(channel& c, const protocol::channels::channel_query& q);
// The topic as the caller sees it; empty when there is no such topic.
asio::awaitable<std::string> topic_json(channel& c, const channel_caller& caller, protocol::topic_id topic);

// GET /api/channels/{id}, with its query string.
asio::awaitable<http_response> read_channel(const http_request& req, channel& c);
// GET /api/channels/{id}/topics/{topic}: the shared public view for a caller without a token.
asio::awaitable<http_response> read_topic(const http_request& req, channel& c, const channel_caller& caller,
                                          protocol::topic_id topic);

}  // namespace tribune::server
