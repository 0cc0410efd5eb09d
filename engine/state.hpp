#pragma once
// The state of one debate, as folded from its events by evolve(): the sum of every slice's part,
// each defined beside the events that change it. Owned by one room at a time (on that room's strand
// in the server); the engine itself keeps no shared state.
#include "engine/events.hpp"

namespace tribune::engine {

struct state : debate_state,
               questions_state,
               reactions_state,
               stage_state,
               arguments_state,
               polls_state,
               backstage_state,
               predictions_state,
               quiz_state,
               team_state,
               flags_state {
  seq_t seq = 0;

  const participant* find_participant(participant_id id) const noexcept {
    return id >= 1 && id <= participants.size() ? &participants[id - 1] : nullptr;
  }
  participant* find_participant(participant_id id) noexcept {
    return id >= 1 && id <= participants.size() ? &participants[id - 1] : nullptr;
  }
  const question* find_question(question_id id) const noexcept {
    return id >= 1 && id <= questions.size() ? &questions[id - 1] : nullptr;
  }
  question* find_question(question_id id) noexcept {
    return id >= 1 && id <= questions.size() ? &questions[id - 1] : nullptr;
  }
  const panelist* find_panelist(panelist_id id) const noexcept {
    return id >= 1 && id <= panelists.size() ? &panelists[id - 1] : nullptr;
  }
  const argument* find_argument(argument_id id) const noexcept {
    return id >= 1 && id <= arguments.size() ? &arguments[id - 1] : nullptr;
  }
  argument* find_argument(argument_id id) noexcept {
    return id >= 1 && id <= arguments.size() ? &arguments[id - 1] : nullptr;
  }
  const poll* find_poll(poll_id id) const noexcept { return id >= 1 && id <= polls.size() ? &polls[id - 1] : nullptr; }
  poll* find_poll(poll_id id) noexcept { return id >= 1 && id <= polls.size() ? &polls[id - 1] : nullptr; }
};

}  // namespace tribune::engine
