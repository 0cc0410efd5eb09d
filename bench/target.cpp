#include "target.hpp"

#include <stdexcept>

#include <boost/url/parse.hpp>

#include "net.hpp"

namespace bench {

target target_from_url(std::string_view url) {
  const std::string text = url.find("://") == std::string_view::npos ? "http://" + std::string(url) : std::string(url);
  const auto parsed = boost::urls::parse_uri(text);
  if (!parsed) throw std::invalid_argument("not a URL: " + std::string(url));
  const auto& u = *parsed;
  if (!u.has_port() || u.port_number() == 0) throw std::invalid_argument("the URL needs a port: " + std::string(url));
  target t;
  t.host = u.host_address();
  t.port = u.port_number();
  t.path = u.encoded_target().empty() ? "/" : std::string(u.encoded_target());
  const bool ipv4_loopback = u.host_type() == boost::urls::host_type::ipv4 && u.host_ipv4_address().is_loopback();
  t.loopback = ipv4_loopback || t.host == "localhost";
  if (t.host == "localhost") t.host = "127.0.0.1";
  return t;
}

asio::ip::address_v4 source_address(std::size_t index) {
  const auto n = static_cast<std::uint32_t>(index / 250);
  return asio::ip::address_v4((127u << 24) | (1u << 8) | (n + 1));
}

}  // namespace bench
