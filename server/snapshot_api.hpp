#pragma once
// A debate's state over HTTP: GET /api/debates/{id}/snapshot with one of the debate's links as
// `Authorization: Bearer` answers the very `snapshot` message the WebSocket would send that link
// after a hello, with its seq in the `Tribune-Seq` header. A page with a long queue reads it this
// way (the browser receives a large HTTP body off its page thread, a WebSocket message on it), then
// says hello with that seq as `last_seq` and resumes by events.
#include <string>

#include "server/app.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"

namespace tribune::server {

asio::awaitable<http_response> snapshot_api(app& a, const http_request& req, const std::string& debate);

}  // namespace tribune::server
