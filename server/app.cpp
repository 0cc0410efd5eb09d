#include "server/app.hpp"

#include "server/webhooks/outbox.hpp"

namespace tribune::server {

std::shared_ptr<webhooks::outbox> make_outbox(const boost::asio::any_io_executor& io,
                                              boost::asio::any_io_executor storage_pool, storage::webhook_store& store,
                                              const config& c) {
  webhooks::outbox_options o;
  o.retry_base = std::chrono::milliseconds(c.webhook_retry_ms);
  return std::make_shared<webhooks::outbox>(io, std::move(storage_pool), store, o);
}

bool address_limiter::try_take(const std::string& address) {
  const std::lock_guard lock(mutex_);
  if (buckets_.size() >= max_tracked && !buckets_.contains(address)) {
    buckets_.clear();  // crude but bounded: forgetting old addresses only ever lets more through
  }
  auto [it, inserted] = buckets_.try_emplace(address, per_second_, burst_);
  return it->second.try_take();
}

void session_set::add(const subscriber* key, std::weak_ptr<subscriber> s) {
  const std::lock_guard lock(mutex_);
  sessions_.emplace(key, std::move(s));
}

bool session_set::remove(const subscriber* key) {
  const std::lock_guard lock(mutex_);
  return sessions_.erase(key) > 0;
}

void session_set::close_all(std::uint16_t code, std::string_view reason) {
  std::vector<std::shared_ptr<subscriber>> open;
  {
    const std::lock_guard lock(mutex_);
    for (const auto& [key, weak] : sessions_) {
      if (auto s = weak.lock()) open.push_back(std::move(s));
    }
  }
  for (const auto& s : open) s->close(code, reason);
}

std::size_t session_set::size() const {
  const std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace tribune::server
