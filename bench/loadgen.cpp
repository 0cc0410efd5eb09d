// tribune-bench: a single-process load generator for Tribune and for two reference broadcast
// servers (NATS over WebSocket, and a minimal Node `ws` broadcaster).
//
// Design:
// - One thread runs one io_context holding every connection. Connections are plain structs with
//   callback-driven reads and writes, so each costs a socket, a Beast stream and a small buffer.
// - Every server text frame is split on '\n'; each line is one delivery.
// - Lines are inspected with a few string searches instead of a JSON parse: at a million
//   deliveries a second the parser would measure the generator, not the server. The rare big
//   messages (welcome, snapshot) are parsed in full.
// - Paced latency is measured from the scheduled send time, never from the actual send time, so a
//   stalled publisher shows up as latency (no coordinated omission).
// - Results are one JSON line on stdout; progress goes to stderr.
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast.hpp>
#include <nlohmann/json.hpp>

namespace bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using json = nlohmann::json;
using namespace std::chrono_literals;
inline constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
double seconds_between(std::int64_t a, std::int64_t b) { return static_cast<double>(b - a) / 1e9; }

// ---------------------------------------------------------------------------------------------
// Options

struct options {
  std::string scenario = "fanout";  // fanout, flash, reactions, questions, reconnect
  std::string peer;                 // empty: Tribune; else nats or ws
  std::string server_bin;           // start Tribune ourselves
  std::string url;                  // or attach: http://127.0.0.1:8080 (Tribune), ws://host:port/ (peers)
  std::string admin_token;          // attach mode: the organizer token (else TRIBUNE_ADMIN_TOKEN)
  int server_pid = 0;               // attach mode: the process to sample for CPU and memory
  int server_cpu = -1;              // pin a server we start to this core
  unsigned server_threads = 1;
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
  std::string label;
};

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

options parse_options(int argc, char** argv) {
  options o;
  std::map<std::string, std::string> kv;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    if (k == "--help" || k == "-h") usage("help");
    if (!k.starts_with("--") || i + 1 >= argc) usage("bad argument " + k);
    kv[k.substr(2)] = argv[++i];
  }
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

// ---------------------------------------------------------------------------------------------
// Latency histogram: exact to the microsecond below 1 ms, then 64 sub-buckets per power of two
// (under 1.6 % error), so it is fixed-size whatever the number of samples.

class histogram {
 public:
  void record(std::int64_t ns) {
    const auto us = static_cast<std::uint64_t>(std::max<std::int64_t>(ns, 0) / 1000);
    ++counts_[bucket(us)];
    ++n_;
    max_ = std::max(max_, us);
  }
  std::uint64_t count() const { return n_; }
  double percentile_ms(double p) const {
    if (n_ == 0) return 0;
    const auto want = static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(n_)));
    std::uint64_t seen = 0;
    for (std::size_t b = 0; b < counts_.size(); ++b) {
      seen += counts_[b];
      if (seen >= std::max<std::uint64_t>(want, 1)) return static_cast<double>(std::min(upper(b), max_)) / 1000.0;
    }
    return static_cast<double>(max_) / 1000.0;
  }
  double max_ms() const { return static_cast<double>(max_) / 1000.0; }
  json summary() const {
    return json{{"n", n_},
                {"p50", round3(percentile_ms(50))},
                {"p99", round3(percentile_ms(99))},
                {"p999", round3(percentile_ms(99.9))},
                {"max", round3(max_ms())}};
  }
  static double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

 private:
  static constexpr std::size_t linear = 1024;
  static constexpr std::size_t sub = 64;
  static std::size_t bucket(std::uint64_t us) {
    if (us < linear) return us;
    const auto log2 = static_cast<std::size_t>(63 - __builtin_clzll(us));  // >= 10
    const auto offset = static_cast<std::size_t>((us >> (log2 - 6)) & (sub - 1));
    return std::min(linear + (log2 - 10) * sub + offset, counts_size - 1);
  }
  static std::uint64_t upper(std::size_t b) {
    if (b < linear) return b;
    const auto log2 = (b - linear) / sub + 10;
    const auto offset = (b - linear) % sub;
    return ((std::uint64_t{1} << log2) + ((offset + 1) << (log2 - 6))) - 1;
  }
  static constexpr std::size_t counts_size = linear + 30 * sub;
  std::array<std::uint64_t, counts_size> counts_{};
  std::uint64_t n_ = 0;
  std::uint64_t max_ = 0;
};

// ---------------------------------------------------------------------------------------------
// The measured process: CPU seconds and resident memory from /proc.

struct proc_sample {
  double cpu_s = 0;
  long rss_kib = 0;
};

proc_sample sample_process(int pid) {
  proc_sample s;
  if (pid <= 0) return s;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');
  if (close != std::string::npos) {
    std::istringstream rest(text.substr(close + 2));
    std::vector<std::string> f;
    for (std::string w; rest >> w;) f.push_back(w);
    // After the command name: state is field 3, utime 14 and stime 15 (1-based in proc(5)).
    if (f.size() > 13) {
      const auto ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
      s.cpu_s = (std::stod(f[11]) + std::stod(f[12])) / ticks;
    }
  }
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmRSS:")) s.rss_kib = std::stol(line.substr(6));
  }
  return s;
}

double self_cpu_s() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// ---------------------------------------------------------------------------------------------
// A Tribune server started by the bench: ephemeral port, temporary database, pinned to a core.

class server_process {
 public:
  server_process(std::string bin, int cpu, unsigned threads, std::string admin_token)
      : bin_(std::move(bin)), cpu_(cpu), threads_(threads), admin_token_(std::move(admin_token)) {
    dir_ = std::filesystem::temp_directory_path() / ("tribune-bench-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    port_ = free_port();
  }
  ~server_process() {
    if (pid_ > 0) kill_hard();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  server_process(const server_process&) = delete;
  server_process& operator=(const server_process&) = delete;

  void start() {
    const auto log_path = (dir_ / "server.log").string();
    std::vector<std::string> args = {bin_,          "serve",
                                     "--listen",    "127.0.0.1:" + std::to_string(port_),
                                     "--db",        (dir_ / "bench.db").string(),
                                     "--log-level", "warn",
                                     "--threads",   std::to_string(threads_)};
    const std::string env_token = "TRIBUNE_ADMIN_TOKEN=" + admin_token_;
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      if (cpu_ >= 0) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(cpu_, &set);
        sched_setaffinity(0, sizeof set, &set);
      }
      std::FILE* out = std::fopen(log_path.c_str(), "a");
      if (out != nullptr) {
        dup2(fileno(out), 1);
        dup2(fileno(out), 2);
      }
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      putenv(const_cast<char*>(env_token.c_str()));
      execv(argv[0], argv.data());
      _exit(127);
    }
    pid_ = pid;
  }
  void kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  int pid() const { return pid_; }
  std::uint16_t port() const { return port_; }
  std::string log_tail() const {
    std::ifstream in(dir_ / "server.log");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
  }

