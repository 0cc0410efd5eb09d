#pragma once
// Ratings: the room's fan-out during a flood of ratings. A panelist posts 30 arguments (published
// at once); then every listener rates each of them within --spread seconds, following one of three
// planted camps, so the live opinion map forms groups and is updated all along; meanwhile a
// moderator toggles a pin every 100 ms and each toggle is timed to every listener, as in fanout.
// Measures the delivery latency, the rating ack latency, the `opinion` and `opinion_you` messages
// the listeners received, how many ended in a group, and each server thread's CPU time. Run it
// against a server with the map and one without (TRIBUNE_OPINION_MAP=false in the bench's
// environment, which a server it starts inherits), alternating, to compare them.

#include "net.hpp"

namespace bench {

class runner;

asio::awaitable<void> run_ratings(runner& r);

}  // namespace bench
