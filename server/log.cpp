#include "server/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace tribune::server::log {
namespace {

std::shared_ptr<spdlog::logger>& logger() {
  static std::shared_ptr<spdlog::logger> instance;
  return instance;
}

void write(spdlog::level::level_enum level, std::string_view msg, nlohmann::json fields) {
  auto& l = logger();
  if (!l || !l->should_log(level)) return;
  fields["msg"] = msg;
  // The pattern supplies time and level; the fields close the object. `replace` keeps a
  // malformed byte in user-chosen data (a debate title, say) from breaking the line.
  auto text = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.erase(0, 1);  // the pattern opens the object
  l->log(level, "{}", text);
}

}  // namespace

void init(std::string_view level) {
  auto sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  auto l = std::make_shared<spdlog::logger>("tribune", sink);
  l->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v)", spdlog::pattern_time_type::utc);
  l->set_level(spdlog::level::from_str(std::string(level)));
  l->flush_on(spdlog::level::trace);
  logger() = l;
}

void debug(std::string_view msg, nlohmann::json fields) { write(spdlog::level::debug, msg, std::move(fields)); }
void info(std::string_view msg, nlohmann::json fields) { write(spdlog::level::info, msg, std::move(fields)); }
void warn(std::string_view msg, nlohmann::json fields) { write(spdlog::level::warn, msg, std::move(fields)); }
void error(std::string_view msg, nlohmann::json fields) { write(spdlog::level::err, msg, std::move(fields)); }

}  // namespace tribune::server::log
