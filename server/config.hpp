#pragma once
// The configuration of `tribune serve`, from four layers, each overriding the one before: built-in
// defaults < the TOML file named by --config < TRIBUNE_* environment variables < flags. The
// organizer token comes from the environment only (TRIBUNE_ADMIN_TOKEN), so it never shows in a
// process list or sits in a file. `tribune config` prints every option as a TOML file to edit.
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tribune::server {

struct config {
  // `tribune verify ARCHIVE`: the archive to check instead of serving (empty: serve).
  std::filesystem::path verify_archive;
  // `tribune backup FILE`: where to copy the database `db` instead of serving (empty: serve).
  std::filesystem::path backup_to;
  // `tribune migrate --from sqlite:FILE --to postgresql://…` (empty: serve).
  std::string migrate_from;
  std::string migrate_to;
  std::string listen_host = "127.0.0.1";  // an IP address; IPv6 without brackets
  std::uint16_t listen_port = 8080;
  std::string db = "./tribune.db";  // an SQLite file, or a postgresql:// URL (storage/open.hpp)
  std::filesystem::path web_root;
  std::filesystem::path vendor_root;  // holds package-lock.json and node_modules: the pages' libraries
  std::string public_url;             // e.g. https://debates.example.org; empty: taken from each request's Host
  unsigned threads = 2;
  std::string log_level = "info";
  std::optional<std::string> admin_token;    // TRIBUNE_ADMIN_TOKEN
  std::vector<std::string> allowed_origins;  // besides the server's own and its public URL
  std::string admin_listen;  // HOST:PORT of a listener for /metrics alone; empty: /metrics on the public port
  std::vector<std::string> trusted_proxies;  // CIDRs whose X-Forwarded-For is believed (trusted_proxies.hpp)
  unsigned request_timeout_seconds = 30;     // a whole HTTP request must arrive within this (slowloris)
  unsigned hello_timeout_seconds = 10;       // a new WebSocket must send hello within this
  double joins_per_second = 10;              // new audience identities per client address, sustained
  double join_burst = 300;                   // … and at once
  unsigned room_idle_seconds = 300;          // a debate nobody uses for this long is unloaded
  unsigned webhook_retry_ms = 5000;          // the first retry of a failed webhook delivery
  bool opinion_map = true;                   // the live opinion map of each room (server/opinion/)
};

// Parses the command line (args[0] is the program) with the environment and the --config file.
// Returns nullopt after printing help, the version or `tribune config`'s file to `out` (exit 0);
// throws std::invalid_argument with a message naming the bad value and where it came from (exit 2).
std::optional<config> parse_command_line(const std::vector<std::string>& args, std::ostream& out);
std::optional<config> parse_command_line(int argc, char** argv);  // prints to std::cout

struct listen_address {
  std::string host;  // IPv6 without brackets
  std::uint16_t port = 0;
};

// HOST:PORT, parsed as a URL authority (Boost.URL): HOST an IPv4 address or a bracketed IPv6 one
// ("[::1]:8080"), PORT 0 to 65535 (0: any free port). nullopt, with `error` set, for anything else.
std::optional<listen_address> parse_listen(std::string_view text, std::string& error);

// HOST:PORT as it goes into a URL: an IPv6 host gets its brackets back.
std::string url_authority(std::string_view host, std::uint16_t port);

// What the server keeps in its database's settings rather than in its configuration.
struct server_secrets {
  std::string admin_token_hash;  // a hash of the organizer token
  std::string link_key;          // the key of recoverable staff links (tokens.hpp)
};

}  // namespace tribune::server