 private:
  static std::uint16_t free_port() {
    asio::io_context io;
    tcp::acceptor a(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    return a.local_endpoint().port();
  }
  std::string bin_;
  int cpu_;
  unsigned threads_;
  std::string admin_token_;
  std::filesystem::path dir_;
  std::uint16_t port_ = 0;
  int pid_ = -1;
};

// ---------------------------------------------------------------------------------------------
// Addresses. On loopback every client can speak from its own 127.x address: the server's
// per-address limit on new audience identities then applies per simulated venue, not to the
// whole bench.

struct target {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string path = "/";
  bool loopback = true;
};

target parse_url(const std::string& url) {
  target t;
  auto rest = url;
  if (const auto p = rest.find("://"); p != std::string::npos) rest = rest.substr(p + 3);
  const auto slash = rest.find('/');
  auto hostport = rest.substr(0, slash);
  t.path = slash == std::string::npos ? "/" : rest.substr(slash);
  const auto colon = hostport.rfind(':');
  if (colon == std::string::npos) usage("the URL needs a port: " + url);
  t.host = hostport.substr(0, colon);
  t.port = static_cast<std::uint16_t>(std::stoi(hostport.substr(colon + 1)));
  t.loopback = t.host.starts_with("127.") || t.host == "localhost";
  if (t.host == "localhost") t.host = "127.0.0.1";
  return t;
}

// 127.0.1.0 upwards: 250 identities per address stays under the server's burst of new identities.
asio::ip::address_v4 source_address(std::size_t index) {
  const auto n = static_cast<std::uint32_t>(index / 250);
  return asio::ip::address_v4((127u << 24) | (1u << 8) | (n + 1));
}

// ---------------------------------------------------------------------------------------------
// Line scanning: the wire encoder writes object keys in sorted order, and the top-level `seq`,
// `prev` and `type` come after `data`, so the last occurrence of each key is the top-level one.

std::optional<std::int64_t> last_number(std::string_view line, std::string_view key) {
  const auto p = line.rfind(key);
  if (p == std::string_view::npos) return std::nullopt;
  std::int64_t v = 0;
  const auto* first = line.data() + p + key.size();
  const auto [ptr, ec] = std::from_chars(first, line.data() + line.size(), v);
  if (ec != std::errc{}) return std::nullopt;
  return v;
}

std::optional<std::int64_t> first_number(std::string_view line, std::string_view key) {
  const auto p = line.find(key);
  if (p == std::string_view::npos) return std::nullopt;
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(line.data() + p + key.size(), line.data() + line.size(), v);
  if (ec != std::errc{}) return std::nullopt;
  return v;
}

std::string_view last_string(std::string_view line, std::string_view key) {
  const auto p = line.rfind(key);
  if (p == std::string_view::npos) return {};
  const auto start = p + key.size();
  const auto end = line.find('"', start);
  if (end == std::string_view::npos) return {};
  return line.substr(start, end - start);
}

// ---------------------------------------------------------------------------------------------
// One client connection.

enum class kind : std::uint8_t { audience, moderator, nats, raw };

struct scenario;

struct conn {
  conn(asio::io_context& io, std::size_t i, kind k) : io_(io), index(i), role(k) {}

  asio::io_context& io_;
  std::size_t index;
  kind role;
  std::optional<websocket::stream<tcp::socket>> ws;
  beast::flat_buffer buf;
  std::deque<std::string> out;
  bool writing = false;
  bool reading = false;
  bool open = false;
  bool ready = false;    // welcomed (Tribune) or subscribed (peers)
  bool listener = true;  // peers: false for the publisher, which does not subscribe
  int closes = 0;

  // Tribune identity.
  std::string token;
  // Order checks across the whole run, reconnections included.
  std::int64_t last_seq = 0;
  std::int64_t caught_up_to = 0;  // the welcome's seq: caught up once last_seq reaches it
  std::int64_t caught_up_at = 0;
  std::uint64_t deliveries = 0;  // every line received
  std::uint64_t events = 0;      // event lines (Tribune) or messages (peers)
  std::uint64_t gaps = 0;
  std::uint64_t dups = 0;
  // Peers: a NATS stream may cut a message across frames.
  std::string pending;
  std::int64_t last_index = -1;
  // Scenario state.
  std::int64_t stamp = 0;
  std::int64_t ballots_seen = 0;
  std::int64_t ballots_seen_at = 0;
  std::uint64_t reaction_msgs = 0;
  std::int64_t next_cmd = 1;

  void send(std::string text) {
    if (!open) return;
    out.push_back(std::move(text));
    write_next();
  }
  void write_next() {
    if (writing || out.empty() || !open) return;
    writing = true;
    ws->text(role != kind::nats);
    ws->async_write(asio::buffer(out.front()), [this](beast::error_code ec, std::size_t) {
      writing = false;
      if (!out.empty()) out.pop_front();
      if (ec) {
        out.clear();
        return;
      }
      write_next();
    });
  }
};

// ---------------------------------------------------------------------------------------------
// The run: connections, the server, the scenario hooks.

struct publish_slot {
  std::int64_t scheduled = 0;  // ns; 0 = not acknowledged yet
  std::uint32_t received = 0;
  bool counted_full = false;
  std::vector<std::int64_t> early;  // receive times that arrived before the ack told us the seq
};

struct scenario {
  virtual ~scenario() = default;
  virtual void on_event(conn&, std::string_view /*line*/, std::int64_t /*seq*/, std::string_view /*name*/,
                        std::int64_t /*now*/) {}
  virtual void on_reply(conn&, std::string_view /*line*/, std::int64_t /*id*/, bool /*ok*/, std::int64_t /*seq*/,
                        std::int64_t /*now*/) {}
  virtual void on_tallies(conn&, std::string_view /*line*/, std::int64_t /*now*/) {}
  virtual void on_reactions(conn&, std::string_view /*line*/, std::int64_t /*now*/) {}
  virtual void on_peer_message(conn&, std::string_view /*payload*/, std::int64_t /*now*/) {}
  virtual void on_closed(conn&) {}
};

class runner {
 public:
  explicit runner(options o) : opt_(std::move(o)) {}

  int run();

  // --- connection plumbing -------------------------------------------------------------------
  asio::awaitable<bool> open_ws(conn& c, std::size_t source_index);
  void read_next(conn& c);
  void on_frame(conn& c, std::string_view frame, std::int64_t now);
  void on_line(conn& c, std::string_view line, std::int64_t now);
  void on_peer_bytes(conn& c, std::string_view bytes, std::int64_t now);
  void on_close(conn& c);
  asio::awaitable<void> connect_all(std::vector<conn*> conns, bool hello);
  void send_hello(conn& c);

  // --- REST ----------------------------------------------------------------------------------
  // Arguments are views and pointers: GCC 12 may destroy a temporary in a co_await expression
  // twice, so callers name anything with a destructor before awaiting.
  asio::awaitable<std::pair<int, json>> rest(http::verb method, std::string_view path, const json* body, bool organizer,
                                             std::optional<asio::ip::address_v4> from);
  asio::awaitable<bool> setup_debate();
  asio::awaitable<bool> join_all(std::size_t n);

  // --- waits ---------------------------------------------------------------------------------
  template <class Pred>
  asio::awaitable<bool> wait_until(Pred done, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    asio::steady_timer t(io_);
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) co_return false;
      t.expires_after(2ms);
      co_await t.async_wait(use_tuple);
    }
    co_return true;
  }
  asio::awaitable<void> sleep_for(std::chrono::nanoseconds d);
  // Starts the measured phase: server and generator CPU, and the wall clock.
  void begin_measuring();
  // Calls send(i) for i in [0, k), spread evenly over --spread seconds from 5 ms from now, each at
  // its scheduled time. Returns the first scheduled time.
  asio::awaitable<std::int64_t> spread_over(std::size_t k, const std::function<void(std::size_t)>& send);

  // --- scenarios -----------------------------------------------------------------------------
  asio::awaitable<void> main_flow();
  asio::awaitable<void> fanout();
  asio::awaitable<void> flash();
  asio::awaitable<void> reactions();
  asio::awaitable<void> questions();
  asio::awaitable<void> reconnect();
  asio::awaitable<void> peer_fanout();

  std::string cmd(conn& c, json body) {
    body["id"] = c.next_cmd++;
    return body.dump();
  }
  std::size_t ready_listeners() const {
    return static_cast<std::size_t>(
        std::count_if(listeners_.begin(), listeners_.end(), [](const auto& c) { return c->ready && c->open; }));
  }
  std::size_t open_listeners() const {
    return static_cast<std::size_t>(
        std::count_if(listeners_.begin(), listeners_.end(), [](const auto& c) { return c->open; }));
  }
  void measure_idle_memory();
  json base_result();
  void finish(json result);
  void fail(const std::string& why);

  options opt_;
  asio::io_context io_{1};
  target tgt_;
  std::unique_ptr<server_process> server_;
  int server_pid_ = 0;
  std::string origin_;

  std::string debate_;
  std::string moderator_token_;
  std::vector<std::string> tokens_;
  std::vector<std::unique_ptr<conn>> listeners_;
  std::vector<std::unique_ptr<conn>> publishers_;
  scenario* hooks_ = nullptr;

  long rss_before_ = 0;
  long rss_idle_ = 0;
  proc_sample cpu_start_;
  std::int64_t t_start_ = 0;
  double bench_cpu_start_ = 0;
  json result_;
  bool failed_ = false;
};

