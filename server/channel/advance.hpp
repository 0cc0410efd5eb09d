#pragma once
// Questions and arguments sent before the show, brought into the show's queue when it opens.
#include <memory>
#include <string>

#include "server/app.hpp"
#include "server/net.hpp"

namespace tribune::server {

// Brings the debate's topic's items not yet taken into its room, then records them taken. Nothing
// for a debate not made from a channel topic.
asio::awaitable<void> bring_advance(app& a, std::string debate);

// Has every room call bring_advance when its show opens. Once, before the server starts.
void watch_shows(const std::shared_ptr<app>& a, const asio::any_io_executor& io);

}  // namespace tribune::server
