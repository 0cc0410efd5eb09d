#include "target.hpp"

#include <stdexcept>

#include "net.hpp"

namespace bench {

target target_from_url(std::string_view url) {
  target t;
  std::string rest(url);
  if (const auto p = rest.find("://"); p != std::string::npos) rest = rest.substr(p + 3);
  const auto slash = rest.find('/');
  const auto hostport = rest.substr(0, slash);
  t.path = slash == std::string::npos ? "/" : rest.substr(slash);
  const auto colon = hostport.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("the URL needs a port: " + std::string(url));
  t.host = hostport.substr(0, colon);
  t.port = static_cast<std::uint16_t>(std::stoi(hostport.substr(colon + 1)));
  t.loopback = t.host.starts_with("127.") || t.host == "localhost";
  if (t.host == "localhost") t.host = "127.0.0.1";
  return t;
}

asio::ip::address_v4 source_address(std::size_t index) {
  const auto n = static_cast<std::uint32_t>(index / 250);
  return asio::ip::address_v4((127u << 24) | (1u << 8) | (n + 1));
}

}  // namespace bench