int runner::run() {
  if (opt_.admin_token.empty()) {
    std::random_device rd;
    const std::string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (int i = 0; i < 43; ++i) opt_.admin_token.push_back(alphabet[rd() % alphabet.size()]);
  }
  if (!opt_.server_bin.empty()) {
    server_ = std::make_unique<server_process>(opt_.server_bin, opt_.server_cpu, opt_.server_threads, opt_.admin_token);
    server_->start();
    server_pid_ = server_->pid();
    tgt_.port = server_->port();
    tgt_.path = "/ws";
  } else {
    tgt_ = parse_url(opt_.url);
    server_pid_ = opt_.server_pid;
    if (opt_.peer.empty()) tgt_.path = "/ws";
  }
  origin_ = "http://" + tgt_.host + ":" + std::to_string(tgt_.port);
  asio::co_spawn(io_, main_flow(), [this](const std::exception_ptr& e) {
    if (e) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        fail(std::string("exception: ") + ex.what());
      }
    }
    // Close everything; pending handlers then complete with errors and the loop runs dry.
    for (auto* set : {&listeners_, &publishers_}) {
      for (auto& c : *set) {
        c->open = false;
        if (c->ws) {
          beast::error_code ec;
          beast::get_lowest_layer(*c->ws).close(ec);
        }
      }
    }
    io_.stop();
  });
  io_.run();
  if (server_) server_->kill_hard();
  return failed_ ? 1 : 0;
}

void runner::fail(const std::string& why) {
  failed_ = true;
  std::cerr << "tribune-bench: " << why << "\n";
  if (server_) std::cerr << "server log tail:\n" << server_->log_tail() << "\n";
  json r = base_result();
  r["error"] = why;
  std::cout << r.dump() << std::endl;
}

asio::awaitable<void> runner::sleep_for(std::chrono::nanoseconds d) {
  asio::steady_timer t(io_, d);
  co_await t.async_wait(use_tuple);
}

void runner::begin_measuring() {
  cpu_start_ = sample_process(server_pid_);
  bench_cpu_start_ = self_cpu_s();
  t_start_ = now_ns();
}

asio::awaitable<std::int64_t> runner::spread_over(std::size_t k, const std::function<void(std::size_t)>& send) {
  const auto start = now_ns() + 5'000'000;
  const auto step = opt_.spread * 1e9 / static_cast<double>(std::max<std::size_t>(k, 1));
  asio::steady_timer timer(io_);
  for (std::size_t i = 0; i < k; ++i) {
    const auto scheduled = start + static_cast<std::int64_t>(static_cast<double>(i) * step);
    const auto now = now_ns();
    if (now < scheduled) {
      timer.expires_after(std::chrono::nanoseconds(scheduled - now));
      co_await timer.async_wait(use_tuple);
    }
    send(i);
  }
  co_return start;
}

// --- REST ------------------------------------------------------------------------------------

asio::awaitable<std::pair<int, json>> runner::rest(http::verb method, std::string_view path, const json* body,
                                                   bool organizer, std::optional<asio::ip::address_v4> from) {
  tcp::socket sock(io_);
  sock.open(tcp::v4());
  if (from && tgt_.loopback) {
    sock.bind(tcp::endpoint(*from, 0));
  }
  const tcp::endpoint ep(asio::ip::make_address(tgt_.host), tgt_.port);
  auto [cec] = co_await sock.async_connect(ep, use_tuple);
  if (cec) co_return std::pair<int, json>{0, json{{"error", cec.message()}}};
  http::request<http::string_body> req{method, path, 11};
  req.set(http::field::host, tgt_.host + ":" + std::to_string(tgt_.port));
  if (organizer) req.set(http::field::authorization, "Bearer " + opt_.admin_token);
  if (body != nullptr) {
    req.set(http::field::content_type, "application/json");
    req.body() = body->dump();
  }
  req.keep_alive(false);
  req.prepare_payload();
  auto [wec, wn] = co_await http::async_write(sock, req, use_tuple);
  if (wec) co_return std::pair<int, json>{0, json{{"error", wec.message()}}};
  beast::flat_buffer b;
  http::response<http::string_body> res;
  auto [rec, rn] = co_await http::async_read(sock, b, res, use_tuple);
  if (rec) co_return std::pair<int, json>{0, json{{"error", rec.message()}}};
  auto parsed = json::parse(res.body(), nullptr, false);
  co_return std::pair<int, json>{static_cast<int>(res.result_int()), parsed.is_discarded() ? json() : parsed};
}

asio::awaitable<bool> runner::setup_debate() {
  // Wait for the server to answer.
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  for (;;) {
    auto [status, body] = co_await rest(http::verb::get, "/healthz", nullptr, false, std::nullopt);
    if (status == 200) break;
    if (std::chrono::steady_clock::now() > deadline) {
      fail("the server did not answer /healthz");
      co_return false;
    }
    co_await sleep_for(50ms);
  }
  const json create{{"title", "Bench debate"}};
  auto [status, body] = co_await rest(http::verb::post, "/api/debates", &create, true, std::nullopt);
  if (status != 201) {
    fail("create debate: HTTP " + std::to_string(status) + " " + body.dump());
    co_return false;
  }
  debate_ = body.at("id");
  moderator_token_ = body.at("tokens").at("moderator");
  co_return true;
}

asio::awaitable<bool> runner::join_all(std::size_t n) {
  tokens_.assign(n, {});
  std::size_t next = 0, failures = 0, rate_limited = 0;
  const auto worker = [&]() -> asio::awaitable<void> {
    while (next < n) {
      const auto i = next++;
      const auto path = "/api/debates/" + debate_ + "/participants";
      const json body{{"name", "b" + std::to_string(i)}};
      const auto from = source_address(i);
      auto [status, reply] = co_await rest(http::verb::post, path, &body, false, from);
      if (status == 201) {
        tokens_[i] = reply.at("token");
      } else {
        ++failures;
        if (status == 429) ++rate_limited;
      }
    }
  };
  std::size_t running = 32;
  for (int w = 0; w < 32; ++w) {
    asio::co_spawn(io_, worker(), [&running](const std::exception_ptr&) { --running; });
  }
  const auto t0 = now_ns();
  const bool ok = co_await wait_until([&] { return running == 0; }, 600s);
  std::cerr << "joined " << n - failures << " in " << seconds_between(t0, now_ns()) << " s\n";
  if (!ok || failures) {
    fail("joins failed: " + std::to_string(failures) + " (rate limited " + std::to_string(rate_limited) + ")");
    co_return false;
  }
  co_return true;
}

// --- connections -----------------------------------------------------------------------------

asio::awaitable<bool> runner::open_ws(conn& c, std::size_t source_index) {
  c.ws.emplace(io_);
  c.buf.clear();
  c.pending.clear();
  auto& sock = beast::get_lowest_layer(*c.ws);
  sock.open(tcp::v4());
  if (tgt_.loopback) sock.bind(tcp::endpoint(source_address(source_index), 0));
  const tcp::endpoint ep(asio::ip::make_address(tgt_.host), tgt_.port);
  auto [cec] = co_await sock.async_connect(ep, use_tuple);
  if (cec) co_return false;
  sock.set_option(tcp::no_delay(true));
  c.ws->set_option(websocket::stream_base::decorator(
      [origin = origin_](websocket::request_type& req) { req.set(http::field::origin, origin); }));
  c.ws->read_message_max(64 * 1024 * 1024);
  c.ws->auto_fragment(false);
  const auto host = tgt_.host + ":" + std::to_string(tgt_.port);
  auto [hec] = co_await c.ws->async_handshake(host, tgt_.path, use_tuple);
  if (hec) co_return false;
  c.open = true;
  c.writing = false;
  c.out.clear();
  read_next(c);
  co_return true;
}

void runner::read_next(conn& c) {
  c.reading = true;
  c.ws->async_read(c.buf, [this, &c](beast::error_code ec, std::size_t) {
    c.reading = false;
    if (ec) return on_close(c);
    const auto data = c.buf.cdata();
    const std::string_view frame(static_cast<const char*>(data.data()), data.size());
    on_frame(c, frame, now_ns());
    c.buf.consume(c.buf.size());
    if (c.open) read_next(c);
  });
}

