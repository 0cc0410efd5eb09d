#pragma once
// Test harness for integration tests: starts the real `tribune` binary on an ephemeral loopback
// port with a temporary database, and talks to it over real HTTP and WebSocket connections.
// Every wait has a deadline; no test sleeps for a fixed time.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tribune::testing {

using json = nlohmann::json;
using namespace std::chrono_literals;

// How long a test waits for what the server should send promptly. It is not a latency bound: it is
// long enough that a stalled machine (two busy cores, a paused VM) finishes the wait instead of
// failing it, and longer than the server's 5 s close grace, so a close frame that never comes
// shows as a bare TCP close (code 0) rather than as a timeout.
constexpr auto default_wait = 15s;

// A temporary directory, removed with everything in it when destroyed.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct child_process;  // a launched tribune and the reader of its output (harness.cpp)

// The tribune process, started with Boost.Process. Its stdout and stderr (JSON log lines, and the
// organizer link) are collected together for inspection.
class server_process {
 public:
  explicit server_process(std::filesystem::path db, std::vector<std::string> extra_args = {});
  ~server_process();
  server_process(const server_process&) = delete;
  server_process& operator=(const server_process&) = delete;

  // Sets an environment variable for the next start(). The child sees the test's environment
  // without its TRIBUNE_* variables, plus TRIBUNE_ADMIN_TOKEN and whatever is set here.
  void set_env(const std::string& name, const std::string& value);

  // Runs on the SQLite file even under the postgres fixture (which otherwise gives every test
  // database a PostgreSQL schema named after the file).
  void keep_sqlite() { keep_sqlite_ = true; }

  // Another node of the same deployment: the organizer token `other` holds (both nodes store its
  // hash in the database they share).
  void share_admin_token(const server_process& other) { admin_token_ = other.admin_token_; }

  // Caps the size of every file the next start() may write (RLIMIT_FSIZE): past it, writes fail as
  // on a full disk. 0 lifts the cap.
  void limit_file_size(std::uint64_t bytes) { file_size_limit_ = bytes; }

  void start();      // starts and waits for the "listening" line
  void kill_hard();  // SIGKILL, then reap
  int terminate();   // SIGTERM, wait for exit; returns the exit status
  bool running() const { return pid_ > 0; }
  std::uint16_t port() const { return port_; }
  const std::string& admin_token() const { return admin_token_; }
  std::string log_text() const;     // everything the process printed so far, both streams
  int pid() const { return pid_; }  // -1 when not running

 private:
  std::filesystem::path db_;
  std::vector<std::string> extra_args_;
  std::vector<std::pair<std::string, std::string>> env_;
  std::uint64_t file_size_limit_ = 0;
  bool keep_sqlite_ = false;
  std::string admin_token_;
  int pid_ = -1;
  std::uint16_t port_ = 0;
  std::unique_ptr<child_process> child_;
};

// Another program the tests start (HAProxy), its output collected; killed when destroyed.
class helper_process {
 public:
  helper_process(const std::string& program, const std::vector<std::string>& args);
  ~helper_process();
  helper_process(const helper_process&) = delete;
  helper_process& operator=(const helper_process&) = delete;
  bool running();
  std::string output() const;

 private:
  std::unique_ptr<child_process> child_;
};

struct run_result {
  int exit_code = -1;  // -1: killed, by a signal or for running past the timeout
  std::string output;  // stdout and stderr, interleaved
};
// Runs `tribune ARGS…` to completion (bounded by `timeout`) with the test's environment minus its
// TRIBUNE_* variables, plus `env`; for commands that print and exit, like `tribune config`.
run_result run_tribune(const std::vector<std::string>& args,
                       const std::vector<std::pair<std::string, std::string>>& env = {},
                       std::chrono::milliseconds timeout = 20s);

struct http_reply {
  int status = 0;
  json body;  // null when the body is not JSON
  std::string raw;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string header(const std::string& name) const;
};

http_reply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::optional<json>& body = std::nullopt, const std::string& bearer = {},
                        std::vector<std::pair<std::string, std::string>> headers = {});

// Sends every (method, target) in one write on one connection (pipelined), then reads the answers
// in order. A server that sent a body after a HEAD answer would break the parsing of the next one.
std::vector<http_reply> http_pipeline(std::uint16_t port,
                                      const std::vector<std::pair<std::string, std::string>>& requests);

// Tries to open /ws with the given Origin header (nullopt: no Origin); returns the HTTP status.
int try_upgrade(std::uint16_t port, const std::optional<std::string>& origin);

// A WebSocket client on its own thread. Messages are collected as they arrive.
class ws_client {
 public:
  explicit ws_client(std::uint16_t port);
  ~ws_client();
  ws_client(const ws_client&) = delete;
  ws_client& operator=(const ws_client&) = delete;

  void send(const json& message);
  void send_raw(std::string text, bool binary = false);

  // Next message not yet taken, within `timeout`.
  std::optional<json> next(std::chrono::milliseconds timeout = default_wait);
  // Skips messages until one matches; fails the test (and returns null) on timeout.
  json wait_for(const std::function<bool(const json&)>& match, std::chrono::milliseconds timeout = default_wait);
  // Every message received so far, taken or not.
  std::vector<json> received() const;

  // Sends hello and returns the welcome (or the error).
  json hello(const std::string& debate, const std::string& token, std::optional<std::uint64_t> last_seq = std::nullopt);
  // Sends a command with a fresh id and returns its ack or error.
  json command(json message, std::chrono::milliseconds timeout = default_wait);

  // Waits until the server closes the connection; returns its close code.
  std::optional<std::uint16_t> wait_closed(std::chrono::milliseconds timeout = default_wait);
  bool is_closed() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  int next_id_ = 1;
};

// Polls `condition` until it holds or `timeout` passes; true if it held.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout = default_wait);

// A debate created through the REST API, with its secret tokens.
struct debate {
  std::string id;
  std::string code;
  std::string moderator_token;
  std::string stage_token;
  json body;
};
debate create_debate(const server_process& server, const std::string& title = "Should cities ban cars?");

struct participant {
  std::string id;
  std::string token;
  std::string name;
};
participant join(const server_process& server, const std::string& debate_id, const std::string& name);

// A panelist cast by the organizer through the REST API (`side`: for, against or none).
struct panelist_link {
  std::string id;
  std::string token;
};
panelist_link add_panelist(const server_process& server, const std::string& debate_id, const std::string& name,
                           const std::string& side = "none");

// Whether `m` is the broadcast of an event named `name`.
bool is_event(const json& m, const std::string& name);
// The last event `name` among everything `ws` received, waiting until there is one (a command's
// reply may arrive after the event it made); a failure and null when none came.
json received_event(const ws_client& ws, const std::string& name);

}  // namespace tribune::testing
