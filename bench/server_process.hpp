#pragma once
// A Tribune server started by the bench (Boost.Process): a free loopback port, a temporary
// database removed afterwards, the organizer token in its environment, its output in a log file,
// and the process pinned to one core with sched_setaffinity before it runs.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace bench {

class server_process {
 public:
  // cpu < 0: not pinned. `node` > 0 (a second server of the run) gets its own folder and log.
  server_process(std::string bin, int cpu, unsigned threads, std::string admin_token, std::size_t node = 0);
  ~server_process();
  server_process(const server_process&) = delete;
  server_process& operator=(const server_process&) = delete;

  // Starts the server; after kill_hard, starts it again on the same port and database. Throws
  // std::system_error if it cannot be started.
  void start();
  // SIGKILL, then reaps the process.
  void kill_hard();
  // -1 when not running.
  int pid() const;
  std::uint16_t port() const { return port_; }
  // The database the server opens, in the run's temporary folder; a scenario may write it first.
  std::filesystem::path database() const { return dir_ / "bench.db"; }
  // Another database than database(): an SQLite file or a postgresql:// URL.
  void use_db(std::string db) { db_ = std::move(db); }
  // Flags added to `serve`'s on every start.
  void add_args(const std::vector<std::string>& args) {
    extra_args_.insert(extra_args_.end(), args.begin(), args.end());
  }
  // The last 2,000 bytes of the server's output.
  std::string log_tail() const;

 private:
  struct child;  // the Boost.Process handle, kept out of this header

  std::string bin_;
  int cpu_;
  unsigned threads_;
  std::string admin_token_;
  std::filesystem::path dir_;
  std::uint16_t port_ = 0;
  std::vector<std::string> extra_args_;
  std::string db_;
  std::unique_ptr<child> child_;
};

}  // namespace bench