void runner::on_close(conn& c) {
  const bool was_open = c.open;
  c.open = false;
  c.ready = false;
  c.out.clear();
  if (was_open) {
    ++c.closes;
    if (hooks_) hooks_->on_closed(c);
  }
}

void runner::on_frame(conn& c, std::string_view frame, std::int64_t now) {
  if (c.role == kind::nats) return on_peer_bytes(c, frame, now);
  if (c.role == kind::raw) {
    ++c.deliveries;
    if (hooks_) hooks_->on_peer_message(c, frame, now);
    return;
  }
  // A frame may hold several messages, one per line.
  while (!frame.empty()) {
    const auto nl = frame.find('\n');
    const auto line = frame.substr(0, nl);
    if (!line.empty()) on_line(c, line, now);
    if (nl == std::string_view::npos) break;
    frame.remove_prefix(nl + 1);
  }
}

void runner::on_line(conn& c, std::string_view line, std::int64_t now) {
  ++c.deliveries;
  const auto type = last_string(line, "\"type\":\"");
  if (type == "event") {
    const auto seq = last_number(line, "\"seq\":").value_or(0);
    const auto prev = last_number(line, "\"prev\":").value_or(0);
    ++c.events;
    if (seq <= c.last_seq) {
      ++c.dups;
    } else {
      if (prev > c.last_seq) ++c.gaps;
      c.last_seq = seq;
    }
    if (!c.caught_up_at && c.caught_up_to && c.last_seq >= c.caught_up_to) c.caught_up_at = now;
    if (hooks_) hooks_->on_event(c, line, seq, last_string(line, "\"event\":\""), now);
  } else if (type == "ack" || type == "error") {
    const auto id = first_number(line, "\"id\":").value_or(-1);
    const auto seq = last_number(line, "\"seq\":").value_or(0);
    if (hooks_) hooks_->on_reply(c, line, id, type == "ack", seq, now);
  } else if (type == "tallies") {
    if (hooks_) hooks_->on_tallies(c, line, now);
  } else if (type == "reactions") {
    ++c.reaction_msgs;
    if (hooks_) hooks_->on_reactions(c, line, now);
  } else if (type == "welcome") {
    const auto w = json::parse(line, nullptr, false);
    const auto seq = w.value("seq", std::int64_t{0});
    if (w.value("resume", "") == "snapshot") {
      // The snapshot that follows sets the starting point.
      c.caught_up_to = seq;
    } else {
      c.caught_up_to = seq;
      if (c.last_seq >= seq) c.caught_up_at = now;
    }
    c.ready = true;
  } else if (type == "snapshot") {
    const auto seq = first_number(line, "\"seq\":").value_or(0);
    c.last_seq = std::max(c.last_seq, seq);
    if (!c.caught_up_at && c.last_seq >= c.caught_up_to) c.caught_up_at = now;
  }
}

// NATS text protocol over WebSocket: INFO, PING and MSG lines; MSG is followed by its payload.
void runner::on_peer_bytes(conn& c, std::string_view bytes, std::int64_t now) {
  c.pending.append(bytes);
  std::string_view rest(c.pending);
  for (;;) {
    const auto eol = rest.find("\r\n");
    if (eol == std::string_view::npos) break;
    const auto head = rest.substr(0, eol);
    if (head.starts_with("MSG ")) {
      // MSG <subject> <sid> [reply-to] <#bytes>
      const auto sp = head.rfind(' ');
      std::size_t size = 0;
      std::from_chars(head.data() + sp + 1, head.data() + head.size(), size);
      if (rest.size() < eol + 2 + size + 2) break;
      const auto payload = rest.substr(eol + 2, size);
      ++c.deliveries;
      if (hooks_) hooks_->on_peer_message(c, payload, now);
      rest.remove_prefix(eol + 2 + size + 2);
      continue;
    }
    if (head == "PING") c.send("PONG\r\n");
    if (head.starts_with("INFO ")) {
      std::string hello = "CONNECT {\"verbose\":false,\"pedantic\":false,\"name\":\"bench\"}\r\n";
      if (c.listener) hello += "SUB bench 1\r\n";
      hello += "PING\r\n";
      c.send(std::move(hello));
    }
    if (head == "PONG") c.ready = true;
    if (head.starts_with("-ERR")) std::cerr << "nats: " << head << "\n";
    rest.remove_prefix(eol + 2);
  }
  c.pending.erase(0, c.pending.size() - rest.size());
}

void runner::send_hello(conn& c) {
  json h{{"type", "hello"}, {"debate", debate_}, {"token", c.token}};
  if (c.last_seq > 0) h["last_seq"] = c.last_seq;
  c.caught_up_at = 0;
  c.send(h.dump());
}

asio::awaitable<void> runner::connect_all(std::vector<conn*> conns, bool hello) {
  std::size_t next = 0, running = 0, failed = 0;
  const auto worker = [&]() -> asio::awaitable<void> {
    while (next < conns.size()) {
      auto& c = *conns[next++];
      const bool ok = co_await open_ws(c, c.index);
      if (!ok) {
        ++failed;
        continue;
      }
      if (hello) send_hello(c);
    }
  };
  const auto workers = std::min(opt_.connect_parallel, std::max<std::size_t>(conns.size(), 1));
  running = workers;
  for (std::size_t w = 0; w < workers; ++w) {
    asio::co_spawn(io_, worker(), [&running](const std::exception_ptr&) { --running; });
  }
  co_await wait_until([&] { return running == 0; }, 600s);
  if (failed) std::cerr << failed << " connections failed to open\n";
}

void runner::measure_idle_memory() { rss_idle_ = sample_process(server_pid_).rss_kib; }

json runner::base_result() {
  json r{{"system", opt_.peer.empty() ? "tribune" : opt_.peer},
         {"scenario", opt_.scenario},
         {"listeners", opt_.listeners}};
  if (!opt_.label.empty()) r["label"] = opt_.label;
  return r;
}

void runner::finish(json result) {
  const auto end = sample_process(server_pid_);
  const auto wall = seconds_between(t_start_, now_ns());
  auto r = base_result();
  r.update(result);
  r["connected"] = ready_listeners();
  r["closed_by_server"] = std::count_if(listeners_.begin(), listeners_.end(), [](auto& c) { return c->closes > 0; });
  std::uint64_t gaps = 0, dups = 0;
  for (auto& c : listeners_) {
    gaps += c->gaps;
    dups += c->dups;
  }
  if (!r.contains("gaps")) r["gaps"] = gaps;
  if (!r.contains("dups")) r["dups"] = dups;
  if (server_pid_ > 0) {
    r["server_cpu_s"] = histogram::round3(end.cpu_s - cpu_start_.cpu_s);
    r["server_cpu_util"] = histogram::round3((end.cpu_s - cpu_start_.cpu_s) / wall);
    r["server_rss_kib"] = end.rss_kib;
    if (rss_idle_ && !listeners_.empty()) {
      r["rss_per_conn_kib"] =
          histogram::round3(static_cast<double>(rss_idle_ - rss_before_) / static_cast<double>(listeners_.size()));
    }
  }
  r["bench_cpu_s"] = histogram::round3(self_cpu_s() - bench_cpu_start_);
  r["wall_s"] = histogram::round3(wall);
  std::cout << r.dump() << std::endl;
}

// --- the common opening ----------------------------------------------------------------------

asio::awaitable<void> runner::main_flow() {
  if (!opt_.peer.empty()) {
    co_await peer_fanout();
    co_return;
  }
  if (!co_await setup_debate()) co_return;
  if (!co_await join_all(opt_.listeners)) co_return;
  rss_before_ = sample_process(server_pid_).rss_kib;
  for (std::size_t i = 0; i < opt_.listeners; ++i) {
    auto c = std::make_unique<conn>(io_, i, kind::audience);
    c->token = tokens_[i];
    listeners_.push_back(std::move(c));
  }
  std::vector<conn*> all;
  for (auto& c : listeners_) all.push_back(c.get());
  const auto t0 = now_ns();
  co_await connect_all(all, true);
  const bool ok = co_await wait_until([&] { return ready_listeners() == listeners_.size(); }, 60s);
  std::cerr << ready_listeners() << " listeners welcomed in " << seconds_between(t0, now_ns()) << " s\n";
  if (!ok) {
    fail("only " + std::to_string(ready_listeners()) + " of " + std::to_string(listeners_.size()) + " welcomed");
    co_return;
  }
  // Let snapshots drain and allocator caches settle before reading the idle footprint.
  co_await sleep_for(1s);
  measure_idle_memory();

  if (opt_.scenario == "fanout")
    co_await fanout();
  else if (opt_.scenario == "flash")
    co_await flash();
  else if (opt_.scenario == "reactions")
    co_await reactions();
  else if (opt_.scenario == "questions")
    co_await questions();
  else if (opt_.scenario == "reconnect")
    co_await reconnect();
  else
    fail("unknown scenario " + opt_.scenario);
}

