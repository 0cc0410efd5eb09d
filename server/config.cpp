#include "server/config.hpp"

#include <boost/url/parse.hpp>

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

#include "server/config_layers.hpp"
#include "server/trusted_proxies.hpp"

#ifndef TRIBUNE_DEFAULT_WEB_ROOT
#define TRIBUNE_DEFAULT_WEB_ROOT "web"
#endif
#ifndef TRIBUNE_DEFAULT_VENDOR_ROOT
#define TRIBUNE_DEFAULT_VENDOR_ROOT "."
#endif
#ifndef TRIBUNE_VERSION
#define TRIBUNE_VERSION "0.0.0"
#endif

namespace tribune::server {
namespace {

// Options read as text, converted once every layer has spoken.
struct text_options {
  std::string listen = "127.0.0.1:8080";
  std::string db;
  std::string web_root;
  std::string vendor_root;
  std::string config_file;
  std::string archive;       // tribune verify ARCHIVE
  std::string backup_file;   // tribune backup FILE
  std::string migrate_from;  // tribune migrate --from sqlite:FILE
  std::string migrate_to;    // … --to postgresql://…
};

// An installed binary's web client and browser libraries, found beside it (dist/CMakeLists.txt):
// <prefix>/bin/tribune reads <prefix>/share/tribune/{web,vendor}. Empty when absent, as for the
// binary in a build tree, which then uses the source tree's.
std::filesystem::path installed_data_dir() {
#ifdef TRIBUNE_RELATIVE_DATA_DIR
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  auto dir = (exe.parent_path() / TRIBUNE_RELATIVE_DATA_DIR).lexically_normal();
  if (std::filesystem::is_regular_file(dir / "web" / "index.html", ec)) return dir;
#endif
  return {};
}

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// An absolute http(s) URL naming a host, without user, query or fragment; `path_allowed` for a
// public URL behind a proxy, never for an origin. Returns the reason it is not, or "".
std::string check_web_url(const std::string& text, bool path_allowed) {
  const auto url = boost::urls::parse_absolute_uri(text);
  if (!url || (url->scheme() != "http" && url->scheme() != "https") || url->encoded_host().empty() ||
      url->has_userinfo() || url->has_query() || url->has_fragment() || (!path_allowed && !url->path().empty())) {
    return path_allowed ? "must be an http:// or https:// URL, e.g. https://debates.example"
                        : "an origin is scheme://host[:port], e.g. https://debates.example";
  }
  return {};
}

const CLI::Validator listen_check(
    [](std::string& text) {
      std::string error;
      parse_listen(text, error);
      return error;
    },
    "HOST:PORT");

const CLI::Validator admin_listen_check(
    [](std::string& text) {
      std::string error;
      if (!text.empty()) parse_listen(text, error);
      return error;
    },
    "HOST:PORT");

const CLI::Validator origin_check(
    [](std::string& text) {
      text = trimmed(text);  // "a, b" splits into "a" and " b"
      return check_web_url(text, false);
    },
    "ORIGIN");

const CLI::Validator cidr_check(
    [](std::string& text) {
      text = trimmed(text);
      std::string error;
      parse_cidr(text, error);
      return error;
    },
    "CIDR");

const CLI::Validator public_url_check(
    [](std::string& text) {
      while (text.ends_with('/')) text.pop_back();  // links append "/a/CODE"
      return text.empty() ? std::string() : check_web_url(text, true);
    },
    "URL");

void add_limit_options(CLI::App& serve, config& c);

void add_serve_options(CLI::App& serve, config& c, text_options& t) {
  serve.add_option("--config", t.config_file, "TOML file of these options (`tribune config` prints one)")
      ->check(CLI::ExistingFile);
  serve.add_option("--listen", t.listen, "Address and port to listen on (port 0: any free port)")
      ->check(listen_check)
      ->capture_default_str();
  serve.add_option("--db", t.db, "SQLite database file (created if missing), or a postgresql:// URL")
      ->capture_default_str();
  serve.add_option("--web-root", t.web_root, "Folder of the static web client")->capture_default_str();
  serve
      .add_option("--vendor-root", t.vendor_root,
                  "Folder of package-lock.json and node_modules: the browser libraries the pages load")
      ->capture_default_str();
  serve.add_option("--public-url", c.public_url, "Base URL printed in links (empty: from the request's Host)")
      ->transform(public_url_check)
      ->capture_default_str();
  serve.add_option("--threads", c.threads, "I/O threads")->check(CLI::Range(1u, 256u))->capture_default_str();
  serve.add_option("--log-level", c.log_level, "debug, info, warn or error")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
      ->capture_default_str();
  serve
      .add_option("--allowed-origins", c.allowed_origins,
                  "Origins besides the server's own allowed to open the WebSocket, comma-separated")
      ->delimiter(',')
      ->transform(origin_check)
      ->capture_default_str();
  serve
      .add_option("--admin-listen", c.admin_listen,
                  "Address and port of a second listener serving /metrics (then no longer on the public port); "
                  "empty: none")
      ->check(admin_listen_check)
      ->capture_default_str();
  add_limit_options(serve, c);
}

// How clients are told apart and held back, and what the server keeps doing on its own.
void add_limit_options(CLI::App& serve, config& c) {
  serve
      .add_option("--trusted-proxies", c.trusted_proxies,
                  "Reverse proxies (CIDRs, comma-separated) whose X-Forwarded-For names the client for rate limits "
                  "and logs")
      ->delimiter(',')
      ->transform(cidr_check)
      ->capture_default_str();
  serve
      .add_option("--request-timeout", c.request_timeout_seconds,
                  "Seconds a client has to send a whole HTTP request before it is disconnected")
      ->check(CLI::Range(1u, 3600u))
      ->capture_default_str();
  serve
      .add_option("--hello-timeout", c.hello_timeout_seconds,
                  "Seconds a new WebSocket has to send hello before it is closed (1008)")
      ->check(CLI::Range(1u, 3600u))
      ->capture_default_str();
  serve
      .add_option("--joins-per-second", c.joins_per_second,
                  "New audience identities one client address may create per second, sustained")
      ->check(CLI::Range(0.1, 1e6))
      ->capture_default_str();
  serve
      .add_option("--join-burst", c.join_burst,
                  "New audience identities one client address may create at once (a venue behind one NAT)")
      ->check(CLI::Range(1.0, 1e6))
      ->capture_default_str();
  serve
      .add_option("--room-idle", c.room_idle_seconds,
                  "Seconds a debate with nobody connected stays in memory before it is unloaded")
      ->check(CLI::Range(1u, 86400u))
      ->capture_default_str();
  serve
      .add_option("--opinion-map", c.opinion_map,
                  "Compute the live opinion map of each room from its ratings (on or off)")
      ->capture_default_str();
  serve
      .add_option("--webhook-retry-ms", c.webhook_retry_ms,
                  "Milliseconds before a failed webhook delivery is first tried again (then doubled up to an hour)")
      ->check(CLI::Range(10u, 3600000u))
      ->capture_default_str();
}

// The commands that work on files instead of serving.
struct file_commands {
  CLI::App* verify = nullptr;
  CLI::App* backup = nullptr;
  CLI::App* migrate = nullptr;
};

file_commands add_file_commands(CLI::App& app, text_options& t) {
  file_commands out;
  out.verify =
      app.add_subcommand("verify", "Check a debate's archive (GET /api/debates/{id}/archive): its hash chain and head");
  out.verify->add_option("ARCHIVE", t.archive, "The archive file (.ndjson)")->required();
  out.backup = app.add_subcommand("backup", "Copy the SQLite database, consistently, while the server keeps running");
  out.backup->add_option("FILE", t.backup_file, "The copy to write (replaced if it exists)")->required();
  out.backup->add_option("--db", t.db, "SQLite database file to copy")->capture_default_str();
  out.migrate = app.add_subcommand("migrate", "Move a one-node SQLite database into an empty PostgreSQL database");
  out.migrate->add_option("--from", t.migrate_from, "sqlite:FILE, the database to move")->required();
  out.migrate->add_option("--to", t.migrate_to, "postgresql://…, an empty database (its schema is made)")->required();
  return out;
}

// The built-in defaults that are not constants: where the web client is.
void set_defaults(config& c, text_options& t) {
  c.web_root = TRIBUNE_DEFAULT_WEB_ROOT;
  c.vendor_root = TRIBUNE_DEFAULT_VENDOR_ROOT;
  if (const auto installed = installed_data_dir(); !installed.empty()) {
    c.web_root = installed / "web";
    c.vendor_root = installed / "vendor";
  }
  t.db = c.db;
  t.web_root = c.web_root.string();
  t.vendor_root = c.vendor_root.string();
}

// The values read as text, converted once every layer has spoken; the organizer token.
config finish(config c, const text_options& t) {
  std::string error;
  const auto listen = parse_listen(t.listen, error);
  if (!listen) throw std::invalid_argument("--listen: " + error);  // checked already: never reached
  c.listen_host = listen->host;
  c.listen_port = listen->port;
  c.db = t.db;
  c.web_root = t.web_root;
  c.vendor_root = t.vendor_root;
  // Read once at startup, before any thread starts.
  // NOLINTNEXTLINE(concurrency-mt-unsafe)
  if (const char* token = std::getenv("TRIBUNE_ADMIN_TOKEN"); token != nullptr && *token != '\0') {
    c.admin_token = token;
    if (c.admin_token->size() < 22) throw std::invalid_argument("TRIBUNE_ADMIN_TOKEN must hold at least 22 characters");
  }
  return c;
}

}  // namespace

std::optional<config> parse_command_line(const std::vector<std::string>& args, std::ostream& out) {
  config c;
  text_options t;
  set_defaults(c, t);

  CLI::App app{"Tribune: live, structured debates and talk shows"};
  app.formatter(std::make_shared<help_formatter>());
  app.set_version_flag("--version", std::string("tribune ") + TRIBUNE_VERSION);
  app.require_subcommand(0, 1);
  auto* serve = app.add_subcommand("serve", "Serve the web client, the REST API and the WebSocket on one port");
  add_serve_options(*serve, c, t);
  auto* print = app.add_subcommand("config", "Print the options of serve as a TOML file to edit, with their defaults");
  const auto files = add_file_commands(app, t);
  app.footer(
      "Precedence: built-in defaults < --config FILE < TRIBUNE_* environment variables < flags.\n"
      "The organizer token is read from TRIBUNE_ADMIN_TOKEN only; without it, one is created on\n"
      "first start and the admin link is printed once.");

  std::vector<const char*> argv;
  argv.reserve(args.size());
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::Success& e) {
    app.exit(e, out, out);
    return std::nullopt;
  } catch (const CLI::ParseError& e) {
    throw std::invalid_argument(e.what());
  }
  if (print->parsed()) {
    out << config_template(*serve);
    return std::nullopt;
  }
  if (files.verify->parsed()) {
    c.verify_archive = t.archive;
    return c;
  }
  if (files.migrate->parsed()) {
    c.migrate_from = t.migrate_from;
    c.migrate_to = t.migrate_to;
    return c;
  }
  if (files.backup->parsed()) {
    apply_layers(*files.backup, {});  // TRIBUNE_DB, as for serve
    c.backup_to = t.backup_file;
    c.db = t.db;
    return c;
  }
  if (!serve->parsed()) {
    out << app.help();
    return std::nullopt;
  }
  // The options are bound to `c` and `t`: the layers must write there before `c` moves.
  apply_layers(*serve, t.config_file);
  return finish(std::move(c), t);
}

