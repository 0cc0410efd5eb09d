#pragma once
// Quiz: a moderator puts ten timed questions in turn; every listener answers each one within
// --spread seconds; once every answer is acknowledged the moderator closes the question. Measures
// the answer ack latency, and how long after the close was sent the last screen received the
// question's answer and leaderboard.

#include "net.hpp"

namespace bench {

class runner;

asio::awaitable<void> run_quiz(runner& r);

}  // namespace bench
