#pragma once
// The three measurements of the `after_show` scenario, each on a server restarted just before (so
// that nothing of the show is kept in its memory: the replay's pass, the archive, the room; the
// database's pages stay in the kernel's cache), over one keep-alive connection, one request at a
// time, each timed from the first byte written to the last byte read:
//  - the report: the first GET (which folds the whole log into the pass), then again and again,
//    public and with the organizer token; its size raw and gzipped; and what the report page
//    weighs (page_weight) with the JSON it asks for: the debate, the report, the first frame;
//  - the replay: a first seek to a random seq (which builds the pass), then --requests seeks to
//    random seqs, public, and a quarter as many with the organizer token;
//  - the archive: its download (built, then kept), and `tribune verify` on it, three times.
#include <string>

#include "net.hpp"
#include "options.hpp"
#include "server_process.hpp"
#include "show_seed.hpp"

namespace bench {

struct after_run {
  const options& opt;
  const seeded_show& show;
  server_process& server;
  std::string token;  // the organizer's
  json out = json::object();
};

// Each throws std::runtime_error on an unexpected answer.
void measure_report(after_run& r);
void measure_replay(after_run& r);
void measure_archive(after_run& r);

}  // namespace bench
