#pragma once
// Reconnect: publish at 30 events a second, SIGKILL the server mid-stream, restart it on the same
// port and database, and let every client come back with jittered backoff and hello{last_seq}.
// Measures the restart time, the time until every listener caught up, and acked events lost.

#include "net.hpp"

namespace bench {

class runner;

asio::awaitable<void> run_reconnect(runner& r);

}  // namespace bench
