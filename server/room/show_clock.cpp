// The show's clock: the room sleeps until the engine's next due moment (a vote to open or close, a
// turn to give, a segment to end in automatic mode; a quiz question to close in any), then sends
// the clock's tick through the same pipeline as every command, as the system. After every commit
// it winds the clock again, so a moderator who skips, extends or takes the floor back moves the
// next moment with them.
#include "server/clock.hpp"
#include "server/room/room.hpp"

namespace tribune::server {

void room::wind_clock() {
  if (deleting_ || retired_) return clock_.cancel();
  clock_.set(engine::next_due(pipeline_.committed()), now_ms(), shared_from_this());
}

void room::tick_clock() {
  if (deleting_ || retired_) return;
  const engine::context ctx{engine::actor{protocol::role::system, 0, 0}, now_ms()};
  pipeline_.submit(
      ctx, engine::cmd::clock_tick{}, std::nullopt,
      [self = shared_from_this()](const command_outcome&) { self->wind_clock(); }, shared_from_this());
  busy_ = pipeline_.busy();
}

}  // namespace tribune::server
