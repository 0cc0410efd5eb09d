#pragma once
// The state of one debate, as folded from its events by evolve(). Owned by one room at a time
// (on that room's strand in the server); the engine itself keeps no shared state.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "protocol/engine/events.hpp"

namespace tribune::engine {

enum class question_status : std::uint8_t { pending, approved, answered, dismissed };
std::string_view to_string(question_status s) noexcept;

struct question {
  question_id id = 0;
  participant_id author = 0;
  std::string text;
  bool anonymous = false;
  question_status status = question_status::pending;
  bool pinned = false;
  std::int64_t asked_at = 0;
  std::string dismiss_reason;
  std::unordered_set<participant_id> voters;
};

struct participant {
  participant_id id = 0;
  std::string name;
  bool muted = false;
  bool banned = false;
  credential cred;
};

enum class moderation_action : std::uint8_t { dismissed, muted, unmuted, banned, made_private, made_public };
std::string_view to_string(moderation_action a) noexcept;

// One line of the public transparency log. The log keeps what happened; how much of it the public
// sees is the view's business (views.cpp), decided by the room's current privacy setting.
struct log_entry {
  seq_t seq = 0;
  std::int64_t at = 0;
  moderation_action action = moderation_action::dismissed;
  question_id question = 0;        // 0 when the entry is not about a question
  participant_id participant = 0;  // 0 when the entry is not about a participant
  std::string reason;
};

struct state {
  bool exists = false;
  seq_t seq = 0;
  debate_info debate;
  credential moderator;
  credential stage;
  bool moderation_private = false;
  std::vector<participant> participants;  // participants[id - 1]
  std::vector<question> questions;        // questions[id - 1]
  std::optional<question_id> on_air;
  std::vector<log_entry> log;
  protocol::reaction_counts reactions{};
  std::size_t pending_count = 0;
  std::unordered_map<std::string, participant_id> participant_by_selector;

  const participant* find_participant(participant_id id) const noexcept;
  const question* find_question(question_id id) const noexcept;
  participant* find_participant(participant_id id) noexcept;
  question* find_question(question_id id) noexcept;
};

// Applies one event. Events are facts: evolve never refuses one, and the same events always fold
// to the same state.
void evolve(state& s, const event& e);

}  // namespace tribune::engine
