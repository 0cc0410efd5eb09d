#include "options.hpp"

#include <cstdlib>
#include <iostream>
#include <map>
#include <type_traits>

namespace bench {
namespace {

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "tribune-bench: " << why << "\n"
            << "usage: tribune-bench --scenario fanout|flash|reactions|questions|reconnect\n"
               "         (--server-bin PATH [--server-cpu N] [--server-threads N] | --url URL [--server-pid PID]\n"
               "          [--admin-token T])\n"
               "         [--peer nats|ws] [--listeners N] [--rate DELIVERIES_PER_S (0 = unpaced)] [--duration S]\n"
               "         [--window N] [--lag N] [--publishers N] [--msg-bytes N] [--react-rate R] [--askers N]\n"
               "         [--spread S] [--label TEXT]\n";
  std::exit(2);
}

std::map<std::string, std::string> key_values(int argc, char** argv) {
  std::map<std::string, std::string> kv;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    if (k == "--help" || k == "-h") usage("help");
    if (!k.starts_with("--") || i + 1 >= argc) usage("bad argument " + k);
    kv[k.substr(2)] = argv[++i];
  }
  return kv;
}

void take_all(std::map<std::string, std::string>& kv, options& o) {
  auto take = [&](const char* key, auto& field) {
    const auto it = kv.find(key);
    if (it == kv.end()) return;
    using T = std::decay_t<decltype(field)>;
    if constexpr (std::is_same_v<T, std::string>) {
      field = it->second;
    } else if constexpr (std::is_floating_point_v<T>) {
      field = std::stod(it->second);
    } else {
      field = static_cast<T>(std::stoll(it->second));
    }
    kv.erase(it);
  };
  take("scenario", o.scenario);
  take("peer", o.peer);
  take("server-bin", o.server_bin);
  take("url", o.url);
  take("admin-token", o.admin_token);
  take("server-pid", o.server_pid);
  take("server-cpu", o.server_cpu);
  take("server-threads", o.server_threads);
  take("listeners", o.listeners);
  take("rate", o.rate);
  take("duration", o.duration);
  take("window", o.window);
  take("lag", o.lag);
  take("publishers", o.publishers);
  take("msg-bytes", o.msg_bytes);
  take("react-rate", o.react_rate);
  take("askers", o.askers);
  take("spread", o.spread);
  take("connect-parallel", o.connect_parallel);
  take("label", o.label);
}

}  // namespace

options parse_options(int argc, char** argv) {
  options o;
  auto kv = key_values(argc, argv);
  take_all(kv, o);
  if (!kv.empty()) usage("unknown option --" + kv.begin()->first);
  if (o.server_bin.empty() == o.url.empty()) usage("give exactly one of --server-bin and --url");
  if (!o.peer.empty() && (o.peer != "nats" && o.peer != "ws")) usage("--peer is nats or ws");
  if (!o.peer.empty() && o.scenario != "fanout") usage("peers run the fanout scenario only");
  if (!o.peer.empty() && o.url.empty()) usage("peers are attached with --url");
  if (o.scenario == "reconnect" && o.server_bin.empty()) usage("reconnect needs --server-bin");
  if (o.admin_token.empty()) {
    if (const char* t = std::getenv("TRIBUNE_ADMIN_TOKEN")) o.admin_token = t;
  }
  if (o.msg_bytes < 32) o.msg_bytes = 32;
  return o;
}

}  // namespace bench