// ---------------------------------------------------------------------------------------------
// Publishers for Tribune: moderator connections. Each connection may send 20 commands a second
// (burst 40), so a publisher pool spreads the load, each one staying under its own limit. Every
// publisher toggles `pin` on a question of its own: the smallest public event a moderator can
// cause, and one that can repeat without end.

struct publisher_state {
  conn* c = nullptr;
  std::int64_t question = 0;
  bool pinned = false;
  double tokens = 18;
  std::int64_t refilled = 0;
};

class publisher_pool {
 public:
  static constexpr double per_second = 18;  // under the server's 20/s
  static constexpr double burst = 18;       // under the server's 40

  std::vector<publisher_state> pubs;
  std::size_t next = 0;

  // A publisher with a token, round robin; nullptr when all are at their limit.
  publisher_state* take(std::int64_t now) {
    for (std::size_t tries = 0; tries < pubs.size(); ++tries) {
      auto& p = pubs[next];
      next = (next + 1) % pubs.size();
      if (!p.c->open) continue;
      p.tokens = std::min(burst, p.tokens + static_cast<double>(now - p.refilled) / 1e9 * per_second);
      p.refilled = now;
      if (p.tokens >= 1) {
        p.tokens -= 1;
        return &p;
      }
    }
    return nullptr;
  }
};

// Counts replies during setup steps.
struct setup_hooks : scenario {
  std::size_t acks = 0, errors = 0;
  std::string last_error;
  std::string last_ack;
  void on_reply(conn&, std::string_view line, std::int64_t, bool ok, std::int64_t, std::int64_t) override {
    if (ok) {
      ++acks;
      last_ack = std::string(line);
    } else {
      ++errors;
      last_error = std::string(line);
    }
  }
};

asio::awaitable<bool> prepare_publishers(runner& r, publisher_pool& pool, std::size_t count) {
  setup_hooks setup;
  r.hooks_ = &setup;
  std::vector<conn*> fresh;
  for (std::size_t j = 0; j < count; ++j) {
    auto c = std::make_unique<conn>(r.io_, r.opt_.listeners + 1 + j, kind::moderator);
    c->token = r.moderator_token_;
    fresh.push_back(c.get());
    r.publishers_.push_back(std::move(c));
  }
  co_await r.connect_all(fresh, true);
  const bool ready = co_await r.wait_until(
      [&] { return std::all_of(fresh.begin(), fresh.end(), [](conn* c) { return c->ready; }); }, 30s);
  if (!ready) {
    r.fail("publishers were not welcomed");
    co_return false;
  }
  // One question per publisher, asked by the first listeners (five each: the per-minute limit).
  for (std::size_t j = 0; j < count; ++j) {
    auto& asker = *r.listeners_[(j / 5) % r.listeners_.size()];
    asker.send(r.cmd(asker, json{{"type", "ask"}, {"text", "Bench question " + std::to_string(j + 1)}}));
  }
  if (!co_await r.wait_until([&] { return setup.acks + setup.errors >= count; }, 30s) || setup.errors) {
    r.fail("asking the publishers' questions failed: " + setup.last_error);
    co_return false;
  }
  setup.acks = 0;
  for (std::size_t j = 0; j < count; ++j) {
    auto& c = *fresh[j];
    pool.pubs.push_back(publisher_state{&c, static_cast<std::int64_t>(j + 1), false, publisher_pool::burst, now_ns()});
    c.send(r.cmd(c, json{{"type", "approve"}, {"question", "q" + std::to_string(j + 1)}}));
  }
  if (!co_await r.wait_until([&] { return setup.acks + setup.errors >= count; }, 30s) || setup.errors) {
    r.fail("approving the publishers' questions failed: " + setup.last_error);
    co_return false;
  }
  // Let the setup events reach every listener before measuring.
  co_await r.sleep_for(500ms);
  for (auto& p : pool.pubs) {
    p.tokens = publisher_pool::burst;
    p.refilled = now_ns();
  }
  r.hooks_ = nullptr;
  co_return true;
}

// ---------------------------------------------------------------------------------------------
// Fan-out.

struct fanout_hooks : scenario {
  explicit fanout_hooks(std::size_t listeners) : live(listeners) {}
  std::unordered_map<std::int64_t, publish_slot> slots;            // by seq
  std::unordered_map<std::int64_t, std::int64_t> scheduled_by_id;  // by key(publisher, command id)
  static std::int64_t key(const conn& c, std::int64_t id) { return static_cast<std::int64_t>(c.index) << 32 | id; }
  histogram latency;
  std::size_t live;
  std::uint64_t sent = 0, acked = 0, errors = 0, fully = 0, received = 0, bytes = 0;
  std::size_t outstanding = 0;
  std::int64_t first_send = 0, last_receive = 0;
  std::string last_error;

  void check_full(publish_slot& s) {
    if (!s.counted_full && s.scheduled && s.received >= live) {
      s.counted_full = true;
      ++fully;
    }
  }
  void on_reply(conn& c, std::string_view line, std::int64_t id, bool ok, std::int64_t seq, std::int64_t) override {
    if (c.role != kind::moderator) return;
    const auto it = scheduled_by_id.find(key(c, id));
    if (it == scheduled_by_id.end()) return;
    --outstanding;
    const auto scheduled = it->second;
    scheduled_by_id.erase(it);
    if (!ok) {
      ++errors;
      last_error = std::string(line);
      return;
    }
    ++acked;
    auto& s = slots[seq];
    s.scheduled = scheduled;
    for (const auto t : s.early) latency.record(t - scheduled);
    s.early.clear();
    s.early.shrink_to_fit();
    check_full(s);
  }
  void on_event(conn& c, std::string_view line, std::int64_t seq, std::string_view name, std::int64_t now) override {
    if (c.role != kind::audience || name != "question_pinned") return;
    ++received;
    bytes += line.size();
    last_receive = now;
    auto& s = slots[seq];
    ++s.received;
    if (s.scheduled) {
      latency.record(now - s.scheduled);
      check_full(s);
    } else {
      s.early.push_back(now);
    }
  }
  void on_closed(conn& c) override {
    if (c.role != kind::audience) return;
    --live;
    for (auto& [seq, s] : slots) check_full(s);
  }
};

