#pragma once
// The channel's REST calls under /api/channels (docs/protocol.md, "Channels before the show").
#include <string>
#include <vector>

#include "server/app.hpp"
#include "server/channel/channel.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"

namespace tribune::server {

// `seg` are the request path's segments; seg[0] is "api", seg[1] "channels".
asio::awaitable<http_response> channel_api(app& a, const http_request& req, const std::vector<std::string>& seg,
                                           const std::string& remote);

// The caller of a channel's call: organizer or not, the bearer token, the Idempotency-Key.
channel_caller caller_of(const app& a, const http_request& req);

// GET and DELETE /api/channels/{id}/me: a visitor's own data, and its erasure (channel/privacy.cpp).
asio::awaitable<http_response> my_data_api(app& a, const http_request& req, channel& c);
// GET /api/channels/{id}/export/contacts.csv: the organizer's contacts export.
asio::awaitable<http_response> export_channel_contacts(app& a, const http_request& req, channel& c);

// The channel's words that flag (GET and PUT …/flag_words) or, with `lane`, its flagged lane (GET
// …/flagged): the organizer's alone (channel/flags.cpp).
asio::awaitable<http_response> channel_flags_api(app& a, const http_request& req, channel& c, bool lane);

// The refusal of a request whose Idempotency-Key header is present but malformed; nullopt otherwise.
std::optional<protocol::error> bad_idempotency_key(const http_request& req);

// Deletes a channel with the debates made for its topics, its contacts and its webhooks
// (channel/deletion.cpp); DELETE /api/channels/{id} answers with remove_channel.
asio::awaitable<storage::delete_result> delete_channel(app& a, const std::string& id);
asio::awaitable<http_response> remove_channel(app& a, const http_request& req, const std::string& id);

// The channel of `id`, loaded; nullptr when there is none.
asio::awaitable<std::shared_ptr<channel>> find_channel(app& a, const std::string& id);

// Runs a command on the channel's one path. Callers pass named values: GCC 12 may destroy a
// temporary in a co_await expression twice.
asio::awaitable<channel_outcome> run(channel& c, const channel_caller& caller, ch::command cmd,
                                     std::optional<storage::channel_row> row = std::nullopt);

// A debate's preparation, under /api/debates/{id}/preparation (docs/protocol.md): `answers` for
// …/preparation/answers.
asio::awaitable<http_response> preparation_api(app& a, const http_request& req, const std::string& debate,
                                               bool answers);

}  // namespace tribune::server
