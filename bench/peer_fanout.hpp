#pragma once
// The fan-out against a reference broadcaster (NATS over WebSocket; the Node `ws` broadcaster or the
// Beast one, alike on the wire): one publisher sends --msg-bytes messages that start with their
// number, so latency, gaps and duplicates are measured as for Tribune.

#include "net.hpp"

namespace bench {

class runner;

asio::awaitable<void> run_peer_fanout(runner& r);

}  // namespace bench
