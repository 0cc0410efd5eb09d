#include "server/origin.hpp"

#include <algorithm>

namespace tribune::server {

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
  return std::find(cfg.allowed_origins.begin(), cfg.allowed_origins.end(), origin) != cfg.allowed_origins.end();
}

}  // namespace tribune::server