std::optional<config> parse_command_line(int argc, char** argv) {
  return parse_command_line(std::vector<std::string>(argv, argv + argc), std::cout);
}

std::optional<listen_address> parse_listen(std::string_view text, std::string& error) {
  const auto authority = boost::urls::parse_authority(text);
  const std::string_view port = authority ? std::string_view(authority->port()) : std::string_view();
  unsigned number = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
  if (!authority || authority->has_userinfo() || port.empty() || ec != std::errc() ||
      end != port.data() + port.size() || number > 65535) {
    error = "must be HOST:PORT with a port from 0 to 65535, e.g. 127.0.0.1:8080 or [::1]:8080";
    return std::nullopt;
  }
  const auto type = authority->host_type();
  if (type != boost::urls::host_type::ipv4 && type != boost::urls::host_type::ipv6) {
    error = "the host must be an IP address, e.g. 127.0.0.1, 0.0.0.0 or [::1]";
    return std::nullopt;
  }
  return listen_address{authority->host_address(), static_cast<std::uint16_t>(number)};
}

std::string url_authority(std::string_view host, std::uint16_t port) {
  const bool ipv6 = host.find(':') != std::string_view::npos;
  return (ipv6 ? "[" + std::string(host) + "]" : std::string(host)) + ":" + std::to_string(port);
}

}  // namespace tribune::server
