#include "server/trusted_proxies.hpp"

#include <charconv>
#include <stdexcept>

namespace tribune::server {
namespace {

namespace ip = boost::asio::ip;

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<ip::address> parse_address(std::string_view text) {
  boost::system::error_code ec;
  const auto a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return unmapped(a);
}

// A forwarded entry: an address, possibly with a port ("203.0.113.7:41234", "[2001:db8::1]:443").
std::optional<ip::address> parse_forwarded(std::string_view entry) {
  if (auto a = parse_address(entry)) return a;
  if (entry.starts_with('[')) {
    const auto close = entry.find(']');
    return close == std::string_view::npos ? std::nullopt : parse_address(entry.substr(1, close - 1));
  }
  const auto colon = entry.find(':');
  if (colon != std::string_view::npos && entry.find(':', colon + 1) == std::string_view::npos) {
    return parse_address(entry.substr(0, colon));
  }
  return std::nullopt;
}

std::array<unsigned char, 16> bytes_of(const ip::address& a) {
  std::array<unsigned char, 16> out{};
  if (a.is_v4()) {
    const auto b = a.to_v4().to_bytes();
    std::copy(b.begin(), b.end(), out.begin());
  } else {
    const auto b = a.to_v6().to_bytes();
    std::copy(b.begin(), b.end(), out.begin());
  }
  return out;
}

// Whether the first `bits` bits of `a` and `b` are equal.
bool same_prefix(const std::array<unsigned char, 16>& a, const std::array<unsigned char, 16>& b, unsigned bits) {
  for (std::size_t i = 0; bits > 0; ++i, bits = bits >= 8 ? bits - 8 : 0) {
    const auto mask = static_cast<unsigned char>(bits >= 8 ? 0xff : 0xff << (8 - bits));
    if ((a[i] & mask) != (b[i] & mask)) return false;
  }
  return true;
}

}  // namespace

ip::address unmapped(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

bool cidr::contains(const ip::address& address) const {
  const auto a = unmapped(address);
  return a.is_v6() == v6 && same_prefix(bytes, bytes_of(a), prefix);
}

std::optional<cidr> parse_cidr(std::string_view text, std::string& error) {
  text = trim_blanks(text);
  const auto slash = text.find('/');
  const auto address = parse_address(text.substr(0, slash));
  if (!address) {
    error = "'" + std::string(text) + "' is not an address or a network, e.g. 10.0.0.0/8, 192.0.2.7 or fd00::/8";
    return std::nullopt;
  }
  cidr out{address->is_v6(), bytes_of(*address), address->is_v6() ? 128U : 32U};
  if (slash != std::string_view::npos) {
    const auto bits = text.substr(slash + 1);
    unsigned prefix = 0;
    const auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
    if (bits.empty() || ec != std::errc() || end != bits.data() + bits.size() || prefix > out.prefix) {
      error = "'" + std::string(text) + "': the prefix length must be 0 to " + std::to_string(out.prefix);
      return std::nullopt;
    }
    out.prefix = prefix;
  }
  // Host bits set ("10.0.0.1/8") are most often a typo for a narrower network: refused, not guessed.
  const unsigned width = out.v6 ? 128U : 32U;
  for (unsigned bit = out.prefix; bit < width; ++bit) {
    if ((out.bytes[bit / 8] >> (7 - bit % 8)) & 1U) {
      error = "'" + std::string(text) + "' has bits set past its prefix; the network is written with them at zero";
      return std::nullopt;
    }
  }
  return out;
}

trusted_proxies::trusted_proxies(const std::vector<std::string>& networks) {
  for (const auto& text : networks) {
    std::string error;
    auto network = parse_cidr(text, error);
    if (!network) throw std::invalid_argument(error);
    networks_.push_back(*network);
  }
}

bool trusted_proxies::trusts(const ip::address& a) const {
  for (const auto& n : networks_) {
    if (n.contains(a)) return true;
  }
  return false;
}

std::string trusted_proxies::client_address(const ip::address& peer, std::string_view forwarded) const {
  auto client = unmapped(peer);
  if (!trusts(client)) return client.to_string();
  while (!forwarded.empty()) {
    const auto comma = forwarded.rfind(',');
    const auto entry = trim_blanks(comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1));
    forwarded = comma == std::string_view::npos ? std::string_view() : forwarded.substr(0, comma);
    if (entry.empty()) continue;
    const auto hop = parse_forwarded(entry);
    if (!hop) break;
    client = *hop;
    if (!trusts(client)) break;
  }
  return client.to_string();
}

}  // namespace tribune::server
