#include "storage/postgres/listener.hpp"

#include <poll.h>

#include <chrono>

#include "storage/postgres/connection.hpp"

namespace tribune::storage::postgres {
namespace {

using namespace std::chrono_literals;
constexpr auto sweep_every = 1s;      // changed("") this often
constexpr auto wait_slice = 200ms;    // how long one wait on the socket lasts (and a stop waits)
constexpr auto reconnect_after = 1s;  // between attempts while the database is away

}  // namespace

listener::listener(std::string url, const std::atomic<int>& own_backend, handler changed)
    : url_(std::move(url)), own_backend_(own_backend), changed_(std::move(changed)), thread_([this] { run(); }) {}

listener::~listener() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

bool listener::pause(std::chrono::milliseconds d) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, d, [this] { return stopping_; });
}

void listener::run() {
  std::unique_ptr<connection> c;
  auto next_sweep = std::chrono::steady_clock::now() + sweep_every;
  while (pause(0ms)) {
    try {
      if (!c || c->broken()) {
        c.reset();
        c = std::make_unique<connection>(url_);
        c->exec((std::string("LISTEN ") + events_channel).c_str());
        changed_({});  // whatever was notified while no connection listened
      }
      pollfd p{c->socket(), POLLIN, 0};
      ::poll(&p, 1, static_cast<int>(wait_slice.count()));
      for (const auto& n : c->notifications()) {
        if (n.backend != own_backend_.load(std::memory_order_relaxed)) changed_(n.payload);
      }
      if (const auto now = std::chrono::steady_clock::now(); now >= next_sweep) {
        next_sweep = now + sweep_every;
        changed_({});
      }
    } catch (const std::exception&) {
      // The database is away (or refused LISTEN): try again in a moment, quietly; the writer and
      // the readers report the outage.
      c.reset();
      if (!pause(reconnect_after)) break;
    }
  }
}

}  // namespace tribune::storage::postgres
