#include "server/trusted_proxies.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tribune::server {
namespace {

boost::asio::ip::address ip(const char* text) { return boost::asio::ip::make_address(text); }

bool parses(const char* text) {
  std::string error;
  const bool ok = parse_cidr(text, error).has_value();
  EXPECT_EQ(ok, error.empty()) << text;
  return ok;
}

TEST(trusted_proxies, networks_and_bare_addresses_parse_and_nothing_else_does) {
  EXPECT_TRUE(parses("10.0.0.0/8"));
  EXPECT_TRUE(parses(" 192.0.2.7 "));
  EXPECT_TRUE(parses("0.0.0.0/0"));
  EXPECT_TRUE(parses("fd00::/8"));
  EXPECT_TRUE(parses("::1"));
  EXPECT_FALSE(parses("10.0.0.0/33"));
  EXPECT_FALSE(parses("fd00::/129"));
  EXPECT_FALSE(parses("10.0.0.0/"));
  EXPECT_FALSE(parses("10.0.0.0/8x"));
  EXPECT_FALSE(parses("10.0.0/8"));
  EXPECT_FALSE(parses("proxy.example"));
  EXPECT_FALSE(parses(""));
  EXPECT_FALSE(parses("10.0.0.1/8"));  // host bits set: a typo for a narrower network
}

TEST(trusted_proxies, a_network_holds_the_addresses_under_its_prefix_of_its_family_only) {
  std::string error;
  const auto v4 = *parse_cidr("172.16.0.0/12", error);
  EXPECT_TRUE(v4.contains(ip("172.16.0.1")));
  EXPECT_TRUE(v4.contains(ip("172.31.255.255")));
  EXPECT_FALSE(v4.contains(ip("172.32.0.0")));
  EXPECT_FALSE(v4.contains(ip("172.15.255.255")));
  EXPECT_TRUE(v4.contains(ip("::ffff:172.20.1.1")));  // a dual-stack listener's IPv4 peer
  EXPECT_FALSE(v4.contains(ip("fd00::1")));
  const auto v6 = *parse_cidr("2001:db8:abcd::/48", error);
  EXPECT_TRUE(v6.contains(ip("2001:db8:abcd:12::1")));
  EXPECT_FALSE(v6.contains(ip("2001:db8:abce::1")));
  EXPECT_FALSE(v6.contains(ip("10.0.0.1")));
  const auto one = *parse_cidr("192.0.2.7", error);
  EXPECT_TRUE(one.contains(ip("192.0.2.7")));
  EXPECT_FALSE(one.contains(ip("192.0.2.6")));
  EXPECT_TRUE(parse_cidr("0.0.0.0/0", error)->contains(ip("198.51.100.1")));
}

TEST(trusted_proxies, a_bad_network_is_refused_by_name) {
  try {
    trusted_proxies proxies({"10.0.0.0/8", "10.0.0.0/40"});
    ADD_FAILURE() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("10.0.0.0/40"), std::string::npos) << e.what();
  }
}

TEST(trusted_proxies, the_header_of_an_untrusted_peer_is_ignored) {
  const trusted_proxies proxies({"10.0.0.0/8"});
  EXPECT_EQ(proxies.client_address(ip("198.51.100.1"), "203.0.113.5"), "198.51.100.1");
  EXPECT_EQ(trusted_proxies().client_address(ip("10.0.0.2"), "203.0.113.5"), "10.0.0.2");
}

TEST(trusted_proxies, the_client_is_the_right_most_address_not_trusted) {
  const trusted_proxies proxies({"10.0.0.0/8", "fd00::/8"});
  EXPECT_EQ(proxies.client_address(ip("10.0.0.2"), "203.0.113.5"), "203.0.113.5");
  // What the client wrote itself lies left of what the proxy appended.
  EXPECT_EQ(proxies.client_address(ip("10.0.0.2"), "1.2.3.4, 203.0.113.5"), "203.0.113.5");
  // Through two trusted proxies.
  EXPECT_EQ(proxies.client_address(ip("10.0.0.2"), "1.2.3.4,203.0.113.5, 10.9.9.9"), "203.0.113.5");
  EXPECT_EQ(proxies.client_address(ip("fd00::2"), "2001:db8::7, fd00::9"), "2001:db8::7");
  // Ports, as some proxies write them.
  EXPECT_EQ(proxies.client_address(ip("10.0.0.2"), "203.0.113.5:41234"), "203.0.113.5");
  EXPECT_EQ(proxies.client_address(ip("10.0.0.2"), "[2001:db8::7]:443"), "2001:db8::7");
  // Every hop trusted: the farthest one.
  EXPECT_EQ(proxies.client_address(ip("10.0.0.2"), "10.1.1.1, 10.2.2.2"), "10.1.1.1");
  // No header: the proxy itself.
  EXPECT_EQ(proxies.client_address(ip("10.0.0.2"), ""), "10.0.0.2");
  // Garbage stops the walk at the proxy that passed it on.
  EXPECT_EQ(proxies.client_address(ip("10.0.0.2"), "203.0.113.5, unknown, 10.3.3.3"), "10.3.3.3");
  EXPECT_EQ(proxies.client_address(ip("10.0.0.2"), "not an address"), "10.0.0.2");
  EXPECT_EQ(proxies.client_address(ip("::ffff:10.0.0.2"), "203.0.113.5"), "203.0.113.5");
}

}  // namespace
}  // namespace tribune::server
