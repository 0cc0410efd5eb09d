#include "server/webhooks/announce.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <sstream>

namespace tribune::server::webhooks {
namespace {

std::string iso_time(std::int64_t ms) {
  const auto secs = static_cast<std::time_t>(ms / 1000);
  std::tm parts{};
  gmtime_r(&secs, &parts);
  std::array<char, 32> text{};
  const auto n = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return {text.data(), n};
}

// "msg_" and 32 hex digits of a hash of the webhook and the key.
std::string delivery_id(const std::string& webhook, const std::string& key) {
  const auto input = webhook + "\n" + key;
  std::array<unsigned char, 16> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                     nullptr, 0);
  std::array<char, 33> hex{};
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  return "msg_" + std::string(hex.data());
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
  return nlohmann::json{{"type", type}, {"timestamp", iso_time(now_ms)}, {"data", data}}.dump();
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
