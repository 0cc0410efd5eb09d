#include "server/room_registry.hpp"

#include "server/log.hpp"

namespace tribune::server {

namespace {
constexpr std::size_t read_page = 10000;
}

std::shared_ptr<room> room_registry::find(const std::string& debate_id) {
  const std::lock_guard lock(mutex_);
  if (const auto it = rooms_.find(debate_id); it != rooms_.end()) return it->second;
  if (!log_.find_debate(debate_id)) return nullptr;
  std::vector<storage::record> records;
  for (;;) {
    auto page = log_.read(debate_id, records.empty() ? 0 : records.back().seq, read_page);
    const bool last = page.size() < read_page;
    records.insert(records.end(), std::make_move_iterator(page.begin()), std::make_move_iterator(page.end()));
    if (last) break;
  }
  if (records.empty()) return nullptr;  // registered, but its creation never committed
  auto r = std::make_shared<room>(io_, log_, stats_, records);
  stats_.rooms.Increment();
  log::info("room_loaded", {{"debate", debate_id}, {"seq", records.back().seq}});
  rooms_.emplace(debate_id, r);
  return r;
}

std::shared_ptr<room> room_registry::add(engine::debate_info info) {
  const std::lock_guard lock(mutex_);
  auto id = info.id;
  auto r = std::make_shared<room>(io_, log_, stats_, std::move(info));
  stats_.rooms.Increment();
  rooms_.emplace(std::move(id), r);
  return r;
}

void room_registry::remove(const std::string& debate_id) {
  const std::lock_guard lock(mutex_);
  if (rooms_.erase(debate_id) > 0) stats_.rooms.Decrement();
}

std::vector<std::shared_ptr<room>> room_registry::all() const {
  const std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<room>> out;
  out.reserve(rooms_.size());
  for (const auto& [id, r] : rooms_) out.push_back(r);
  return out;
}

std::size_t room_registry::size() const {
  const std::lock_guard lock(mutex_);
  return rooms_.size();
}

}  // namespace tribune::server
