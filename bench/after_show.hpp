#pragma once
// The `after_show` scenario: what a debate's report, replay and archive cost once the show is over.
// A show is played into a fresh server (show_seed: by default 10,000 participants, 2,000 questions,
// 300 arguments, 50 polls, 200,000 events), then, each on the server restarted: the report (first
// and repeated, its size, the report page's weight), 200 seeks of the replay to random seqs, and
// the archive's download and `tribune verify` (after_show_reads). The result line holds the
// figures and whether each of the targets is met.
#include "options.hpp"

namespace bench {

// Prints the result line (or the error line); returns the exit status.
int run_after_show(const options& o);

}  // namespace bench
