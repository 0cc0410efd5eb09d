#include "after_show_reads.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <vector>

#include "figures.hpp"
#include "keepalive_client.hpp"
#include "page_weight.hpp"
#include "process_stats.hpp"
#include "samples.hpp"

extern char** environ;  // NOLINT: posix_spawn passes the bench's environment on

namespace bench {
namespace {

constexpr int verify_runs = 3;
constexpr std::size_t archive_repeats = 5;
constexpr std::size_t slowest_kept = 5;

double ms_of(std::int64_t ns) { return round3(static_cast<double>(ns) / 1e6); }

void expect(const keepalive_client::answer& a, int status, const std::string& what) {
  if (a.status == status) return;
  throw std::runtime_error(what + ": HTTP " + std::to_string(a.status) + " " + a.body.substr(0, 200));
}

std::string debate_path(const after_run& r) { return "/api/debates/" + r.show.id; }

// Kills the server and starts it again on the same database: nothing of the show left in its memory.
void restart(after_run& r) {
  r.server.kill_hard();
  r.server.start();
  if (!wait_healthy("127.0.0.1", r.server.port(), 20)) {
    throw std::runtime_error("the restarted server did not answer /healthz");
  }
}

json sizes_of(const std::string& body) { return json{{"raw", body.size()}, {"gzip6", gzip_level6(body).size()}}; }

json timed(keepalive_client& http, const std::string& path, std::string_view bearer, std::size_t n) {
  samples s;
  for (std::size_t i = 0; i < n; ++i) {
    const auto a = http.request(http::verb::get, path, {{}, bearer, {}});
    expect(a, 200, path);
    s.add(a.ns);
  }
  return s.summary();
}

// The report page's weight on a first visit: its files as served to a browser that accepts gzip,
// and the JSON it asks for (the debate by its code, the report, the replay's first frame) raw, as
// the server sends it unless it compresses JSON, and gzipped.
void page_weight(after_run& r, keepalive_client& http, const json& report, const std::string& report_body,
                 bool json_gzipped) {
  const auto files = report_page_files(http, r.server.port(), r.show.code, "fr");
  const auto debate = http.get("/api/join/" + r.show.code);
  expect(debate, 200, "the debate by its code");
  const auto& moments = report.at("moments");
  const auto seq = (moments.empty() ? report : moments.front()).at("seq").get<std::int64_t>();
  const auto frame = http.get(debate_path(r) + "/replay?seq=" + std::to_string(seq));
  expect(frame, 200, "the first frame");
  std::size_t raw = 0;
  std::size_t packed = 0;
  for (const auto* body : {&debate.body, &report_body, &frame.body}) {
    raw += body->size();
    packed += gzip_level6(*body).size();
  }
  r.out["page_weight"] = json{{"files",
                               {{"count", files.count},
                                {"raw", files.raw_bytes},
                                {"wire", files.wire_bytes},
                                {"sent_plain", files.sent_plain},
                                {"missing", files.missing}}},
                              {"file_list", files.files},
                              {"json",
                               {{"debate", debate.body.size()},
                                {"report", report_body.size()},
                                {"first_frame", frame.body.size()},
                                {"raw", raw},
                                {"gzip6", packed}}},
                              {"total_compressed", files.wire_bytes + packed},
                              {"total_as_served", files.wire_bytes + (json_gzipped ? packed : raw)}};
}

struct child_run {
  int status = -1;
  std::int64_t ns = 0;
  double cpu_s = 0;
  std::string output;
};

double seconds_of(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; }

// Runs `bin args…` with its output in `log`, and times it: wall clock from spawn to exit, and CPU.
child_run run_timed(const std::string& bin, const std::vector<std::string>& args, const std::filesystem::path& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<std::string> all{bin};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  child_run out;
  const auto t0 = now_ns();
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, bin.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::system_error(rc, std::generic_category(), "starting " + bin);
  int status = 0;
  rusage used{};
  wait4(pid, &status, 0, &used);
  out.ns = now_ns() - t0;
  out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  out.cpu_s = round3(seconds_of(used.ru_utime) + seconds_of(used.ru_stime));
  std::ifstream in(log);
  out.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return out;
}

// Seeks to random seqs with the organizer token: the moderator's view, every participant listed.
json organizer_seeks(after_run& r, keepalive_client& http, std::mt19937_64& rng) {
  std::uniform_int_distribution<std::int64_t> any(1, r.show.events);
  samples took;
  for (std::size_t i = 0; i < std::max<std::size_t>(10, r.opt.requests / 4); ++i) {
    const auto path = debate_path(r) + "/replay?seq=" + std::to_string(any(rng));
    const auto a = http.request(http::verb::get, path, {{}, r.token, {}});
    expect(a, 200, "an organizer's replay frame");
    took.add(a.ns);
  }
  return took.summary();
}

}  // namespace

void measure_report(after_run& r) {
  restart(r);
  keepalive_client http("127.0.0.1", r.server.port());
  const auto path = debate_path(r) + "/report";
  const auto before = sample_process(r.server.pid());
  const auto first = http.get(path);
  expect(first, 200, "the first report");
  const auto after = sample_process(r.server.pid());
  r.out["report_first_ms"] = ms_of(first.ns);
  r.out["report_first_server_cpu_s"] = round3(after.cpu_s - before.cpu_s);
  r.out["rss_before_report_kib"] = before.rss_kib;
  r.out["rss_after_report_kib"] = after.rss_kib;
  const auto repeats = std::max<std::size_t>(10, r.opt.requests / 4);
  r.out["report_ms"] = timed(http, path, {}, repeats);
  const auto organizer = http.request(http::verb::get, path, {{}, r.token, {}});
  expect(organizer, 200, "the organizer's report");
  r.out["report_organizer_ms"] = timed(http, path, r.token, repeats);
  const auto asked = get_accepting_gzip(r.server.port(), path);
  const bool gzipped = asked.content_encoding == "gzip";
  r.out["report_bytes"] =
      json{{"public", sizes_of(first.body)}, {"organizer", sizes_of(organizer.body)}, {"served_gzip", gzipped}};
  const auto report = json::parse(first.body);
  r.out["report_counts"] = report.at("counts");
  r.out["report_moments"] = report.at("moments").size();
  r.out["report_head"] = report.at("head");
  page_weight(r, http, report, first.body, gzipped);
}

void measure_replay(after_run& r) {
  restart(r);
  keepalive_client http("127.0.0.1", r.server.port());
  std::mt19937_64 rng(r.opt.seed + 2);
  std::uniform_int_distribution<std::int64_t> any(1, r.show.events);
  const auto base = debate_path(r) + "/replay?seq=";
  const auto before = sample_process(r.server.pid());
  const auto first_seq = any(rng);
  const auto first = http.get(base + std::to_string(first_seq));
  expect(first, 200, "the first replay frame");
  const auto after = sample_process(r.server.pid());
  r.out["replay_first"] = json{{"seq", first_seq},
                               {"ms", ms_of(first.ns)},
                               {"server_cpu_s", round3(after.cpu_s - before.cpu_s)},
                               {"bytes", first.body.size()}};
  r.out["rss_after_pass_kib"] = after.rss_kib;
  samples seeks;
  sizes bytes;
  std::vector<std::pair<std::int64_t, std::int64_t>> slowest;  // (ns, seq)
  for (std::size_t i = 0; i < r.opt.requests; ++i) {
    const auto seq = any(rng);
    const auto a = http.get(base + std::to_string(seq));
    expect(a, 200, "a replay frame");
    seeks.add(a.ns);
    bytes.add(a.body.size());
    slowest.emplace_back(a.ns, seq);
  }
  std::sort(slowest.rbegin(), slowest.rend());
  slowest.resize(std::min(slowest.size(), slowest_kept));
  r.out["replay_ms"] = seeks.summary();
  r.out["replay_bytes"] = bytes.summary();
  r.out["replay_slowest"] = json::array();
  for (const auto& [ns, seq] : slowest) r.out["replay_slowest"].push_back(json{{"seq", seq}, {"ms", ms_of(ns)}});
  r.out["replay_organizer_ms"] = organizer_seeks(r, http, rng);
  r.out["replay_server_cpu_s"] = round3(sample_process(r.server.pid()).cpu_s - before.cpu_s);
}

void measure_archive(after_run& r) {
  restart(r);
  keepalive_client http("127.0.0.1", r.server.port());
  const auto path = debate_path(r) + "/archive";
  const auto first = http.get(path);
  expect(first, 200, "the archive");
  samples again;
  for (std::size_t i = 0; i < archive_repeats; ++i) {
    const auto a = http.get(path);
    expect(a, 200, "the archive again");
    again.add(a.ns);
  }
  const auto head = json::parse(http.get(path + "/head").body);
  const auto dir = r.server.database().parent_path();
  std::ofstream(dir / "archive.ndjson", std::ios::binary) << first.body;
  r.out["archive"] = json{{"first_ms", ms_of(first.ns)},
                          {"again_ms", again.summary()},
                          {"bytes", first.body.size()},
                          {"gzip6", gzip_level6(first.body).size()},
                          {"lines", std::count(first.body.begin(), first.body.end(), '\n')},
                          {"head", head}};
  samples verify;
  json runs = json::array();
  std::string said;
  for (int i = 0; i < verify_runs; ++i) {
    const auto v = run_timed(r.opt.server_bin, {"verify", (dir / "archive.ndjson").string()}, dir / "verify.log");
    if (v.status != 0) throw std::runtime_error("tribune verify refused the archive: " + v.output.substr(0, 300));
    verify.add(v.ns);
    runs.push_back(json{{"ms", ms_of(v.ns)}, {"cpu_s", v.cpu_s}});
    said = v.output.substr(0, v.output.find('\n'));
  }
  r.out["verify_ms"] = verify.summary();
  r.out["verify_runs"] = runs;
  r.out["verify_said"] = said;
  r.out["verify_head_matches"] = said.find(head.at("head").get<std::string>()) != std::string::npos;
}

}  // namespace bench
