#pragma once
// The state of one debate, as folded from its events by evolve(). Owned by one room at a time
// (on that room's strand in the server); the engine itself keeps no shared state.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/events.hpp"

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

enum class moderation_action : std::uint8_t {
  dismissed,
  muted,
  unmuted,
  banned,
  made_private,
  made_public,
  argument_dismissed
};
std::string_view to_string(moderation_action a) noexcept;

// One line of the public transparency log. The log keeps what happened; how much of it the public
// sees is the view's business (views.cpp), decided by the room's current privacy setting.
struct log_entry {
  seq_t seq = 0;
  std::int64_t at = 0;
  moderation_action action = moderation_action::dismissed;
  question_id question = 0;        // 0 when the entry is not about a question
  argument_id argument = 0;        // 0 when the entry is not about an argument
  participant_id participant = 0;  // 0 when the entry is not about a participant
  std::string reason;
};

struct panelist {
  panelist_id id = 0;
  std::string name;
  protocol::panel_role role = protocol::panel_role::guest;
  protocol::side side = protocol::side::none;
  bool on_stage = true;
  credential cred;
};

enum class show_status : std::uint8_t { not_started, running, paused, ended };
std::string_view to_string(show_status s) noexcept;

// The current turn at the floor. Remaining time is started_at + allotted_ms + paused_ms - now.
struct floor_turn {
  speaker who;
  std::int64_t started_at = 0;
  std::int64_t allotted_ms = 0;
  std::int64_t paused_ms = 0;  // time the show spent paused during this turn
};

struct hand {
  speaker who;
  protocol::lane in = protocol::lane::new_point;
  std::int64_t raised_at = 0;
};

enum class argument_status : std::uint8_t { pending, published, dismissed };
std::string_view to_string(argument_status s) noexcept;

struct argument {
  argument_id id = 0;
  speaker author;
  std::string text;
  protocol::side stance = protocol::side::for_motion;
  argument_id parent = 0;
  protocol::relation answers = protocol::relation::none;
  std::string source;
  argument_status status = argument_status::pending;
  segment_id segment = 0;
  std::optional<speaker> on_floor;
  std::int64_t at = 0;
  bool addressed = false;
  std::string dismiss_reason;
  std::unordered_map<participant_id, protocol::rating> ratings;
  std::array<std::uint64_t, 3> counts{};  // agree, disagree, pass
};

enum class poll_status : std::uint8_t { draft, open, closed };
std::string_view to_string(poll_status s) noexcept;

struct poll {
  poll_id id = 0;
  protocol::poll_kind kind = protocol::poll_kind::single;
  std::string question;
  std::vector<std::string> options;
  protocol::oxford_phase phase = protocol::oxford_phase::none;
  poll_status status = poll_status::draft;
  bool revealed = false;
  std::unordered_map<participant_id, protocol::choice> ballots;
  std::vector<std::uint64_t> counts;           // per option; for a scale, counts[0..4] are 1..5
  std::map<std::string, std::uint64_t> words;  // word cloud
  std::map<argument_id, std::uint64_t> changed_by;
};

// Everything about the stage: format, run of show, who is on it and who has the floor.
struct show_state {
  std::string format = "talk_show";
  std::vector<segment_spec> segments;
  std::uint32_t seats = 0;
  show_status status = show_status::not_started;
  segment_id segment = 0;  // current, from 1; 0 before the show
  std::int64_t segment_started_at = 0;
  std::int64_t segment_paused_ms = 0;
  std::int64_t paused_at = 0;  // set while paused
  std::optional<floor_turn> floor;
  std::vector<hand> hands;
  std::vector<participant_id> seated;
  std::vector<participant_id> seat_requests;
  std::map<std::string, std::int64_t> talk_ms;  // by speaker id ("g1", "p4")
  std::array<std::int64_t, 3> side_talk_ms{};   // none, for, against

  const segment_spec* current() const noexcept {
    return segment >= 1 && segment <= segments.size() ? &segments[segment - 1] : nullptr;
  }
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

  show_state show;
  std::vector<panelist> panelists;  // panelists[id - 1]
  std::unordered_map<std::string, panelist_id> panelist_by_selector;
  std::vector<argument> arguments;  // arguments[id - 1]
  std::optional<argument_id> featured_argument;
  std::vector<poll> polls;  // polls[id - 1]

  const panelist* find_panelist(panelist_id id) const noexcept;
  const argument* find_argument(argument_id id) const noexcept;
  const poll* find_poll(poll_id id) const noexcept;
  argument* find_argument(argument_id id) noexcept;
  poll* find_poll(poll_id id) noexcept;
  bool on_stage(const speaker& s) const noexcept;
  protocol::side side_of(const speaker& s) const noexcept;

  const participant* find_participant(participant_id id) const noexcept;
  const question* find_question(question_id id) const noexcept;
  participant* find_participant(participant_id id) noexcept;
  question* find_question(question_id id) noexcept;
};

// Applies one event. Events are facts: evolve never refuses one, and the same events always fold
// to the same state.
void evolve(state& s, const event& e);

}  // namespace tribune::engine
