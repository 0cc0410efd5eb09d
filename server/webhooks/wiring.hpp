#pragma once
// What the webhooks announce, taken from where it happens: a channel's committed events (a topic
// proposed, answered, scheduled) and a show's start and end (with the report's address, and the
// archive's head once it ended). Queuing runs on the storage threads, then wakes the outbox.
#include <memory>
#include <string>
#include <vector>

#include "server/channel/channel.hpp"
#include "server/net.hpp"

namespace tribune::server {

struct app;

// The hook for channel_hub::on_commit.
committed_hook channel_announcer(const std::weak_ptr<app>& a);

// For the room registry's show watcher: announces show.started, or show.ended and archive.ready,
// to the webhooks of the channel the debate came from (none for a debate made without one).
asio::awaitable<void> announce_show(app& a, const std::string& debate, bool ended);

}  // namespace tribune::server
