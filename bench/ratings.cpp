#include "ratings.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/co_spawn.hpp>

#include "client_hooks.hpp"
#include "fanout.hpp"
#include "figures.hpp"
#include "line_scan.hpp"
#include "net.hpp"
#include "pacing.hpp"
#include "publishers.hpp"
#include "replies.hpp"
#include "runner.hpp"
#include "wire.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t ratings_arguments = 30;
constexpr std::size_t ratings_camps = 3;
constexpr double pin_toggles_per_s = 10;       // a pin toggled every 100 ms
constexpr double ratings_per_listener_s = 15;  // under a connection's 20 commands a second

std::int64_t rating_key(const conn& c, std::int64_t id) { return static_cast<std::int64_t>(c.index) << 32 | id; }

// Each camp's stance on each argument (true: agree) from the seed, and one rating: 15 % passes,
// 10 % against the camp, as tribune-opinion-bench plants them.
struct planted_camps {
  explicit planted_camps(std::uint64_t seed) : rng(seed) {
    std::bernoulli_distribution coin(0.5);
    for (auto& camp : stance) {
      for (auto& agrees : camp) agrees = coin(rng);
    }
  }
  const char* rating(std::size_t camp, std::size_t argument) {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    if (u < 0.15) return "pass";
    return stance[camp][argument] != (u < 0.25) ? "agree" : "disagree";
  }
  std::mt19937_64 rng;
  std::array<std::array<bool, ratings_arguments>, ratings_camps> stance{};
};

// The panelist's replies while it posts: the arguments' ids.
struct argument_setup_hooks : client_hooks {
  std::vector<std::string> arguments;
  reply_tally replies;
  void on_reply(conn&, std::string_view line, std::int64_t, bool ok, std::int64_t, std::int64_t) override {
    replies.count(ok, line);
    if (const auto a = last_string(line, "\"argument\":\""); ok && !a.empty()) arguments.emplace_back(a);
  }
};

// The fan-out's hooks (the pin toggles, timed to every listener), plus the ratings' acks and what
// the opinion map sent the listeners.
struct ratings_hooks : fanout_hooks {
  explicit ratings_hooks(std::size_t listeners) : fanout_hooks(listeners), group(listeners) {}

  reply_tally ratings;
  std::unordered_map<std::int64_t, std::int64_t> rating_due;  // scheduled time by rating_key(listener, id)
  std::uint64_t ratings_sent = 0;
  std::uint64_t opinion_msgs = 0, opinion_you_msgs = 0;
  std::uint64_t opinion_bytes = 0, opinion_you_bytes = 0;
  std::uint64_t listener_bytes = 0;  // the lines the listeners received meanwhile
  std::vector<std::string> group;    // each listener's group in its last opinion_you ("": none)

  void on_reply(conn& c, std::string_view line, std::int64_t id, bool ok, std::int64_t seq, std::int64_t now) override {
    if (c.role != kind::audience) return fanout_hooks::on_reply(c, line, id, ok, seq, now);
    const auto it = rating_due.find(rating_key(c, id));
    if (it == rating_due.end()) return;
    ratings.count_timed(ok, line, it->second, now);
    rating_due.erase(it);
  }
  void on_line(conn& c, std::string_view line, std::string_view type, std::int64_t) override {
    if (c.role != kind::audience) return;
    listener_bytes += line.size();
    if (type == "opinion") {
      ++opinion_msgs;
      opinion_bytes += line.size();
    }
    if (type != "opinion_you") return;
    ++opinion_you_msgs;
    opinion_you_bytes += line.size();
    group[c.index] = std::string(last_string(line, "\"group\":\""));  // null: ""
  }
};

// Each server thread's CPU seconds (utime + stime) by thread id, from /proc/PID/task.
std::map<int, double> thread_cpu(int pid) {
  std::map<int, double> out;
  if (pid <= 0) return out;
  std::error_code ec;
  for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
    std::ifstream stat(task.path() / "stat");
    const std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(text.substr(close + 2));
    std::vector<std::string> f;
    for (std::string w; rest >> w;) f.push_back(w);
    if (f.size() <= 13) continue;
    const auto ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    out[std::stoi(task.path().filename().string())] = (std::stod(f[11]) + std::stod(f[12])) / ticks;
  }
  return out;
}

