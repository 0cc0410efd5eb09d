#pragma once
// Structured logs: one JSON object per line on stdout. Fields are data (ids, counts, codes);
// never a token, a password or a message body.
#include <string_view>

#include <nlohmann/json.hpp>

namespace tribune::server::log {

void init(std::string_view level);  // "debug", "info", "warn", "error"
void debug(std::string_view msg, nlohmann::json fields = nlohmann::json::object());
void info(std::string_view msg, nlohmann::json fields = nlohmann::json::object());
void warn(std::string_view msg, nlohmann::json fields = nlohmann::json::object());
void error(std::string_view msg, nlohmann::json fields = nlohmann::json::object());

}  // namespace tribune::server::log
