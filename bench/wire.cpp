#include "wire.hpp"

#include <algorithm>
#include <charconv>
#include <iostream>
#include <string>

#include "client_hooks.hpp"
#include "conn.hpp"
#include "line_scan.hpp"
#include "net.hpp"

namespace bench {
namespace {

void on_event_line(conn& c, std::string_view line, std::int64_t now, client_hooks* hooks) {
  const auto seq = last_number(line, "\"seq\":").value_or(0);
  const auto prev = last_number(line, "\"prev\":").value_or(0);
  ++c.events;
  if (seq <= c.last_seq) {
    ++c.dups;
  } else {
    if (prev > c.last_seq) ++c.gaps;
    c.last_seq = seq;
  }
  if (!c.caught_up_at && c.caught_up_to && c.last_seq >= c.caught_up_to) c.caught_up_at = now;
  if (hooks) hooks->on_event(c, line, seq, last_string(line, "\"event\":\""), now);
}

void on_welcome(conn& c, std::string_view line, std::int64_t now) {
  const auto w = json::parse(line, nullptr, false);
  const auto seq = w.value("seq", std::int64_t{0});
  c.caught_up_to = seq;
  // After a snapshot welcome, the snapshot that follows sets the starting point.
  if (w.value("resume", "") != "snapshot" && c.last_seq >= seq) c.caught_up_at = now;
  c.ready = true;
}

void on_snapshot(conn& c, std::string_view line, std::int64_t now) {
  const auto seq = first_number(line, "\"seq\":").value_or(0);
  c.last_seq = std::max(c.last_seq, seq);
  if (!c.caught_up_at && c.last_seq >= c.caught_up_to) c.caught_up_at = now;
}

void on_tribune_line(conn& c, std::string_view line, std::int64_t now, client_hooks* hooks) {
  ++c.deliveries;
  const auto type = last_string(line, "\"type\":\"");
  if (hooks) hooks->on_line(c, line, type, now);
  if (type == "event") {
    on_event_line(c, line, now, hooks);
  } else if (type == "ack" || type == "error") {
    const auto id = first_number(line, "\"id\":").value_or(-1);
    const auto seq = last_number(line, "\"seq\":").value_or(0);
    if (hooks) hooks->on_reply(c, line, id, type == "ack", seq, now);
  } else if (type == "tallies") {
    if (hooks) hooks->on_tallies(c, line, now);
  } else if (type == "reactions") {
    ++c.reaction_msgs;
    if (hooks) hooks->on_reactions(c, line, now);
  } else if (type == "welcome") {
    on_welcome(c, line, now);
  } else if (type == "snapshot") {
    on_snapshot(c, line, now);
  }
}

void on_nats_control(conn& c, std::string_view head) {
  if (head == "PING") c.send("PONG\r\n");
  if (head.starts_with("INFO ")) {
    std::string hello = "CONNECT {\"verbose\":false,\"pedantic\":false,\"name\":\"bench\"}\r\n";
    if (c.listener) hello += "SUB bench 1\r\n";
    hello += "PING\r\n";
    c.send(std::move(hello));
  }
  if (head == "PONG") c.ready = true;
  if (head.starts_with("-ERR")) std::cerr << "nats: " << head << "\n";
}

// NATS text protocol: INFO, PING and MSG lines; MSG is followed by its payload.
void on_nats_bytes(conn& c, std::string_view bytes, std::int64_t now, client_hooks* hooks) {
  c.pending.append(bytes);
  std::string_view rest(c.pending);
  for (;;) {
    const auto eol = rest.find("\r\n");
    if (eol == std::string_view::npos) break;
    const auto head = rest.substr(0, eol);
    if (head.starts_with("MSG ")) {
      // MSG <subject> <sid> [reply-to] <#bytes>
      const auto sp = head.rfind(' ');
      std::size_t size = 0;
      std::from_chars(head.data() + sp + 1, head.data() + head.size(), size);
      if (rest.size() < eol + 2 + size + 2) break;
      ++c.deliveries;
      if (hooks) hooks->on_peer_message(c, rest.substr(eol + 2, size), now);
      rest.remove_prefix(eol + 2 + size + 2);
      continue;
    }
    on_nats_control(c, head);
    rest.remove_prefix(eol + 2);
  }
  c.pending.erase(0, c.pending.size() - rest.size());
}

}  // namespace

void read_frame(conn& c, std::string_view frame, std::int64_t now, client_hooks* hooks) {
  if (c.role == kind::nats) return on_nats_bytes(c, frame, now, hooks);
  if (c.role == kind::raw) {
    ++c.deliveries;
    if (hooks) hooks->on_peer_message(c, frame, now);
    return;
  }
  // A frame may hold several messages, one per line.
  while (!frame.empty()) {
    const auto nl = frame.find('\n');
    const auto line = frame.substr(0, nl);
    if (!line.empty()) on_tribune_line(c, line, now, hooks);
    if (nl == std::string_view::npos) break;
    frame.remove_prefix(nl + 1);
  }
}

void send_hello(conn& c, std::string_view debate) {
  json h{{"type", "hello"}, {"debate", debate}, {"token", c.token}};
  if (c.last_seq > 0) h["last_seq"] = c.last_seq;
  c.caught_up_at = 0;
  c.send(h.dump());
}

}  // namespace bench
