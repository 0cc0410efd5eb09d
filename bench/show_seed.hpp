#pragma once
// The show of the `after_show` scenario, played into a new debate of a running server through its
// real paths, as the pages do: the debate (Oxford format) and its panel created over REST with the
// organizer token, the audience joined over REST (each member from its loopback address), and
// every other change a WebSocket command: twelve moderator connections, the three panelists, and
// the audience a wave at a time (show_script says what each sends). Nothing of this is measured;
// the figures that come back describe the show and how long playing it took.
#include <cstdint>
#include <string>

#include "net.hpp"
#include "show_script.hpp"
#include "target.hpp"

namespace bench {

struct seeded_show {
  std::string id;
  std::string code;
  std::int64_t events = 0;  // the last seq
  double seconds = 0;       // to play it all
  json figures;             // what was done, the commands' errors, each phase's seconds
};

// Throws std::runtime_error when the show cannot be played (a step refused or left unanswered).
seeded_show seed_show(const target& where, const std::string& admin_token, const show_plan& plan);

}  // namespace bench
