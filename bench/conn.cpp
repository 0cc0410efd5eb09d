#include "conn.hpp"

#include <boost/asio/buffer.hpp>

#include "net.hpp"

namespace bench {

void conn::send(std::string text) {
  if (!open) return;
  out.push_back(std::move(text));
  write_next();
}

std::int64_t conn::send_command(json body) {
  const auto id = next_cmd++;
  body["id"] = id;
  send(body.dump());
  return id;
}

void conn::write_next() {
  if (writing || out.empty() || !open) return;
  writing = true;
  ws->text(role != kind::nats);
  ws->async_write(asio::buffer(out.front()), [this](beast::error_code ec, std::size_t) {
    writing = false;
    if (!out.empty()) out.pop_front();
    if (ec) {
      out.clear();
      return;
    }
    write_next();
  });
}

}  // namespace bench
