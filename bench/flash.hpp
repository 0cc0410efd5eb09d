#pragma once
// Flash poll: a moderator creates and opens a poll, then every listener votes once within
// --spread seconds. Measures the vote ack latency and when the last screen showed the final
// ballot count in a `tallies` message.

#include "net.hpp"

namespace bench {

class runner;

asio::awaitable<void> run_flash(runner& r);

}  // namespace bench
