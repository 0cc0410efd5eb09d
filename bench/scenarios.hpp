#pragma once
// The Tribune scenarios by name: --scenario picks one, and its help lists them. The peer fan-out
// is not among them: --peer selects it.
#include <span>
#include <string_view>

#include "net.hpp"

namespace bench {

class runner;

// Runs once the debate exists and every listener was welcomed; ends by printing the result line
// (runner::finish) or the error line (runner::fail).
using scenario_fn = asio::awaitable<void> (*)(runner&);

struct named_scenario {
  std::string_view name;
  scenario_fn run;
};

std::span<const named_scenario> tribune_scenarios();

}  // namespace bench
