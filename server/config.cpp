#include "server/config.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <stdexcept>

#ifndef TRIBUNE_DEFAULT_WEB_ROOT
#define TRIBUNE_DEFAULT_WEB_ROOT "web"
#endif
#ifndef TRIBUNE_VERSION
#define TRIBUNE_VERSION "0.0.0"
#endif

namespace tribune::server {
namespace {

void split_listen(const std::string& listen, config& c) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) throw std::invalid_argument("--listen must be HOST:PORT");
  auto host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const auto port_text = listen.substr(colon + 1);
  std::size_t used = 0;
  unsigned long port = 0;
  try {
    port = std::stoul(port_text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != port_text.size() || port > 65535) throw std::invalid_argument("--listen: bad port");
  c.listen_host = host;
  c.listen_port = static_cast<std::uint16_t>(port);
}

}  // namespace

std::optional<config> parse_command_line(int argc, char** argv) {
  config c;
  c.web_root = TRIBUNE_DEFAULT_WEB_ROOT;
  std::string listen = "127.0.0.1:8080";
  std::string db = c.db.string();
  std::string web_root = c.web_root.string();

  CLI::App app{"Tribune: live, structured debates and talk shows"};
  app.set_version_flag("--version", std::string("tribune ") + TRIBUNE_VERSION);
  app.require_subcommand(0, 1);
  auto* serve = app.add_subcommand("serve", "Serve the web client, the REST API and the WebSocket on one port");
  serve->add_option("--listen", listen, "Address and port to listen on (port 0: any free port)")
      ->envname("TRIBUNE_LISTEN")
      ->capture_default_str();
  serve->add_option("--db", db, "SQLite database file (created if missing)")
      ->envname("TRIBUNE_DB")
      ->capture_default_str();
  serve->add_option("--web-root", web_root, "Folder of the static web client")
      ->envname("TRIBUNE_WEB_ROOT")
      ->capture_default_str();
  serve->add_option("--public-url", c.public_url, "Base URL printed in links (default: from the request's Host)")
      ->envname("TRIBUNE_PUBLIC_URL");
  serve->add_option("--threads", c.threads, "I/O threads")
      ->envname("TRIBUNE_THREADS")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  serve->add_option("--log-level", c.log_level, "debug, info, warn or error")
      ->envname("TRIBUNE_LOG_LEVEL")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
      ->capture_default_str();
  serve
      ->add_option("--allowed-origins", c.allowed_origins,
                   "Comma-separated Origins allowed to open the WebSocket (default: the server's own)")
      ->envname("TRIBUNE_ALLOWED_ORIGINS");
  serve
      ->add_option("--request-timeout", c.request_timeout_seconds,
                   "Seconds a client has to send a whole HTTP request before it is disconnected")
      ->envname("TRIBUNE_REQUEST_TIMEOUT")
      ->check(CLI::Range(1u, 3600u))
      ->capture_default_str();
  serve
      ->add_option("--hello-timeout", c.hello_timeout_seconds,
                   "Seconds a new WebSocket has to send hello before it is closed (1008)")
      ->envname("TRIBUNE_HELLO_TIMEOUT")
      ->check(CLI::Range(1u, 3600u))
      ->capture_default_str();
  serve
      ->add_option("--joins-per-second", c.joins_per_second,
                   "New audience identities one client address may create per second, sustained")
      ->envname("TRIBUNE_JOINS_PER_SECOND")
      ->check(CLI::Range(0.1, 1e6))
      ->capture_default_str();
  serve
      ->add_option("--join-burst", c.join_burst,
                   "New audience identities one client address may create at once (a venue behind one NAT)")
      ->envname("TRIBUNE_JOIN_BURST")
      ->check(CLI::Range(1.0, 1e6))
      ->capture_default_str();
  serve
      ->add_option("--room-idle", c.room_idle_seconds,
                   "Seconds a debate with nobody connected stays in memory before it is unloaded")
      ->envname("TRIBUNE_ROOM_IDLE")
      ->check(CLI::Range(1u, 86400u))
      ->capture_default_str();
  app.footer(
      "The organizer token is read from TRIBUNE_ADMIN_TOKEN; without it, one is created on first start\n"
      "and the admin link is printed once.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    app.exit(e);
    return std::nullopt;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    throw std::invalid_argument("bad command line");
  }
  if (app.get_subcommands().empty()) {
    std::cout << app.help();
    return std::nullopt;
  }
  split_listen(listen, c);
  c.db = db;
  c.web_root = web_root;
  if (const char* token = std::getenv("TRIBUNE_ADMIN_TOKEN"); token != nullptr && *token != '\0') {
    c.admin_token = token;
    if (c.admin_token->size() < 22) throw std::invalid_argument("TRIBUNE_ADMIN_TOKEN must hold at least 22 characters");
  }
  return c;
}

}  // namespace tribune::server
