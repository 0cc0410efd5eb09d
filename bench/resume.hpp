#pragma once
// A client coming back after its server went away (reconnect, node_kill): it reopens its
// connection to conn::node with jittered backoff, as browsers do, and says hello with its last
// seq, so the server sends what it missed.
#include <cstdint>

#include "conn.hpp"
#include "net.hpp"

namespace bench {

class runner;

// Retries every 50–250 ms at first, the bound doubling up to 2 s, until the connection opens.
asio::awaitable<void> resume(runner& r, conn& c);

// Attempts to reopen that failed (connect or handshake), since the process started.
std::uint64_t resume_failures();

}  // namespace bench
