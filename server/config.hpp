#pragma once
// Command-line and environment configuration. Precedence: built-in defaults < TRIBUNE_* environment
// variables < flags. The organizer token comes from the environment only, so it never shows in `ps`.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace tribune::server {

struct config {
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8080;
  std::filesystem::path db = "./tribune.db";
  std::filesystem::path web_root;
  std::string public_url;  // e.g. https://debates.example.org; empty: taken from each request's Host
  unsigned threads = 2;
  std::string log_level = "info";
  std::optional<std::string> admin_token;  // TRIBUNE_ADMIN_TOKEN
  std::string allowed_origins;             // comma-separated; empty: same host as the request
  unsigned request_timeout_seconds = 30;   // a whole HTTP request must arrive within this (slowloris)
  unsigned hello_timeout_seconds = 10;     // a new WebSocket must send hello within this
  double joins_per_second = 10;            // new audience identities per client address, sustained
  double join_burst = 300;                 // … and at once
  unsigned room_idle_seconds = 300;        // a debate nobody uses for this long is unloaded
};

// Parses argv. Returns nullopt after printing help or version (exit 0); throws
// std::invalid_argument with a message for bad input (exit 2).
std::optional<config> parse_command_line(int argc, char** argv);

}  // namespace tribune::server
