#pragma once
// commands: sustained acknowledged commands a second, through --nodes nodes, into --debates
// debates. Moderator connections (--publishers, default 300) are spread over the debates and the
// nodes (connection j: debate j mod debates, node j mod nodes); each keeps up to four commands
// awaiting their ack and stays under the server's 20 commands a second per connection. The
// command is create_poll, which needs nothing set up first and always adds one event.
#include "net.hpp"

namespace bench {

class runner;

asio::awaitable<void> run_commands(runner& r);

}  // namespace bench
