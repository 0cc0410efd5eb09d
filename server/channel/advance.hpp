#pragma once
// What a channel topic learns of its show: the questions and arguments sent before it, brought into
// the show's queue when it opens, and its end.
#include <memory>
#include <string>

#include "server/app.hpp"
#include "server/net.hpp"

namespace tribune::server {

// Brings the debate's topic's items not yet taken into its room, then records them taken. Nothing
// for a debate not made from a channel topic.
asio::awaitable<void> bring_advance(app& a, std::string debate);

// Marks the debate's topic ended. Nothing for a debate not made from a channel topic.
asio::awaitable<void> record_show_end(app& a, std::string debate);

// Has every room call bring_advance when its show opens, and record_show_end when it ends; the
// topic's status follows (live, ended). Once, before the server starts.
void watch_shows(const std::shared_ptr<app>& a, const asio::any_io_executor& io);

}  // namespace tribune::server
