#include "server_process.hpp"

#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>
#include <vector>

#include <boost/asio/io_context.hpp>
// Boost 1.81's process v2 headers, built on std::filesystem, use these without including them.
#include <boost/optional.hpp>
#include <boost/type_traits/is_constructible.hpp>
#include <boost/type_traits/remove_pointer.hpp>
//
#include <boost/process/v2/environment.hpp>
#include <boost/process/v2/process.hpp>
#include <boost/process/v2/stdio.hpp>
// Boost.Process v2's compiled part, in this translation unit only (BOOST_PROCESS_V2_SEPARATE_COMPILATION).
#include <boost/process/v2/src.hpp>

#include "net.hpp"

namespace bench {
namespace {

namespace bp = boost::process::v2;

// Runs in the child between fork and exec, so the server and every thread it starts stay on `cpu`.
struct pin_to_cpu {
  int cpu;
  bp::error_code on_exec_setup(bp::posix::default_launcher&, const bp::filesystem::path&, const char* const*) const {
    if (cpu < 0) return {};
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) return {errno, bp::system_category()};
    return {};
  }
};

// This process's environment, with the server's organizer token.
std::vector<std::string> environment_with_token(const std::string& token) {
  std::vector<std::string> env;
  for (const auto& kv : bp::environment::current()) {
    if (kv.key() != "TRIBUNE_ADMIN_TOKEN") env.emplace_back(kv.c_str());
  }
  env.push_back("TRIBUNE_ADMIN_TOKEN=" + token);
  return env;
}

std::uint16_t free_port() {
  asio::io_context io;
  const asio::ip::tcp::acceptor a(io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return a.local_endpoint().port();
}

// Built by appending: GCC 12 warns (-Wrestrict, a false positive) on a literal + std::to_string.
std::string folder_name(std::size_t node) {
  std::string name = "tribune-bench-";
  name += std::to_string(getpid());
  if (node > 0) {
    name += "-node";
    name += std::to_string(node + 1);
  }
  return name;
}

}  // namespace

struct server_process::child {
  // The handle's own context: the launcher notifies it of the fork, and it holds no client socket.
  asio::io_context io;
  std::optional<bp::process> process;
};

server_process::server_process(std::string bin, int cpu, unsigned threads, std::string admin_token, std::size_t node)
    : bin_(std::move(bin)),
      cpu_(cpu),
      threads_(threads),
      admin_token_(std::move(admin_token)),
      dir_(std::filesystem::temp_directory_path() / folder_name(node)),
      port_(free_port()),
      child_(std::make_unique<child>()) {
  std::filesystem::create_directories(dir_);
}

server_process::~server_process() {
  kill_hard();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void server_process::start() {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> log(std::fopen((dir_ / "server.log").c_str(), "a"),
                                                            &std::fclose);
  if (!log) throw std::system_error(errno, std::generic_category(), "open the server log");
  const std::vector<std::string> args = {"serve",
                                         "--listen",
                                         "127.0.0.1:" + std::to_string(port_),
                                         "--db",
                                         db_.empty() ? (dir_ / "bench.db").string() : db_,
                                         "--log-level",
                                         "warn",
                                         "--threads",
                                         std::to_string(threads_)};
  std::vector<std::string> with_extra = args;
  with_extra.insert(with_extra.end(), extra_args_.begin(), extra_args_.end());
  const auto env = environment_with_token(admin_token_);
  child_->process.emplace(child_->io, bin_, with_extra, bp::process_stdio{{}, log.get(), log.get()},
                          bp::process_environment(env), pin_to_cpu{cpu_});
}

void server_process::kill_hard() {
  if (!child_->process) return;
  bp::error_code ec;
  child_->process->terminate(ec);
  child_->process->wait(ec);
  child_->process.reset();
}

int server_process::pid() const { return child_->process ? child_->process->id() : -1; }

std::string server_process::log_tail() const {
  std::ifstream in(dir_ / "server.log");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

}  // namespace bench