// The CPU each thread used between the two samples, in the order the server started them.
json thread_cpu_between(const std::map<int, double>& before, const std::map<int, double>& after) {
  json out = json::array();
  for (const auto& [tid, cpu] : after) {
    const auto it = before.find(tid);
    out.push_back(round3(cpu - (it == before.end() ? 0 : it->second)));
  }
  return out;
}

// The debate the runner created: the newest "Bench debate" (a server the bench started has no other).
asio::awaitable<std::string> find_debate(runner& r) {
  const auto listed = co_await r.rest().request(beast::http::verb::get, "/api/debates", nullptr, true, {});
  std::string id;
  std::int64_t newest = -1;
  if (listed.status != 200 || !listed.body.contains("debates")) co_return id;
  for (const auto& d : listed.body.at("debates")) {
    const auto created = d.value("created_at", std::int64_t{0});
    if (d.value("title", "") == "Bench debate" && created > newest) {
      newest = created;
      id = d.value("id", "");
    }
  }
  co_return id;
}

// A panelist's link (REST, organizer) and its connection, welcomed; nullptr after runner::fail.
asio::awaitable<conn*> open_panelist(runner& r, const std::string& debate) {
  const auto path = "/api/debates/" + debate + "/panelists";
  const json body{{"name", "Bench panelist"}, {"role", "panelist"}, {"side", "none"}};
  const auto made = co_await r.rest().request(beast::http::verb::post, path, &body, true, {});
  if (made.status != 201) {
    r.fail("create panelist: HTTP " + std::to_string(made.status) + " " + made.body.dump());
    co_return nullptr;
  }
  // Opened raw (not greeted with the moderator's token), then greeted as the panelist.
  std::vector<conn*> one;
  if (!co_await r.open_publishers(one, 1, kind::raw, 10s)) {
    r.fail("panelist connection did not open");
    co_return nullptr;
  }
  auto& c = *one.front();
  c.role = kind::moderator;  // staff: read as Tribune, not counted as a listener
  c.token = made.body.at("token");
  c.ready = false;
  r.clients().greet(c);
  if (!co_await wait_until([&] { return c.ready; }, 10s)) {
    r.fail("panelist not welcomed");
    co_return nullptr;
  }
  co_return &c;
}

// Posts the arguments (a panelist's are published at once) and returns their ids; fewer after
// runner::fail.
asio::awaitable<std::vector<std::string>> post_arguments(runner& r, conn& panelist) {
  argument_setup_hooks h;
  const scoped_hooks installed(r.clients(), h);
  for (std::size_t j = 0; j < ratings_arguments; ++j) {
    std::string text = "Bench argument ";
    text += std::to_string(j + 1);
    panelist.send_command(json{{"type", "post_argument"}, {"text", text}, {"stance", "none"}});
  }
  if (!co_await wait_until([&] { return h.replies.answered() >= ratings_arguments; }, 10s) || h.replies.errors ||
      h.arguments.size() != ratings_arguments) {
    r.fail("posting the arguments failed: " + h.replies.last_error);
    co_return std::vector<std::string>{};
  }
  co_await sleep_for(500ms);  // let argument_posted reach every listener
  co_return h.arguments;
}

// The groups the listeners ended in: their sizes, and the share of them in their camp's main group.
void add_rating_groups(json& result, const ratings_hooks& h) {
  std::size_t with_group = 0;
  std::map<std::string, std::size_t> sizes;
  std::array<std::map<std::string, std::size_t>, ratings_camps> by_camp;
  for (std::size_t i = 0; i < h.group.size(); ++i) {
    if (h.group[i].empty()) continue;
    ++with_group;
    ++sizes[h.group[i]];
    ++by_camp[i % ratings_camps][h.group[i]];
  }
  std::size_t in_main = 0;
  for (const auto& camp : by_camp) {
    std::size_t most = 0;
    for (const auto& [g, n] : camp) most = std::max(most, n);
    in_main += most;
  }
  result["listeners_with_group"] = with_group;
  result["groups"] = sizes;
  result["camp_purity"] = with_group ? round3(static_cast<double>(in_main) / static_cast<double>(with_group)) : 0;
}

}  // namespace

