#pragma once
// The reverse proxies whose X-Forwarded-For is believed (--trusted-proxies): from one of them the
// client address used for rate limits and logs is the forwarded one; from anyone else the header
// is ignored, so a client cannot pick the address it is limited by. Immutable after start.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>

namespace tribune::server {

// An IPv4 or IPv6 network: "10.0.0.0/8", "fd00::/8"; a bare address is the network of it alone.
struct cidr {
  bool v6 = false;
  std::array<unsigned char, 16> bytes{};  // IPv4 in the first four
  unsigned prefix = 0;                    // bits that must match

  bool contains(const boost::asio::ip::address& a) const;
};

// nullopt, with `error` set, for anything but a network with no host bits set.
std::optional<cidr> parse_cidr(std::string_view text, std::string& error);

class trusted_proxies {
 public:
  trusted_proxies() = default;
  // Every item must parse (parse_cidr); throws std::invalid_argument naming the first that does not.
  explicit trusted_proxies(const std::vector<std::string>& networks);

  bool empty() const { return networks_.empty(); }
  bool trusts(const boost::asio::ip::address& a) const;

  // The client behind `peer`: `peer` itself unless it is trusted and `forwarded` (every
  // X-Forwarded-For value, in order, joined with commas) names one. Then it is the right-most
  // address not itself trusted: each trusted proxy appends the address it saw, so whatever lies
  // left of that was written by the client and proves nothing. An entry that is not an address
  // stops the walk at the proxy that passed it.
  std::string client_address(const boost::asio::ip::address& peer, std::string_view forwarded) const;

 private:
  std::vector<cidr> networks_;
};

// An IPv4 address mapped into IPv6 (a dual-stack listener's peers) as the IPv4 address it is.
boost::asio::ip::address unmapped(const boost::asio::ip::address& a);

}  // namespace tribune::server
