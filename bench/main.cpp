// tribune-bench: a single-process load generator for Tribune and for two reference broadcast
// servers (NATS over WebSocket, and a minimal Node `ws` broadcaster). One thread runs one
// io_context holding every connection (the `channel` scenario: one keep-alive HTTP connection);
// results are one JSON line on stdout, progress goes to stderr. bench/README.md describes the
// scenarios and the figures.
#include <csignal>
#include <exception>
#include <iostream>
#include <string>

#include "options.hpp"
#include "runner.hpp"
#include "scenarios.hpp"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  const auto opt = bench::parse_options(argc, argv);
  try {
    for (const auto& s : bench::standalone_scenarios()) {
      if (s.name == opt.scenario) return s.run(opt);
    }
    bench::runner r(opt);
    return r.run();
  } catch (const std::exception& e) {
    // The run could not begin (the server did not start): it still leaves its error line for report.mjs.
    const std::string why = std::string("exception: ") + e.what();
    std::cerr << "tribune-bench: " << why << "\n";
    auto r = bench::base_result(opt);
    r["error"] = why;
    std::cout << r.dump() << std::endl;
    return 1;
  }
}
