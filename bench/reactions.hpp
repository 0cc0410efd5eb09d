#pragma once
// Reaction storm: every listener reacts --react-rate times a second for --duration seconds.
// Measures the reaction broadcasts each listener received and whether the final totals match
// the acknowledged reactions.

#include "net.hpp"

namespace bench {

class runner;

asio::awaitable<void> run_reactions(runner& r);

}  // namespace bench