asio::awaitable<void> runner::fanout() {
  const bool paced = opt_.rate > 0;
  const double events_per_s = paced ? opt_.rate / static_cast<double>(opt_.listeners) : 0;
  std::size_t count = opt_.publishers;
  if (count == 0) {
    count = paced ? static_cast<std::size_t>(std::ceil(events_per_s / 15.0)) + 1 : 48;
  }
  publisher_pool pool;
  if (!co_await prepare_publishers(*this, pool, count)) co_return;

  fanout_hooks h(listeners_.size());
  hooks_ = &h;
  begin_measuring();
  const auto duration_ns = static_cast<std::int64_t>(opt_.duration * 1e9);
  const auto start = now_ns() + 5'000'000;
  const auto end = start + duration_ns;
  std::uint64_t throttled = 0;  // moments when every publisher was at its command limit
  std::int64_t late_max = 0;

  auto publish = [&](std::int64_t scheduled, std::int64_t now) {
    auto* p = pool.take(now);
    if (!p) return false;
    p->pinned = !p->pinned;
    auto& c = *p->c;
    const auto id = c.next_cmd;
    h.scheduled_by_id[fanout_hooks::key(c, id)] = scheduled;
    c.send(cmd(c, json{{"type", "pin"}, {"question", "q" + std::to_string(p->question)}, {"pinned", p->pinned}}));
    ++h.sent;
    ++h.outstanding;
    if (!h.first_send) h.first_send = now;
    late_max = std::max(late_max, now - scheduled);
    return true;
  };

  asio::steady_timer timer(io_);
  if (paced) {
    const auto interval = 1e9 / events_per_s;
    const auto total = static_cast<std::uint64_t>(events_per_s * opt_.duration);
    std::uint64_t k = 0;
    while (k < total) {
      const auto scheduled = start + static_cast<std::int64_t>(static_cast<double>(k) * interval);
      auto now = now_ns();
      if (now < scheduled) {
        timer.expires_after(std::chrono::nanoseconds(scheduled - now));
        co_await timer.async_wait(use_tuple);
        now = now_ns();
      }
      if (publish(scheduled, now)) {
        ++k;
      } else {
        ++throttled;
        timer.expires_after(1ms);
        co_await timer.async_wait(use_tuple);
      }
    }
  } else {
    while (now_ns() < end) {
      bool blocked_by_limit = false;
      while (h.outstanding < opt_.window && h.sent - h.fully < opt_.lag) {
        const auto now = now_ns();
        if (!publish(now, now)) {
          blocked_by_limit = true;
          break;
        }
      }
      if (blocked_by_limit) ++throttled;
      timer.expires_after(200us);
      co_await timer.async_wait(use_tuple);
    }
  }
  const auto publish_end = now_ns();
  // An overloaded server keeps delivering long after the last send: give it time to drain, so
  // that slow delivery is measured as latency rather than counted as loss.
  const auto drain_limit =
      std::chrono::milliseconds(static_cast<std::int64_t>(std::max(15.0, 6 * opt_.duration) * 1000));
  const bool drained = co_await wait_until([&] { return h.outstanding == 0 && h.fully >= h.acked; }, drain_limit);

  const auto expected = h.acked * listeners_.size();
  const auto span = seconds_between(h.first_send, h.last_receive);
  json r{{"mode", paced ? "paced" : "unpaced"},
         {"rate_target", opt_.rate},
         {"duration_s", opt_.duration},
         {"publishers", count},
         {"events_sent", h.sent},
         {"events_acked", h.acked},
         {"command_errors", h.errors},
         {"events_per_s", histogram::round3(static_cast<double>(h.acked) / seconds_between(h.first_send, publish_end))},
         {"deliveries", h.received},
         {"deliveries_per_s", span > 0 ? std::round(static_cast<double>(h.received) / span) : 0},
         {"lost", expected > h.received ? expected - h.received : 0},
         {"latency_ms", h.latency.summary()},
         {"event_bytes",
          h.received ? histogram::round3(static_cast<double>(h.bytes) / static_cast<double>(h.received)) : 0},
         {"publisher_throttled", throttled},
         {"drained", drained},
         {"publisher_late_max_ms", histogram::round3(static_cast<double>(late_max) / 1e6)}};
  if (!paced) {
    r["window"] = opt_.window;
    r["lag"] = opt_.lag;
  }
  if (h.errors) r["last_error"] = h.last_error;
  hooks_ = nullptr;
  finish(r);
}

// ---------------------------------------------------------------------------------------------
// Flash poll: every listener votes within `spread` seconds.

struct flash_hooks : scenario {
  std::string poll;
  std::size_t opened = 0;
  std::uint64_t ok = 0, errors = 0;
  std::int64_t last_ack = 0;
  histogram ack_latency;
  std::string last_error;
  void on_event(conn& c, std::string_view, std::int64_t, std::string_view name, std::int64_t) override {
    if (c.role == kind::audience && name == "poll_opened") ++opened;
  }
  void on_reply(conn& c, std::string_view line, std::int64_t, bool good, std::int64_t, std::int64_t now) override {
    if (c.role == kind::moderator) {
      if (const auto v = last_string(line, "\"poll\":\""); !v.empty()) poll = std::string(v);
      return;
    }
    if (!c.stamp) return;
    if (good) {
      ++ok;
      ack_latency.record(now - c.stamp);
      last_ack = std::max(last_ack, now);
    } else {
      ++errors;
      last_error = std::string(line);
    }
  }
  void on_tallies(conn& c, std::string_view line, std::int64_t now) override {
    const auto n = first_number(line, "\"ballots\":");
    if (n && *n > c.ballots_seen) {
      c.ballots_seen = *n;
      c.ballots_seen_at = now;
    }
  }
};

asio::awaitable<void> runner::flash() {
  flash_hooks h;
  hooks_ = &h;
  auto m = std::make_unique<conn>(io_, opt_.listeners + 1, kind::moderator);
  m->token = moderator_token_;
  auto& mod = *m;
  publishers_.push_back(std::move(m));
  std::vector<conn*> just_mod{&mod};
  co_await connect_all(just_mod, true);
  if (!co_await wait_until([&] { return mod.ready; }, 10s)) co_return fail("moderator not welcomed");
  mod.send(cmd(mod, json{{"type", "create_poll"},
                         {"kind", "single"},
                         {"question", "Flash poll: should cities ban cars?"},
                         {"options", {"Yes", "No"}}}));
  if (!co_await wait_until([&] { return !h.poll.empty(); }, 10s)) co_return fail("create_poll got no ack");
  mod.send(cmd(mod, json{{"type", "open_poll"}, {"poll", h.poll}}));
  if (!co_await wait_until([&] { return h.opened >= listeners_.size(); }, 30s)) {
    co_return fail("poll_opened reached " + std::to_string(h.opened) + " listeners");
  }
  co_await sleep_for(200ms);

  begin_measuring();
  std::int64_t last_vote = 0;
  // Named, not a temporary inside the co_await expression (GCC 12 coroutines).
  const std::function<void(std::size_t)> vote = [&](std::size_t i) {
    auto& c = *listeners_[i];
    c.stamp = now_ns();
    last_vote = c.stamp;
    c.send(cmd(c, json{{"type", "vote"}, {"poll", h.poll}, {"choice", static_cast<int>(i % 2)}}));
  };
  const auto n = listeners_.size();
  const auto start = co_await spread_over(n, vote);
  const auto sent_span = seconds_between(start, last_vote);
  co_await wait_until([&] { return h.ok + h.errors >= open_listeners(); }, 60s);
  const auto final_count = static_cast<std::int64_t>(h.ok);
  co_await wait_until(
      [&] {
        return std::all_of(listeners_.begin(), listeners_.end(),
                           [&](auto& c) { return !c->open || c->ballots_seen >= final_count; });
      },
      10s);
  std::int64_t all_screens = 0;
  std::size_t screens_short = 0;
  for (auto& c : listeners_) {
    if (c->ballots_seen >= final_count)
      all_screens = std::max(all_screens, c->ballots_seen_at);
    else
      ++screens_short;
  }
  json r{{"votes_sent", n},
         {"votes_ok", h.ok},
         {"vote_errors", h.errors},
         {"votes_spread_s", histogram::round3(sent_span)},
         {"ack_latency_ms", h.ack_latency.summary()},
         {"votes_acked_per_s", histogram::round3(static_cast<double>(h.ok) / seconds_between(start, h.last_ack))},
         {"screens_without_final_tally", screens_short},
         {"tally_after_last_ack_ms",
          all_screens ? histogram::round3(static_cast<double>(all_screens - h.last_ack) / 1e6) : -1},
         {"tally_after_last_vote_ms",
          all_screens ? histogram::round3(static_cast<double>(all_screens - last_vote) / 1e6) : -1}};
  if (h.errors) r["last_error"] = h.last_error;
  hooks_ = nullptr;
  finish(r);
}

// ---------------------------------------------------------------------------------------------
// Reaction storm.

struct reaction_hooks : scenario {
  std::uint64_t ok = 0, errors = 0, broadcasts = 0;
  std::string last_error, last_message;
  void on_reply(conn& c, std::string_view line, std::int64_t, bool good, std::int64_t, std::int64_t) override {
    if (c.role != kind::audience) return;
    if (good)
      ++ok;
    else {
      ++errors;
      last_error = std::string(line);
    }
  }
  void on_reactions(conn& c, std::string_view line, std::int64_t) override {
    ++broadcasts;
    if (c.index == 0) last_message = std::string(line);
  }
};

