#pragma once
// What a channel's webhooks are told (docs/protocol.md, "Webhooks"): a topic proposed or answered,
// a debate scheduled, a show started or ended (with its report), an archive ready (with its head).
// An announcement is queued once per webhook that takes its type, under an id derived from the
// webhook and the announcement's own key: announcing the same thing again (a room reloaded after a
// restart says again that its show ended) queues nothing new.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "storage/webhook_store.hpp"

namespace tribune::server::webhooks {

// The delivery's body: {"type", "timestamp" (ISO 8601), "data"}.
std::string body_of(std::string_view type, std::int64_t now_ms, const nlohmann::json& data);

// Queues `type` with `data` for every webhook of `channel` that takes it; the number queued.
// Blocking (storage threads).
std::size_t announce(storage::webhook_store& store, const std::string& channel, std::string_view type,
                     const nlohmann::json& data, const std::string& key, std::int64_t now_ms);

}  // namespace tribune::server::webhooks
