#pragma once
// Given/when/then helpers for engine and view tests: a `room` folds past events into a state
// (given), `decide` runs a command against it (when), and `accepted` / `rejected` unpack the answer
// (then). Single-threaded test code only.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "engine/decide.hpp"
#include "engine/events.hpp"
#include "engine/state.hpp"

namespace tribune::protocol {
// Readable failures: `question_not_open` rather than four raw bytes.
inline void PrintTo(error_code c, std::ostream* os) { *os << to_string(c); }
}  // namespace tribune::protocol

namespace tribune::engine::testing {

using protocol::error_code;
using protocol::role;

constexpr std::int64_t t0 = 1764000000000;

inline const actor organizer{role::organizer, 0};
inline const actor moderator{role::moderator, 0};
inline const actor stage{role::stage, 0};
inline const actor system_actor{role::system, 0};
inline actor audience(participant_id p) { return actor{role::audience, p}; }

// Distinct, greppable credential values, so a test can search any output for them.
inline credential cred(const std::string& tag) { return credential{"SEL" + tag + "SEL", "HASH" + tag + "HASH"}; }

inline debate_info sample_debate() {
  return debate_info{"k3f9x2m4qa",   "KX7P2M", "Should cities ban cars?", "This house would ban cars from city centres",
                     "Second round", t0};
}

// A debate's history, folded as it is committed: seq 1, 2, 3… and one second between events.
struct room {
  state s;
  std::vector<event> log;

  // Folds one committed event and returns a copy of it (with its seq and time).
  event fold(event_body body) {
    log.push_back(event{s.seq + 1, t0 + static_cast<std::int64_t>(s.seq + 1) * 1000, std::move(body), {}});
    evolve(s, log.back());
    return log.back();
  }

  // ---- given ----
  room& created() {
    fold(ev::debate_created{sample_debate(), cred("mod"), cred("stage")});
    return *this;
  }
  participant_id join(const std::string& name) {
    const auto id = static_cast<participant_id>(s.participants.size() + 1);
    fold(ev::participant_joined{id, name, cred("p" + std::to_string(id))});
    return id;
  }
  question_id ask(participant_id author, const std::string& text, bool anonymous = false) {
    const auto id = static_cast<question_id>(s.questions.size() + 1);
    fold(ev::question_asked{id, author, text, anonymous});
    return id;
  }
  question_id approved(participant_id author, const std::string& text, bool anonymous = false) {
    const auto id = ask(author, text, anonymous);
    fold(ev::question_approved{id});
    return id;
  }

  // ---- when ----
  decision decide(const actor& who, const command& c) const { return engine::decide(s, who, c); }
};

// A room with a debate, Ann (p1) and Bob (p2), and Ann's pending question q1.
inline room with_pending_question() {
  room r;
  r.created();
  r.join("Ann");
  r.join("Bob");
  r.ask(1, "Who pays for the buses?");
  return r;
}

inline std::string describe(const decision& d) {
  if (const auto* r = std::get_if<rejection>(&d)) return "rejected " + std::string(to_string(r->code));
  std::string out = "events [";
  for (const auto& b : std::get<std::vector<event_body>>(d)) out += " " + std::string(event_name(b));
  return out + " ]";
}

// ---- then ----

// The events of an accepted command (empty, with a failure, when it was rejected).
inline std::vector<event_body> accepted(const decision& d) {
  if (std::holds_alternative<rejection>(d)) {
    ADD_FAILURE() << "expected events, got " << describe(d) << ": " << std::get<rejection>(d).detail;
    return {};
  }
  return std::get<std::vector<event_body>>(d);
}

// The code of a rejected command (a failure when it was accepted).
inline error_code rejected(const decision& d) {
  if (const auto* r = std::get_if<rejection>(&d)) return r->code;
  ADD_FAILURE() << "expected a rejection, got " << describe(d);
  return error_code::unavailable;
}

// The one event of type E a command produced, or nullptr (with a failure).
template <typename E>
const E* single(const decision& d) {
  const auto* events = std::get_if<std::vector<event_body>>(&d);
  if (events == nullptr || events->size() != 1 || !std::holds_alternative<E>(events->front())) {
    ADD_FAILURE() << "expected exactly one " << E::name << ", got " << describe(d);
    return nullptr;
  }
  return &std::get<E>(events->front());
}

// Forbids `single<E>(r.decide(...))`: the event would dangle once the decision is gone.
template <typename E>
const E* single(const decision&& d) = delete;

// True when the command produced exactly one event of type E (safe on a temporary decision).
template <typename E>
bool produced_one(const decision& d) {
  return single<E>(d) != nullptr;
}

inline bool no_events(const decision& d) {
  const auto* events = std::get_if<std::vector<event_body>>(&d);
  return events != nullptr && events->empty();
}

}  // namespace tribune::engine::testing
