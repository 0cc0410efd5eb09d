#pragma once
// How the bench reads what servers send. Tribune: every text frame is split on '\n' and each line
// is one delivery, checked for order by seq and prev across reconnections. NATS: the text protocol
// over WebSocket (INFO, PING, MSG across frames). The Node broadcaster: each frame is a message.
#include <cstdint>
#include <string_view>

namespace bench {

struct client_hooks;
struct conn;

// Updates the connection's counters and passes what it recognised to `hooks` (may be null).
void read_frame(conn& c, std::string_view frame, std::int64_t now, client_hooks* hooks);

// Tribune's hello, resuming after the last seq this connection saw.
void send_hello(conn& c, std::string_view debate);

}  // namespace bench
