#include "server/webhooks/announce.hpp"

#include <sstream>

#include "engine/questions/export.hpp"
#include "server/webhooks/signing.hpp"

namespace tribune::server::webhooks {
namespace {

// "msg_" and 32 hex digits of a hash of the webhook and the key.
std::string delivery_id(const std::string& webhook, const std::string& key) {
  return derived_id("msg_", webhook + "\n" + key, 16);
}

bool takes(const storage::webhook_row& w, std::string_view type) {
  std::istringstream words(w.events);
  for (std::string word; words >> word;) {
    if (word == type) return true;
  }
  return false;
}

}  // namespace

std::string body_of(std::string_view type, std::int64_t now_ms, const nlohmann::json& data) {
  return nlohmann::json{{"type", type}, {"timestamp", engine::utc_time(now_ms)}, {"data", data}}.dump();
}

std::size_t announce(storage::webhook_store& store, const std::string& channel, std::string_view type,
                     const nlohmann::json& data, const std::string& key, std::int64_t now_ms) {
  std::vector<storage::delivery_row> rows;
  for (const auto& w : store.webhooks(channel)) {
    if (!takes(w, type)) continue;
    storage::delivery_row d;
    d.id = delivery_id(w.id, std::string(type) + "/" + key);
    d.webhook = w.id;
    d.type = type;
    d.body = body_of(type, now_ms, data);
    d.created_at = now_ms;
    d.next_at = now_ms;
    rows.push_back(std::move(d));
  }
  store.enqueue(rows);
  return rows.size();
}

}  // namespace tribune::server::webhooks
