#pragma once
// What a scenario hears of the traffic: the wire readers call these for every message they have
// classified, and each scenario overrides only what it measures. scoped_hooks (client_io.hpp)
// installs a scenario's hooks for as long as it runs.
#include <cstdint>
#include <string_view>

namespace bench {

struct conn;

struct client_hooks {
  virtual ~client_hooks() = default;
  // Every Tribune line, with its type, before it is classified (the calls below follow).
  virtual void on_line(conn&, std::string_view /*line*/, std::string_view /*type*/, std::int64_t /*now*/) {}
  // A Tribune event line with its seq and event name.
  virtual void on_event(conn&, std::string_view /*line*/, std::int64_t /*seq*/, std::string_view /*name*/,
                        std::int64_t /*now*/) {}
  // An ack (ok) or error for command `id`; an ack carries the seq of the event it caused.
  virtual void on_reply(conn&, std::string_view /*line*/, std::int64_t /*id*/, bool /*ok*/, std::int64_t /*seq*/,
                        std::int64_t /*now*/) {}
  virtual void on_tallies(conn&, std::string_view /*line*/, std::int64_t /*now*/) {}
  virtual void on_reactions(conn&, std::string_view /*line*/, std::int64_t /*now*/) {}
  // A reference broadcaster's message payload.
  virtual void on_peer_message(conn&, std::string_view /*payload*/, std::int64_t /*now*/) {}
  // The connection was open and is now closed.
  virtual void on_closed(conn&) {}
};

}  // namespace bench