asio::awaitable<void> runner::reactions() {
  reaction_hooks h;
  hooks_ = &h;
  static constexpr std::array<const char*, 5> kinds = {"applause", "agree", "disagree", "laugh", "confused"};
  begin_measuring();
  const auto n = listeners_.size();
  const auto per_s = opt_.react_rate * static_cast<double>(n);
  const auto total = static_cast<std::uint64_t>(per_s * opt_.duration);
  const auto start = now_ns() + 5'000'000;
  asio::steady_timer timer(io_);
  for (std::uint64_t k = 0; k < total;) {
    const auto now = now_ns();
    // Everything due by now goes out in one batch.
    const auto due = static_cast<std::uint64_t>(std::max(0.0, static_cast<double>(now - start) / 1e9 * per_s)) + 1;
    for (; k < std::min(due, total); ++k) {
      auto& c = *listeners_[k % n];
      c.send(cmd(c, json{{"type", "react"}, {"kind", kinds[(k / n) % kinds.size()]}}));
    }
    timer.expires_after(1ms);
    co_await timer.async_wait(use_tuple);
  }
  const auto load_end = now_ns();
  co_await wait_until([&] { return h.ok + h.errors >= total; }, 30s);
  co_await sleep_for(1500ms);  // the meter falls back to zero; totals are recorded
  std::int64_t totals = -1;
  if (const auto last = json::parse(h.last_message, nullptr, false); last.is_object() && last.contains("totals")) {
    totals = 0;
    for (const auto& [k, v] : last["totals"].items()) totals += v.get<std::int64_t>();
  }
  const auto load_s = seconds_between(start, load_end);
  json r{{"reactions_sent", total},
         {"reactions_ok", h.ok},
         {"reaction_errors", h.errors},
         {"reactions_per_s", histogram::round3(static_cast<double>(total) / load_s)},
         {"broadcasts_received", h.broadcasts},
         {"broadcasts_per_listener_per_s",
          histogram::round3(static_cast<double>(h.broadcasts) / static_cast<double>(n) / (load_s + 1.5))},
         {"final_totals_seen", totals},
         {"totals_match", totals == static_cast<std::int64_t>(h.ok)}};
  if (h.errors) r["last_error"] = h.last_error;
  hooks_ = nullptr;
  finish(r);
}

// ---------------------------------------------------------------------------------------------
// Question burst: askers send one question each within `spread` seconds.

struct question_hooks : scenario {
  explicit question_hooks(runner& run) : r(run) {}
  runner& r;
  std::uint64_t ok = 0, errors = 0, moderator_received = 0, audience_received = 0;
  std::int64_t first_send = 0, last_ack = 0;
  histogram ack_latency, moderator_latency;
  std::string last_error;
  void on_reply(conn& c, std::string_view line, std::int64_t, bool good, std::int64_t, std::int64_t now) override {
    if (c.role != kind::audience || !c.stamp) return;
    if (good) {
      ++ok;
      ack_latency.record(now - c.stamp);
      last_ack = std::max(last_ack, now);
    } else {
      ++errors;
      last_error = std::string(line);
    }
  }
  void on_event(conn& c, std::string_view line, std::int64_t, std::string_view name, std::int64_t now) override {
    if (name != "question_asked") return;
    if (c.role == kind::audience) {
      ++audience_received;
      return;
    }
    const auto p = line.find("bench-");
    if (p == std::string_view::npos) return;
    std::size_t i = 0;
    std::from_chars(line.data() + p + 6, line.data() + line.size(), i);
    if (i < r.listeners_.size() && r.listeners_[i]->stamp) {
      moderator_latency.record(now - r.listeners_[i]->stamp);
      ++moderator_received;
    }
  }
};

asio::awaitable<void> runner::questions() {
  question_hooks h(*this);
  hooks_ = &h;
  auto m = std::make_unique<conn>(io_, opt_.listeners + 1, kind::moderator);
  m->token = moderator_token_;
  auto& mod = *m;
  publishers_.push_back(std::move(m));
  std::vector<conn*> just_mod{&mod};
  co_await connect_all(just_mod, true);
  if (!co_await wait_until([&] { return mod.ready; }, 10s)) co_return fail("moderator not welcomed");
  co_await sleep_for(300ms);

  begin_measuring();
  const auto k = opt_.askers ? std::min(opt_.askers, listeners_.size()) : listeners_.size();
  const std::function<void(std::size_t)> ask = [&](std::size_t i) {
    auto& c = *listeners_[i];
    c.stamp = now_ns();
    const auto text = "bench-" + std::to_string(i) + " What would the bus network look like without private cars?";
    c.send(cmd(c, json{{"type", "ask"}, {"text", text}}));
  };
  const auto start = co_await spread_over(k, ask);
  h.first_send = start;
  co_await wait_until([&] { return h.ok + h.errors >= k && h.moderator_received >= h.ok; }, 60s);
  co_await wait_until([&] { return h.audience_received >= h.ok * open_listeners(); }, 30s);
  json r{{"askers", k},
         {"questions_ok", h.ok},
         {"question_errors", h.errors},
         {"spread_s", opt_.spread},
         {"acks_per_s", histogram::round3(static_cast<double>(h.ok) / seconds_between(start, h.last_ack))},
         {"ack_latency_ms", h.ack_latency.summary()},
         {"moderator_received", h.moderator_received},
         {"moderator_latency_ms", h.moderator_latency.summary()},
         {"audience_deliveries", h.audience_received}};
  if (h.errors) r["last_error"] = h.last_error;
  hooks_ = nullptr;
  finish(r);
}

// ---------------------------------------------------------------------------------------------
// Reconnect: publish, SIGKILL the server mid-stream, restart it, and let every client resume
// with hello{last_seq}.

struct reconnect_hooks : fanout_hooks {
  reconnect_hooks(runner& run, std::size_t listeners) : fanout_hooks(listeners), r(run) {}
  runner& r;
  bool reconnecting = false;
  std::int64_t max_acked_seq = 0;
  void on_reply(conn& c, std::string_view line, std::int64_t id, bool ok, std::int64_t seq, std::int64_t now) override {
    if (ok && c.role == kind::moderator) max_acked_seq = std::max(max_acked_seq, seq);
    fanout_hooks::on_reply(c, line, id, ok, seq, now);
  }
  void on_closed(conn& c) override {
    if (c.role != kind::audience || !reconnecting) return;
    asio::co_spawn(r.io_, resume(c), asio::detached);
  }
  // Browsers back off with jitter; so do these clients: 50–300 ms, doubling up to 2 s.
  asio::awaitable<void> resume(conn& c) {
    static std::mt19937 rng(42);
    double backoff = 0.25;
    for (;;) {
      std::uniform_real_distribution<double> jitter(0.05, backoff);
      co_await r.sleep_for(std::chrono::nanoseconds(static_cast<std::int64_t>(jitter(rng) * 1e9)));
      // The previous stream is finished only once its last handler ran.
      if (c.writing || c.reading) continue;
      const bool ok = co_await r.open_ws(c, c.index);
      if (ok) {
        r.send_hello(c);
        co_return;
      }
      backoff = std::min(backoff * 2, 2.0);
    }
  }
};