asio::awaitable<void> run_ratings(runner& r) {
  const auto debate = co_await find_debate(r);
  if (debate.empty()) co_return r.fail("the bench's debate is not in GET /api/debates");
  auto* panelist = co_await open_panelist(r, debate);
  if (!panelist) co_return;
  const auto arguments = co_await post_arguments(r, *panelist);
  if (arguments.size() != ratings_arguments) co_return;
  publisher_pool pool;
  if (!co_await pool.prepare(r, 1)) co_return;

  const auto n = r.listeners().size();
  ratings_hooks h(n);
  const scoped_hooks installed(r.clients(), h);
  const double spread = std::max(r.opts().spread, static_cast<double>(ratings_arguments) / ratings_per_listener_s);
  const auto pid = r.measured().server_pid();
  r.measured().begin();
  const auto cpu_before = thread_cpu(pid);
  const auto start = now_ns() + 5'000'000;

  // The fan-out: a pin toggled every 100 ms while the ratings last, each timed to every listener.
  std::int64_t late_max = 0;
  const scheduled_action toggle = [&](std::uint64_t, std::int64_t scheduled) {
    const auto now = now_ns();
    auto* p = pool.take(now);
    if (!p) return false;
    h.publish(*p, scheduled);
    late_max = std::max(late_max, now - scheduled);
    return true;
  };
  bool published = false;
  const auto publisher = [&]() -> asio::awaitable<void> {
    co_await run_paced(start, pin_toggles_per_s, static_cast<std::uint64_t>(spread * pin_toggles_per_s), toggle);
  };
  asio::co_spawn(r.io(), publisher(), [&published](const std::exception_ptr&) { published = true; });

  // The flood: rating k is listener k % n's rating of its (k / n)-th argument, so each listener
  // rates one argument every spread / 30 seconds, the listeners in turn.
  planted_camps planted(r.opts().seed);
  std::uint64_t skipped = 0;
  const scheduled_action rate = [&](std::uint64_t k, std::int64_t scheduled) {
    const auto i = static_cast<std::size_t>(k % n);
    auto& c = *r.listeners()[i];
    if (!c.open) {
      ++skipped;
      return true;
    }
    const auto a = static_cast<std::size_t>(k / n + i) % ratings_arguments;
    const auto id = c.send_command(
        json{{"type", "rate_argument"}, {"argument", arguments[a]}, {"rating", planted.rating(i % ratings_camps, a)}});
    h.rating_due[rating_key(c, id)] = scheduled;
    ++h.ratings_sent;
    return true;
  };
  const auto total = static_cast<std::uint64_t>(n * ratings_arguments);
  co_await run_paced(start, static_cast<double>(total) / spread, total, rate);
  const auto last_rating = now_ns();
  co_await wait_until([&] { return published; }, 60s);
  const bool acked = co_await wait_until([&] { return h.ratings.answered() >= h.ratings_sent; }, 60s);
  const bool drained =
      co_await wait_until([&] { return h.outstanding == 0 && h.fully >= h.replies.ok; }, drain_limit(spread));
  co_await sleep_for(3s);  // the map's last turn for the phones: at most 2 s, and its computation
  const auto cpu_after = thread_cpu(pid);

  const auto expected = h.replies.ok * n;
  json result{{"arguments", ratings_arguments},
              {"spread_s", round3(spread)},
              {"ratings_sent", h.ratings_sent},
              {"ratings_skipped", skipped},
              {"ratings_ok", h.ratings.ok},
              {"rating_errors", h.ratings.errors},
              {"ratings_acked", acked},
              {"ratings_per_s", round3(static_cast<double>(h.ratings.ok) / seconds_between(start, last_rating))},
              {"ack_latency_ms", h.ratings.latency.summary()},
              {"events_sent", h.sent},
              {"events_acked", h.replies.ok},
              {"event_errors", h.replies.errors},
              {"deliveries", h.received.received},
              {"lost", expected > h.received.received ? expected - h.received.received : 0},
              {"delivery_latency_ms", h.received.latency.summary()},
              {"drained", drained},
              {"publisher_late_max_ms", ms_between(0, late_max)},
              {"opinion_msgs", h.opinion_msgs},
              {"opinion_you_msgs", h.opinion_you_msgs},
              {"opinion_bytes", h.opinion_bytes},
              {"opinion_you_bytes", h.opinion_you_bytes},
              {"listener_bytes", h.listener_bytes},
              {"server_thread_cpu_s", thread_cpu_between(cpu_before, cpu_after)}};
  add_rating_groups(result, h);
  if (const char* map = std::getenv("TRIBUNE_OPINION_MAP"); map != nullptr && r.server()) result["opinion_map"] = map;
  h.ratings.report_error(result);
  if (h.replies.errors) result["event_error"] = h.replies.last_error;
  r.finish(result);
}

}  // namespace bench
