#include "server_process.hpp"

#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "net.hpp"

namespace bench {
namespace {

std::uint16_t free_port() {
  asio::io_context io;
  const tcp::acceptor a(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return a.local_endpoint().port();
}

// In the child: pinned to `cpu`, output to the log, the token in the environment, then exec.
[[noreturn]] void exec_server(std::vector<std::string> args, int cpu, const std::string& log_path,
                              const std::string& env_token) {
  if (cpu >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
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

}  // namespace

server_process::server_process(std::string bin, int cpu, unsigned threads, std::string admin_token)
    : bin_(std::move(bin)),
      cpu_(cpu),
      threads_(threads),
      admin_token_(std::move(admin_token)),
      dir_(std::filesystem::temp_directory_path() / ("tribune-bench-" + std::to_string(getpid()))),
      port_(free_port()) {
  std::filesystem::create_directories(dir_);
}

server_process::~server_process() {
  kill_hard();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void server_process::start() {
  std::vector<std::string> args = {bin_,          "serve",
                                   "--listen",    "127.0.0.1:" + std::to_string(port_),
                                   "--db",        (dir_ / "bench.db").string(),
                                   "--log-level", "warn",
                                   "--threads",   std::to_string(threads_)};
  const std::string env_token = "TRIBUNE_ADMIN_TOKEN=" + admin_token_;
  const auto log_path = (dir_ / "server.log").string();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) exec_server(std::move(args), cpu_, log_path, env_token);
  pid_ = pid;
}

void server_process::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string server_process::log_tail() const {
  std::ifstream in(dir_ / "server.log");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

}  // namespace bench
