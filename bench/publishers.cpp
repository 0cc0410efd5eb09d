#include "publishers.hpp"

#include <algorithm>
#include <string>

#include "client_hooks.hpp"
#include "figures.hpp"
#include "net.hpp"
#include "pacing.hpp"
#include "replies.hpp"
#include "runner.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

// Counts replies during the setup steps.
struct setup_hooks : client_hooks {
  reply_tally replies;
  void on_reply(conn&, std::string_view line, std::int64_t, bool ok, std::int64_t, std::int64_t) override {
    replies.count(ok, line);
  }
};

// Built by appending: GCC 12 warns (-Wrestrict, a false positive) on "q" + std::to_string(n).
std::string question_id(std::int64_t n) {
  std::string id = "q";
  id += std::to_string(n);
  return id;
}

}  // namespace

std::int64_t publisher_state::toggle_pin() {
  pinned = !pinned;
  return c->send_command(json{{"type", "pin"}, {"question", question_id(question)}, {"pinned", pinned}});
}

asio::awaitable<bool> publisher_pool::prepare(runner& r, std::size_t count) {
  setup_hooks setup;
  const scoped_hooks installed(r.clients(), setup);
  std::vector<conn*> fresh;
  if (!co_await r.open_publishers(fresh, count, kind::moderator, 30s)) {
    r.fail("publishers were not welcomed");
    co_return false;
  }
  // One question per publisher, asked by the first listeners (five each: the per-minute limit).
  for (std::size_t j = 0; j < count; ++j) {
    auto& asker = *r.listeners()[(j / 5) % r.listeners().size()];
    asker.send_command(json{{"type", "ask"}, {"text", "Bench question " + std::to_string(j + 1)}});
  }
  if (!co_await wait_until([&] { return setup.replies.answered() >= count; }, 30s) || setup.replies.errors) {
    r.fail("asking the publishers' questions failed: " + setup.replies.last_error);
    co_return false;
  }
  setup.replies.ok = 0;
  for (std::size_t j = 0; j < count; ++j) {
    const auto question = static_cast<std::int64_t>(j + 1);
    pubs_.push_back(publisher_state{fresh[j], question, false, burst, now_ns()});
    fresh[j]->send_command(json{{"type", "approve"}, {"question", question_id(question)}});
  }
  if (!co_await wait_until([&] { return setup.replies.answered() >= count; }, 30s) || setup.replies.errors) {
    r.fail("approving the publishers' questions failed: " + setup.replies.last_error);
    co_return false;
  }
  // Let the setup events reach every listener before measuring.
  co_await sleep_for(500ms);
  for (auto& p : pubs_) {
    p.tokens = burst;
    p.refilled = now_ns();
  }
  co_return true;
}

asio::awaitable<conn*> open_moderator(runner& r) {
  std::vector<conn*> one;
  if (co_await r.open_publishers(one, 1, kind::moderator, 10s)) co_return one.front();
  r.fail("moderator not welcomed");
  co_return nullptr;
}

publisher_state* publisher_pool::take(std::int64_t now) {
  for (std::size_t tries = 0; tries < pubs_.size(); ++tries) {
    auto& p = pubs_[next_];
    next_ = (next_ + 1) % pubs_.size();
    if (!p.c->open) continue;
    p.tokens = std::min(burst, p.tokens + static_cast<double>(now - p.refilled) / 1e9 * per_second);
    p.refilled = now;
    if (p.tokens >= 1) {
      p.tokens -= 1;
      return &p;
    }
  }
  return nullptr;
}

}  // namespace bench
