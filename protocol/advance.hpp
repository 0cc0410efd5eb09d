#pragma once
// Questions and arguments sent before the show: a visitor of the channel sends them on an accepted
// topic; when the topic's show opens, they reach the moderator's queue as pending questions that
// name who sent them. The request, its bounds, and what the views show of them.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "protocol/errors.hpp"
#include "protocol/ids.hpp"
#include "protocol/limits.hpp"
#include "protocol/terms.hpp"

namespace tribune::protocol::channels {

enum class advance_kind : std::uint8_t { question, argument };
NLOHMANN_JSON_SERIALIZE_ENUM(advance_kind, {{advance_kind::question, "question"}, {advance_kind::argument, "argument"}})

// The same bound as a question asked in the room, which it becomes.
constexpr std::size_t max_advance_chars = max_question_chars;
constexpr std::size_t advance_per_window = 5;  // per visitor, in any ten minutes
constexpr std::int64_t advance_window_ms = std::int64_t{10} * 60 * 1000;

// POST …/topics/{t}/advance. An argument may take a side.
struct send_advance {
  topic_id topic = 0;
  advance_kind kind = advance_kind::question;
  std::string text;
  side stance = side::none;
};
// Its stored form, in the channel's events.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(send_advance, topic, kind, text, stance)

struct advance_view {
  std::uint32_t id = 0;
  std::string by;
  std::int64_t at = 0;
  advance_kind kind = advance_kind::question;
  std::string text;
  side stance = side::none;
};

std::variant<send_advance, error> decode_send_advance(std::string_view body, topic_id topic);

nlohmann::json advance_json(const advance_view& v);

}  // namespace tribune::protocol::channels
