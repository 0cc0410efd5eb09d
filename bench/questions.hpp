#pragma once
// Question burst: --askers listeners (default all) ask one question each within --spread seconds.
// Measures the ask ack latency and how long each question took to reach the moderator's view.

#include "net.hpp"

namespace bench {

class runner;

asio::awaitable<void> run_questions(runner& r);

}  // namespace bench
