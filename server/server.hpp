#pragma once
// The whole server: listener, I/O threads, signal handling and a draining shutdown
// (SIGTERM: not ready → stop accepting → finish appends → close sockets with 1001 → exit).
#include "server/config.hpp"
#include "storage/event_log.hpp"
#include "storage/webhook_store.hpp"

namespace tribune::server {

// Serves until SIGINT or SIGTERM. Returns the process exit code.
int serve(const config& cfg, storage::event_log& log, storage::webhook_store& hooks, server_secrets secrets,
          const std::optional<std::string>& new_admin_token);

}  // namespace tribune::server
