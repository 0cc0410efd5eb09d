#include "show_driver.hpp"

#include <algorithm>

#include "figures.hpp"
#include "line_scan.hpp"
#include "pacing.hpp"
#include "wire.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

constexpr double moderator_per_second = 18;  // under the server's 20 a second per connection
constexpr double moderator_burst = 18;       // under its 40

}  // namespace

show_driver::show_driver(asio::io_context& io, const target& where, std::string debate)
    : io_(io), clients_(io, where, 256), debate_(std::move(debate)) {
  clients_.set_hooks(this);
  clients_.set_greeting([this](conn& c) {
    // Resume from the newest seq seen: a welcome by events, not a snapshot of the whole room.
    c.last_seq = head_;
    send_hello(c, debate_);
  });
}

show_driver::~show_driver() {
  clients_.set_hooks(nullptr);
  for (auto& c : conns_) client_io::close(*c);
}

conn& show_driver::add(std::string token, kind k) {
  conns_.push_back(std::make_unique<conn>(conns_.size(), k));
  auto& c = *conns_.back();
  c.token = std::move(token);
  return c;
}

asio::awaitable<bool> show_driver::open(std::vector<conn*> conns) {
  co_await clients_.open_all(conns, true);
  co_return co_await wait_until(
      [&] { return std::all_of(conns.begin(), conns.end(), [](conn* c) { return c->ready; }); }, 60s);
}

void show_driver::close(const std::vector<conn*>& conns) {
  for (auto* c : conns) client_io::close(*c);
}

std::uint64_t show_driver::key(const conn& c, std::int64_t id) {
  return (static_cast<std::uint64_t>(c.index) << 32U) | static_cast<std::uint32_t>(id);
}

void show_driver::send(conn& c, json cmd, reply_fn then) {
  const auto id = c.send_command(std::move(cmd));
  waiting_[key(c, id)] = std::move(then);
  ++commands_;
}

void show_driver::moderate(json cmd, reply_fn then) { queue_.push_back(queued{std::move(cmd), std::move(then)}); }

void show_driver::set_moderators(const std::vector<conn*>& pool) {
  pool_.clear();
  for (auto* c : pool) pool_.push_back(slot{c, moderator_burst, now_ns()});
}

// Sends queued moderator commands, round robin over the pool, while a connection has a token.
void show_driver::pump() {
  const auto now = now_ns();
  for (auto& s : pool_) {
    s.tokens = std::min(moderator_burst, s.tokens + static_cast<double>(now - s.refilled) / 1e9 * moderator_per_second);
    s.refilled = now;
  }
  for (std::size_t tried = 0; !queue_.empty() && tried < pool_.size();) {
    auto& s = pool_[next_slot_];
    next_slot_ = (next_slot_ + 1) % pool_.size();
    if (s.tokens < 1 || !s.c->open) {
      ++tried;
      continue;
    }
    s.tokens -= 1;
    tried = 0;
    send(*s.c, std::move(queue_.front().cmd), std::move(queue_.front().then));
    queue_.pop_front();
  }
}

asio::awaitable<bool> show_driver::settle(std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!queue_.empty() || !waiting_.empty()) {
    if (std::chrono::steady_clock::now() > deadline) co_return false;
    pump();
    co_await sleep_for(1ms);
  }
  co_return true;
}

void show_driver::on_reply(conn& c, std::string_view line, std::int64_t id, bool ok, std::int64_t seq, std::int64_t) {
  head_ = std::max(head_, seq);
  if (!ok) {
    ++errors_;
    ++by_code_[std::string(last_string(line, "\"code\":\""))];
    last_error_ = std::string(line);
  }
  const auto it = waiting_.find(key(c, id));
  if (it == waiting_.end()) return;
  auto then = std::move(it->second);
  waiting_.erase(it);
  if (then) then(line, ok);
}

void show_driver::on_event(conn&, std::string_view, std::int64_t seq, std::string_view, std::int64_t) {
  head_ = std::max(head_, seq);
}

// A connection the server closed: its unanswered commands will never be answered.
void show_driver::on_closed(conn& c) {
  const auto first = key(c, 0);
  const auto last = key(c, 0xffffffff);
  std::erase_if(waiting_, [&](const auto& w) {
    const bool mine = w.first >= first && w.first <= last;
    lost_ += mine ? 1 : 0;
    return mine;
  });
}

json show_driver::error_summary() const {
  json out{{"commands", commands_}, {"errors", errors_}, {"lost", lost_}, {"by_code", json::object()}};
  for (const auto& [code, n] : by_code_) out["by_code"][code] = n;
  if (!last_error_.empty()) out["last_error"] = last_error_.substr(0, 300);
  return out;
}

}  // namespace bench