asio::awaitable<void> runner::reconnect() {
  publisher_pool pool;
  if (!co_await prepare_publishers(*this, pool, 2)) co_return;
  reconnect_hooks h(*this, listeners_.size());
  hooks_ = &h;
  begin_measuring();
  // Publish at 30 events a second (within two publishers' limits) for half the duration.
  const double events_per_s = 30;
  const auto start = now_ns() + 5'000'000;
  const auto kill_at = start + static_cast<std::int64_t>(opt_.duration / 2 * 1e9);
  asio::steady_timer timer(io_);
  for (std::uint64_t k = 0;; ++k) {
    const auto scheduled = start + static_cast<std::int64_t>(static_cast<double>(k) * 1e9 / events_per_s);
    if (scheduled >= kill_at) break;
    const auto now = now_ns();
    if (now < scheduled) {
      timer.expires_after(std::chrono::nanoseconds(scheduled - now));
      co_await timer.async_wait(use_tuple);
    }
    if (auto* p = pool.take(now_ns())) {
      p->pinned = !p->pinned;
      auto& c = *p->c;
      h.scheduled_by_id[fanout_hooks::key(c, c.next_cmd)] = scheduled;
      ++h.outstanding;
      ++h.sent;
      c.send(cmd(c, json{{"type", "pin"}, {"question", "q" + std::to_string(p->question)}, {"pinned", p->pinned}}));
    }
  }
  // Kill while commands are in flight: the server may have durable events it never sent.
  h.reconnecting = true;
  const auto t_kill = now_ns();
  server_->kill_hard();
  server_->start();
  server_pid_ = server_->pid();
  cpu_start_ = proc_sample{};
  for (;;) {
    auto [status, body] = co_await rest(http::verb::get, "/healthz", nullptr, false, std::nullopt);
    if (status == 200) break;
    if (seconds_between(t_kill, now_ns()) > 30) co_return fail("the server did not come back");
    co_await sleep_for(5ms);
  }
  const auto t_ready = now_ns();
  const bool all = co_await wait_until(
      [&] {
        return std::all_of(listeners_.begin(), listeners_.end(),
                           [](auto& c) { return c->open && c->ready && c->caught_up_at; });
      },
      120s);
  std::int64_t last = 0, committed = 0, behind = 0;
  std::size_t resumed_by_events = 0;
  for (auto& c : listeners_) {
    if (c->caught_up_at) last = std::max(last, c->caught_up_at);
    committed = std::max(committed, c->caught_up_to);
    if (c->closes > 0) ++resumed_by_events;
  }
  for (auto& c : listeners_) behind += c->last_seq < committed ? 1 : 0;
  json r{{"events_before_kill", h.sent},
         {"events_acked", h.acked},
         {"max_acked_seq", h.max_acked_seq},
         {"committed_seq_after_restart", committed},
         {"acked_events_lost", h.max_acked_seq > committed ? h.max_acked_seq - committed : 0},
         {"all_caught_up", all},
         {"listeners_behind", behind},
         {"reconnected", resumed_by_events},
         {"restart_ms", histogram::round3(static_cast<double>(t_ready - t_kill) / 1e6)},
         {"kill_to_all_caught_up_ms", last ? histogram::round3(static_cast<double>(last - t_kill) / 1e6) : -1},
         {"ready_to_all_caught_up_ms", last ? histogram::round3(static_cast<double>(last - t_ready) / 1e6) : -1}};
  h.reconnecting = false;
  hooks_ = nullptr;
  finish(r);
}

// ---------------------------------------------------------------------------------------------
// Peers: the same fan-out against a reference broadcaster. The payload starts with the message
// number; the publisher keeps the scheduled time of each number.

struct peer_hooks : scenario {
  explicit peer_hooks(std::size_t listeners) : live(listeners) {}
  struct slot {
    std::int64_t scheduled = 0;
    std::uint32_t received = 0;
  };
  std::vector<slot> slots;
  histogram latency;
  std::size_t live;
  std::uint64_t fully = 0, received = 0, bytes = 0;
  std::int64_t last_receive = 0;
  void on_peer_message(conn& c, std::string_view payload, std::int64_t now) override {
    if (!c.listener || !payload.starts_with("k=")) return;
    std::int64_t k = -1;
    std::from_chars(payload.data() + 2, payload.data() + payload.size(), k);
    if (k < 0 || static_cast<std::size_t>(k) >= slots.size()) return;
    ++received;
    bytes += payload.size();
    ++c.events;
    last_receive = now;
    if (k == c.last_index + 1) {
      c.last_index = k;
    } else if (k > c.last_index) {
      ++c.gaps;
      c.last_index = k;
    } else {
      ++c.dups;
    }
    auto& s = slots[static_cast<std::size_t>(k)];
    latency.record(now - s.scheduled);
    if (++s.received == live) ++fully;
  }
  void on_closed(conn& c) override {
    if (c.listener) --live;
  }
};

asio::awaitable<void> runner::peer_fanout() {
  const bool nats = opt_.peer == "nats";
  const auto k = nats ? kind::nats : kind::raw;
  peer_hooks h(opt_.listeners);
  rss_before_ = sample_process(server_pid_).rss_kib;
  for (std::size_t i = 0; i < opt_.listeners; ++i) listeners_.push_back(std::make_unique<conn>(io_, i, k));
  std::vector<conn*> all;
  for (auto& c : listeners_) all.push_back(c.get());
  co_await connect_all(all, false);
  if (!nats) {
    for (auto& c : listeners_) c->ready = c->open;
  }
  if (!co_await wait_until([&] { return ready_listeners() == listeners_.size(); }, 60s)) {
    co_return fail("only " + std::to_string(ready_listeners()) + " peer listeners ready");
  }
  co_await sleep_for(1s);
  measure_idle_memory();
  // The publisher: for NATS it connects without subscribing.
  auto p = std::make_unique<conn>(io_, opt_.listeners + 1, k);
  auto& pub = *p;
  pub.listener = false;
  publishers_.push_back(std::move(p));
  hooks_ = &h;
  if (!co_await open_ws(pub, pub.index)) co_return fail("publisher could not connect");
  if (!nats) pub.ready = true;
  if (!co_await wait_until([&] { return pub.ready; }, 10s)) co_return fail("publisher not ready");
  co_await sleep_for(300ms);

  begin_measuring();
  const bool paced = opt_.rate > 0;
  const double events_per_s = paced ? opt_.rate / static_cast<double>(opt_.listeners) : 0;
  const auto start = now_ns() + 5'000'000;
  const auto end = start + static_cast<std::int64_t>(opt_.duration * 1e9);
  std::string padding(opt_.msg_bytes, 'x');
  std::int64_t first_send = 0;
  auto publish = [&](std::int64_t scheduled) {
    const auto k_index = h.slots.size();
    h.slots.push_back({scheduled, 0});
    auto payload = "k=" + std::to_string(k_index) + ";";
    payload += padding.substr(0, opt_.msg_bytes - payload.size());
    if (nats) {
      pub.send("PUB bench " + std::to_string(payload.size()) + "\r\n" + payload + "\r\n");
    } else {
      pub.send(std::move(payload));
    }
    if (!first_send) first_send = now_ns();
  };
  asio::steady_timer timer(io_);
  if (paced) {
    const auto total = static_cast<std::uint64_t>(events_per_s * opt_.duration);
    for (std::uint64_t i = 0; i < total; ++i) {
      const auto scheduled = start + static_cast<std::int64_t>(static_cast<double>(i) * 1e9 / events_per_s);
      const auto now = now_ns();
      if (now < scheduled) {
        timer.expires_after(std::chrono::nanoseconds(scheduled - now));
        co_await timer.async_wait(use_tuple);
      }
      publish(scheduled);
    }
  } else {
    while (now_ns() < end) {
      while (h.slots.size() - h.fully < opt_.lag) publish(now_ns());
      timer.expires_after(200us);
      co_await timer.async_wait(use_tuple);
    }
  }
  const auto publish_end = now_ns();
  const auto drain_limit =
      std::chrono::milliseconds(static_cast<std::int64_t>(std::max(15.0, 6 * opt_.duration) * 1000));
  const bool drained = co_await wait_until([&] { return h.fully >= h.slots.size(); }, drain_limit);
  const auto expected = h.slots.size() * listeners_.size();
  const auto span = seconds_between(first_send, h.last_receive);
  json r{{"mode", paced ? "paced" : "unpaced"},
         {"rate_target", opt_.rate},
         {"duration_s", opt_.duration},
         {"events_sent", h.slots.size()},
         {"events_per_s",
          histogram::round3(static_cast<double>(h.slots.size()) / seconds_between(first_send, publish_end))},
         {"deliveries", h.received},
         {"deliveries_per_s", span > 0 ? std::round(static_cast<double>(h.received) / span) : 0},
         {"lost", expected > h.received ? expected - h.received : 0},
         {"latency_ms", h.latency.summary()},
         {"event_bytes",
          h.received ? histogram::round3(static_cast<double>(h.bytes) / static_cast<double>(h.received)) : 0}};
  if (!paced) r["lag"] = opt_.lag;
  r["drained"] = drained;
  hooks_ = nullptr;
  finish(r);
}

}  // namespace bench

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  bench::runner r(bench::parse_options(argc, argv));
  return r.run();
}
