#pragma once
// node_kill: several nodes on one PostgreSQL database. Each round, a moderator on node 1 opens a
// poll and every listener votes once within --spread seconds, each vote with an idempotency key;
// after a random 30–70 % of the votes went out, another node is killed with SIGKILL. Its
// listeners resume on the surviving nodes (round robin) with hello{last_seq} and send again, with
// the same key, every vote that had no answer. The poll's closing count is then checked against
// the acknowledged votes, and the killed node is started again on its port before the next round,
// where its listeners come back to it.
#include "net.hpp"

namespace bench {

class runner;

asio::awaitable<void> run_node_kill(runner& r);

}  // namespace bench
