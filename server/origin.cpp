#include "server/origin.hpp"

#include "protocol/text.hpp"

namespace tribune::server {
namespace {

bool configured(const config& cfg, std::string_view origin) {
  std::string_view allowed = cfg.allowed_origins;
  while (!allowed.empty()) {
    const auto comma = allowed.find(',');
    if (protocol::trim(allowed.substr(0, comma)) == origin) return true;
    allowed = comma == std::string_view::npos ? std::string_view{} : allowed.substr(comma + 1);
  }
  return false;
}

}  // namespace

bool origin_allowed(const config& cfg, const http_request& upgrade) {
  const auto field = upgrade.find(http::field::origin);
  if (field == upgrade.end()) return true;
  const std::string_view origin(field->value().data(), field->value().size());
  if (origin.empty() || origin == "null") return false;
  const auto host = upgrade[http::field::host];
  if (!host.empty()) {
    const std::string h(host.data(), host.size());
    if (origin == "http://" + h || origin == "https://" + h) return true;
  }
  if (!cfg.public_url.empty() && origin == cfg.public_url) return true;
  return configured(cfg, origin);
}

}  // namespace tribune::server
