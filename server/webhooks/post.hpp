#pragma once
// One HTTP POST to a webhook's address: HTTPS (the peer's certificate checked against the system's
// authorities and the host name) or plain HTTP to a loopback address; the whole exchange bounded
// by a timeout and the answer's size, so a slow or silent receiver only ever costs its own
// delivery.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/ssl/context.hpp>

#include "server/net.hpp"

namespace tribune::server::webhooks {

struct post_result {
  int status = 0;     // the receiver's HTTP status; 0 when none arrived
  std::string error;  // why none arrived (no user data)
};

using header_list = std::vector<std::pair<std::string, std::string>>;

asio::awaitable<post_result> post(boost::asio::ssl::context& tls, const std::string& url, const header_list& headers,
                                  const std::string& body, std::chrono::milliseconds timeout);

// A TLS client context that checks peers against the system's certificate authorities.
boost::asio::ssl::context client_tls();

}  // namespace tribune::server::webhooks
