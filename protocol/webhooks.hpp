#pragma once
// A channel's webhooks on the wire (docs/protocol.md, "Webhooks"): the event types a webhook may
// take, and the organizer's request registering one.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "protocol/errors.hpp"

namespace tribune::protocol::webhooks {

inline constexpr std::array<std::string_view, 6> event_types{"topic.proposed", "topic.answered", "debate.scheduled",
                                                             "show.started",   "show.ended",     "archive.ready"};
bool known_type(std::string_view type);

inline constexpr std::size_t max_url_chars = 500;
inline constexpr std::size_t max_per_channel = 10;

struct webhook_request {
  std::string url;
  std::vector<std::string> events;  // every type when the request names none
};
// `url`: https to any plain host, or http to this machine (127.0.0.1, localhost); `events`: a list
// of known types, each once. invalid_field names the field.
std::variant<webhook_request, error> decode_webhook_request(std::string_view body);

// What the organizer reads of a webhook and of its latest deliveries.
struct delivery_view {
  std::string id;
  std::string type;
  std::string status;  // pending, delivered, failed
  std::uint32_t attempts = 0;
  int last_code = 0;
  std::string last_error;
  std::int64_t created_at = 0;
  std::int64_t next_at = 0;  // when a pending one is tried next
  std::int64_t done_at = 0;  // 0 while pending
};
struct webhook_view {
  std::string id;
  std::string url;
  std::vector<std::string> events;
  std::string secret;
  std::int64_t created_at = 0;
  std::vector<delivery_view> deliveries;  // newest first
};
// {"webhook": W} once registered; {"webhooks": [W, …]} for the list.
std::string encode_webhook(const webhook_view& w);
std::string encode_webhooks(const std::vector<webhook_view>& all);

}  // namespace tribune::protocol::webhooks
