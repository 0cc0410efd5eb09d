#pragma once
// The Tribune scenarios by name: --scenario picks one, and its help lists them. The peer fan-out
// is not among them: --peer selects it. Most run inside a runner, on a debate with listeners;
// a standalone one prepares and starts its own server instead.
#include <span>
#include <string_view>

#include "net.hpp"

namespace bench {

class runner;
struct options;

// Runs once the debate exists and every listener was welcomed; ends by printing the result line
// (runner::finish) or the error line (runner::fail).
using scenario_fn = asio::awaitable<void> (*)(runner&);

struct named_scenario {
  std::string_view name;
  scenario_fn run;
};

std::span<const named_scenario> tribune_scenarios();

// Runs instead of a runner (main picks it): prints its result or error line, returns the exit status.
using standalone_fn = int (*)(const options&);

struct standalone_scenario {
  std::string_view name;
  standalone_fn run;
};

std::span<const standalone_scenario> standalone_scenarios();

}  // namespace bench
