#include "options.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "scenarios.hpp"
#include "target.hpp"

namespace bench {
namespace {

std::vector<std::string> scenario_names() {
  std::vector<std::string> names;
  for (const auto& s : tribune_scenarios()) names.emplace_back(s.name);
  for (const auto& s : standalone_scenarios()) names.emplace_back(s.name);
  return names;
}

// An empty string when the URL is usable, else why not.
std::string check_url(const std::string& url) {
  try {
    target_from_url(url);
    return {};
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}

void add_server_options(CLI::App& app, options& o) {
  auto* where = app.add_option_group("server", "Start Tribune, or attach to a running server");
  where->add_option("--server-bin", o.server_bin,
                    "Start this Tribune binary on a free loopback port with a temporary database");
  auto* url = where
                  ->add_option("--url", o.url,
                               "Attach to a running server: http://HOST:PORT (Tribune), ws://HOST:PORT/ (peers)")
                  ->check(check_url, "URL");
  where->require_option(1);
  auto* started = app.add_option_group("started server", "With --server-bin");
  started->add_option("--server-cpu", o.server_cpu, "Pin the server to this core (-1: not pinned)");
  started->add_option("--server-threads", o.server_threads, "The server's I/O threads");
  started->add_option("--server-db", o.server_db,
                      "The server's database: an SQLite file or a postgresql:// URL (default: a new SQLite file)");
  started->add_option("--nodes", o.nodes,
                      "Servers started on the one --server-db (PostgreSQL when more than one; 0: 3 for node_kill, "
                      "else 1)");
  auto* attached = app.add_option_group("attached server", "With --url");
  attached->add_option("--server-pid", o.server_pid, "The server's process, sampled for CPU and memory");
  attached
      ->add_option("--admin-token", o.admin_token,
                   "Tribune's organizer token (a started server gets it too; else a random one)")
      ->envname("TRIBUNE_ADMIN_TOKEN");
  attached->add_option("--peer", o.peer, "Run the fan-out against a reference broadcaster instead of Tribune")
      ->check(CLI::IsMember({"nats", "ws", "beast"}))
      ->needs(url);
}

void add_run_options(CLI::App& app, options& o) {
  app.add_option("--scenario", o.scenario, "What to measure")->check(CLI::IsMember(scenario_names()));
  app.add_option("--listeners", o.listeners, "Audience connections");
  app.add_option("--duration", o.duration, "Seconds of load");
  app.add_option("--connect-parallel", o.connect_parallel, "Connections opening at once");
  app.add_option("--label", o.label, "Copied to the result line");
  app.add_option("--silent-webhooks", o.silent_webhooks,
                 "Webhooks to a receiver that never answers, with deliveries queued for them all along (0: none)")
      ->check(CLI::Range(0, 10));
}

void add_scenario_options(CLI::App& app, options& o) {
  auto* fanout = app.add_option_group("fanout", "The fan-out, against Tribune or a peer");
  fanout->add_option("--rate", o.rate, "Target deliveries per second (0: unpaced)");
  fanout->add_option("--window", o.window, "Unpaced: commands awaiting their ack");
  fanout->add_option("--lag", o.lag, "Unpaced: messages not yet delivered to every listener");
  fanout->add_option("--publishers", o.publishers, "Moderator connections that publish (0: as the rate needs)");
  fanout->add_option("--msg-bytes", o.msg_bytes, "Peers: message size (at least 32)");
  auto* others = app.add_option_group("other scenarios");
  others->add_option("--react-rate", o.react_rate, "reactions: reactions per listener per second");
  others->add_option("--askers", o.askers, "questions: listeners that ask (0: every listener)");
  others->add_option("--spread", o.spread,
                     "flash, questions, quiz: seconds over which the votes, questions or answers go out");
  others->add_option("--debates", o.debates, "commands: debates the moderator connections are spread over");
  others->add_option("--rounds", o.rounds, "node_kill: polls, each with a node killed during its votes");
  auto* channel = app.add_option_group("channel", "The channel pages, on a channel written before the server starts");
  channel->add_option("--topics", o.topics, "Topics of the channel");
  channel->add_option("--opinions", o.opinions, "Opinions given on them");
  channel->add_option("--comments", o.comments, "Comments written on them");
  channel->add_option("--identities", o.identities, "Visitors who did all that");
  channel->add_option("--requests", o.requests, "Requests of each kind measured");
  channel->add_option("--writes", o.writes, "Opinions then given over REST, each by a new visitor (0: none)");
  channel->add_option("--seed", o.seed, "Seed of the channel's random history (after_show: of the show)");
  auto* after =
      app.add_option_group("after_show", "A show played over REST and WebSocket, then its report, replay and archive");
  after->add_option("--participants", o.participants, "Audience members who join");
  after->add_option("--questions", o.questions, "Questions they ask");
  after->add_option("--arguments", o.arguments, "Arguments posted (a fifth by the panelists)");
  after->add_option("--polls", o.polls, "Polls, the two Oxford votes included (at least 3)");
  after->add_option("--events", o.events, "Events in the debate's log once played (at least)");
  after->add_option("--wave", o.wave, "Audience members connected at once while it is played");
  after->add_option("--keep-db", o.keep_db, "Copy the played show's database (and its -wal) to this path");
}

void check_combination(const options& o) {
  if (!o.peer.empty() && o.scenario != "fanout") throw CLI::ValidationError("peers run the fanout scenario only");
  if (o.scenario == "reconnect" && o.server_bin.empty()) throw CLI::ValidationError("reconnect needs --server-bin");
  if (node_count(o) > 1) {
    if (o.server_bin.empty()) throw CLI::ValidationError("--nodes needs --server-bin: the bench starts every node");
    if (!o.server_db.starts_with("postgresql://") && !o.server_db.starts_with("postgres://")) {
      throw CLI::ValidationError("several nodes share one PostgreSQL database: give --server-db postgresql://...");
    }
    if (o.scenario != "fanout" && o.scenario != "node_kill" && o.scenario != "commands") {
      throw CLI::ValidationError("--nodes is for the fanout, node_kill and commands scenarios");
    }
    if (o.listeners < node_count(o)) throw CLI::ValidationError("--nodes needs a listener per node at least");
  }
  if (o.scenario == "node_kill" && (node_count(o) < 2 || o.rounds == 0)) {
    throw CLI::ValidationError("node_kill needs two nodes at least (node 1 holds the moderator) and a round");
  }
  if (o.scenario == "channel" && o.server_bin.empty()) {
    throw CLI::ValidationError("channel needs --server-bin: it writes the server's database first");
  }
  if (o.scenario == "after_show" && o.server_bin.empty()) {
    throw CLI::ValidationError("after_show needs --server-bin: it restarts the server between measurements");
  }
  if (o.scenario == "after_show" &&
      (o.participants == 0 || o.wave == 0 || o.polls < 3 || o.requests == 0 || o.questions > o.participants)) {
    throw CLI::ValidationError(
        "after_show needs participants, a wave, 3 polls, a request, and a question at most each");
  }
  if (o.scenario == "channel" && (o.topics == 0 || o.identities == 0 || o.requests == 0)) {
    throw CLI::ValidationError("channel needs at least one topic, one identity and one request");
  }
}

}  // namespace

std::size_t node_count(const options& o) {
  if (o.nodes != 0) return o.nodes;
  return o.scenario == "node_kill" ? 3 : 1;
}

options parse_options(int argc, char** argv) {
  options o;
  CLI::App app{"tribune-bench: load generator for Tribune and three reference broadcast servers (NATS, ws, Beast)"};
  app.option_defaults()->always_capture_default();
  add_run_options(app, o);
  add_server_options(app, o);
  add_scenario_options(app, o);
  try {
    app.parse(argc, argv);
    check_combination(o);
  } catch (const CLI::ParseError& e) {
    std::exit(app.exit(e) == 0 ? 0 : 2);
  }
  if (o.msg_bytes < 32) o.msg_bytes = 32;
  return o;
}

}  // namespace bench
