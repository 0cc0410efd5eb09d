#include "protocol/engine/events.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace tribune::engine {

using json = nlohmann::json;

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(credential, selector, verifier_hash)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(debate_info, id, code, title, motion, description, created_at)

namespace ev {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(debate_created, debate, moderator, stage)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_joined, participant, display_name, cred)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_asked, question, author, text, anonymous)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_approved, question)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_dismissed, question, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_answered, question)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_pinned, question, pinned)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(upvote_changed, question, participant, on)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_muted, participant, muted)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_banned, participant, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(moderation_visibility_changed, is_private)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(links_rotated, moderator, stage)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(reactions_recorded, counts)

void to_json(json& j, const on_air_changed& e) {
  j = json{{"question", e.question ? json(*e.question) : json(nullptr)}};
}
void from_json(const json& j, on_air_changed& e) {
  const auto& q = j.at("question");
  e.question = q.is_null() ? std::nullopt : std::optional<question_id>(q.get<question_id>());
}
}  // namespace ev

std::string_view event_name(const event_body& body) noexcept {
  return std::visit([](const auto& e) { return std::decay_t<decltype(e)>::name; }, body);
}

event_record to_record(const event& e) {
  const auto body = std::visit([](const auto& b) { return json(b); }, e.body);
  return event_record{e.seq, e.at, std::string(event_name(e.body)), body.dump()};
}

namespace {

template <std::size_t I = 0>
event_body parse_body(std::string_view type, const json& j) {
  if constexpr (I == std::variant_size_v<event_body>) {
    throw std::runtime_error("unknown event type in log: " + std::string(type));
  } else {
    using alternative = std::variant_alternative_t<I, event_body>;
    if (alternative::name == type) return j.get<alternative>();
    return parse_body<I + 1>(type, j);
  }
}

}  // namespace

event from_record(const event_record& r) {
  try {
    return event{r.seq, r.at, parse_body(r.type, json::parse(r.body))};
  } catch (const json::exception& e) {
    throw std::runtime_error("unreadable event " + std::to_string(r.seq) + " (" + r.type + "): " + e.what());
  }
}

}  // namespace tribune::engine
