#pragma once
// The command line of tribune-bench: which server, which scenario, how much load. bench/run and
// bench/README.md rely on every flag name, meaning and default here.
#include <cstddef>
#include <cstdint>
#include <string>

namespace bench {

struct options {
  std::string scenario = "fanout";  // fanout, flash, reactions, questions, reconnect, channel, after_show
  std::string peer;                 // empty: Tribune; else nats, ws or beast
  std::string server_bin;           // start Tribune ourselves
  std::string url;                  // or attach: http://127.0.0.1:8080 (Tribune), ws://host:port/ (peers)
  std::string admin_token;          // attach mode: the organizer token (else TRIBUNE_ADMIN_TOKEN)
  int server_pid = 0;               // attach mode: the process to sample for CPU and memory
  int server_cpu = -1;              // pin a server we start to this core
  unsigned server_threads = 1;
  std::string server_db;    // empty: a new SQLite file in the run's temporary folder
  std::size_t nodes = 0;    // servers on one PostgreSQL database (0: the scenario's default, 1 or 3)
  std::size_t rounds = 10;  // node_kill: polls, each with one node killed
  std::size_t debates = 1;  // commands: debates the commands are spread over
  std::size_t listeners = 1000;
  double rate = 0;          // fanout: target deliveries/s; 0 = unpaced
  double duration = 10;     // seconds of load
  std::size_t window = 32;  // unpaced: commands awaiting an ack
  std::size_t lag = 256;    // unpaced: messages not yet delivered to every listener
  std::size_t publishers = 0;
  std::size_t msg_bytes = 200;  // peers: payload size
  double react_rate = 2;        // reactions per client per second
  std::size_t askers = 0;       // questions: 0 = every listener
  double spread = 1.0;          // flash/questions: seconds over which votes/questions are sent
  std::size_t connect_parallel = 256;
  // channel: the channel written into the database before the server starts, then the requests
  std::size_t topics = 10000;
  std::size_t opinions = 200000;
  std::size_t comments = 50000;
  std::size_t identities = 20000;
  std::size_t requests = 200;  // per kind of page
  std::size_t writes = 100;    // opinions given over REST at the end, by as many new visitors (0: none)
  std::uint64_t seed = 1;
  // after_show: the show played before its report, replay and archive are measured
  std::size_t participants = 10000;
  std::size_t questions = 2000;
  std::size_t arguments = 300;
  std::size_t polls = 50;  // the two Oxford votes included
  std::size_t events = 200000;
  std::size_t wave = 200;  // audience members connected at once while it is played
  std::string keep_db;     // copy the played show's database there (to profile the server on it)
  std::string label;
  // Any Tribune scenario: webhooks to a receiver that never answers, kept busy beside it (0: none)
  std::size_t silent_webhooks = 0;
};

// --nodes as given, or the scenario's default: 3 for node_kill, 1 for the others.
std::size_t node_count(const options& o);

// Parses argv. Prints the help and exits 0 for --help; prints the error and exits 2 for bad input.
options parse_options(int argc, char** argv);

}  // namespace bench
