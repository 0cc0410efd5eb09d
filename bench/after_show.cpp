#include "after_show.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>

#include "after_show_reads.hpp"
#include "figures.hpp"
#include "keepalive_client.hpp"
#include "runner.hpp"
#include "server_process.hpp"
#include "show_seed.hpp"

namespace bench {
namespace {

// The bars.
constexpr double seek_target_ms = 100;
constexpr double report_target_ms = 1000;
constexpr std::size_t page_target_bytes = 500'000;
constexpr double verify_target_ms = 1000;

std::string random_token() {
  std::random_device rd;
  const std::string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string t;
  for (int i = 0; i < 43; ++i) t.push_back(alphabet[rd() % alphabet.size()]);
  return t;
}

show_plan plan_of(const options& o) {
  return show_plan{o.participants, o.questions, o.arguments, o.polls, o.events, o.wave, o.seed};
}

// The database with its write-ahead log.
std::uintmax_t database_bytes(const std::filesystem::path& db) {
  std::uintmax_t total = 0;
  for (const auto* suffix : {"", "-wal"}) {
    std::error_code ec;
    const auto n = std::filesystem::file_size(db.string() + suffix, ec);
    total += ec ? 0 : n;
  }
  return total;
}

// The machine's load when the run began: the bench shares it.
std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

// Copies the database and its write-ahead log, the server stopped (the measurements restart it).
void keep_database(server_process& server, const std::string& to) {
  server.kill_hard();
  const auto copy = std::filesystem::copy_options::overwrite_existing;
  std::filesystem::copy_file(server.database(), to, copy);
  const auto wal = server.database().string() + "-wal";
  if (std::filesystem::exists(wal)) std::filesystem::copy_file(wal, to + "-wal", copy);
  std::cerr << "the show's database kept in " << to << "\n";
}

json verdicts(const json& out) {
  const auto max_ms = [&](const char* k) { return out.at(k).at("max").get<double>(); };
  const auto& page = out.at("page_weight");
  return json{{"replay_seeks_under_100ms", max_ms("replay_ms") < seek_target_ms},
              {"replay_first_under_100ms", out.at("replay_first").at("ms").get<double>() < seek_target_ms},
              {"report_under_1s", max_ms("report_ms") < report_target_ms},
              {"report_first_under_1s", out.at("report_first_ms").get<double>() < report_target_ms},
              {"page_under_500kb_compressed", page.at("total_compressed").get<std::size_t>() < page_target_bytes},
              {"page_under_500kb_as_served", page.at("total_as_served").get<std::size_t>() < page_target_bytes},
              {"verify_under_1s", max_ms("verify_ms") < verify_target_ms}};
}

void line(const json& r, const char* key) {
  const auto& s = r.at(key);
  std::cerr << "  " << key << ": p50 " << s["p50"] << " p99 " << s["p99"] << " max " << s["max"] << " (n " << s["n"]
            << ")\n";
}

void print_summary(const json& r) {
  std::cerr << "after the show: " << r["events"] << " events, played in " << r["seed_s"] << " s\n"
            << "  report: first " << r["report_first_ms"] << " ms, " << r["report_bytes"]["public"].dump()
            << " bytes; page " << r["page_weight"]["total_compressed"] << " bytes compressed, "
            << r["page_weight"]["total_as_served"] << " as served\n";
  line(r, "report_ms");
  line(r, "report_organizer_ms");
  std::cerr << "  replay: first " << r["replay_first"].dump() << "\n";
  line(r, "replay_ms");
  line(r, "replay_organizer_ms");
  std::cerr << "  archive: " << r["archive"]["bytes"] << " bytes, first " << r["archive"]["first_ms"] << " ms\n";
  line(r, "verify_ms");
  std::cerr << "  " << r["verify_said"].get<std::string>() << "\n  targets: " << r["targets"].dump() << "\n";
}

int failed(json result, const std::string& why, const server_process& server) {
  result["error"] = why;
  std::cerr << "tribune-bench: " << why << "\nserver log tail:\n" << server.log_tail() << "\n";
  std::cout << result.dump() << std::endl;
  return 1;
}

}  // namespace

int run_after_show(const options& o) {
  const auto token = random_token();
  server_process server(o.server_bin, o.server_cpu, o.server_threads, token);
  auto result = base_result(o);
  result.erase("listeners");
  result["load_average"] = load_average();
  try {
    server.start();
    if (!wait_healthy("127.0.0.1", server.port(), 20)) throw std::runtime_error("the server did not answer /healthz");
    target where;
    where.port = server.port();
    where.path = "/ws";
    std::cerr << "playing the show into " << server.database() << "\n";
    const auto show = seed_show(where, token, plan_of(o));
    std::cerr << show.events << " events in " << show.seconds << " s\n";
    result["debate"] = show.id;
    result["events"] = show.events;
    result["seed_s"] = show.seconds;
    result["show"] = show.figures;
    result["db_bytes"] = database_bytes(server.database());
    if (!o.keep_db.empty()) keep_database(server, o.keep_db);
    after_run r{o, show, server, token, json::object()};
    measure_report(r);
    measure_replay(r);
    measure_archive(r);
    result.update(r.out);
    result["events"] = result["archive"]["head"]["seq"];  // the log's own count, the end included
    result["targets"] = verdicts(result);
  } catch (const std::exception& e) {
    return failed(result, e.what(), server);
  }
  print_summary(result);
  std::cout << result.dump() << std::endl;
  return 0;
}

}  // namespace bench
