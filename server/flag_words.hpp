#pragma once
// The words that flag a debate's questions, arguments and names for its moderators (organizer
// only): GET /api/debates/{id}/flag_words reads the list in force, PUT replaces it with the
// debate's own ({"words": […]}) or goes back to the shipped one ({"shipped": true}).
#include <string>

#include "server/app.hpp"
#include "server/http_message.hpp"
#include "server/net.hpp"

namespace tribune::server {

asio::awaitable<http_response> flag_words_api(app& a, const http_request& req, const std::string& debate);

}  // namespace tribune::server
