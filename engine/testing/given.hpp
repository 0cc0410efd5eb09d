#pragma once
// Given/when/then helpers for engine and view tests: a `room` folds past events into a state
// (given), `decide` runs a command against it (when), and `accepted` / `rejected` unpack the answer
// (then). Single-threaded test code only.
#include <gtest/gtest.h>

#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/engine.hpp"
#include "protocol/testing/expect.hpp"

namespace tribune::engine::testing {

using protocol::argument_status;
using protocol::error_code;
using protocol::moderation_action;
using protocol::poll_status;
using protocol::question_status;
using protocol::role;
using protocol::show_status;

inline std::string_view to_string(role r) { return protocol::word(r); }

constexpr std::int64_t t0 = 1764000000000;

inline const actor organizer{role::organizer, 0, 0};
inline const actor moderator{role::moderator, 0, 0, first_moderator};
inline const actor stage{role::stage, 0, 0};
inline const actor system_actor{role::system, 0, 0};
inline actor audience(participant_id p) { return actor{role::audience, p, 0}; }
inline actor panelist_actor(panelist_id g) { return actor{role::panelist, 0, g}; }

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

  // Folds the events of a command `who` sent, signed as the room signs them (event::by).
  std::vector<event> fold_as(const actor& who, const decision& d) {
    std::vector<event> out;
    for (const auto& body : std::get<events>(d)) {
      log.push_back(event{s.seq + 1, next_at(), body, {}, signed_by(who)});
      evolve(s, log.back());
      out.push_back(log.back());
    }
    return out;
  }

  // Folds one committed event at `at` (milliseconds), for the tests of the show's clock.
  event fold_at(event_body body, std::int64_t at) {
    log.push_back(event{s.seq + 1, at, std::move(body), {}});
    evolve(s, log.back());
    return log.back();
  }

  // ---- given ----
  room& created() {
    fold(ev::debate_created{sample_debate(), cred("mod"), cred("stage"), cred("overlay")});
    return *this;
  }
  participant_id join(const std::string& name) {
    const auto id = static_cast<participant_id>(s.participants.size() + 1);
    fold(ev::participant_joined{id, name, cred("p" + std::to_string(id))});
    return id;
  }
  question_id ask(participant_id author, const std::string& text, bool anonymous = false) {
    const auto id = static_cast<question_id>(s.questions.size() + 1);
    fold(ev::question_asked{id, author, text, anonymous, {}});
    return id;
  }
  question_id approved(participant_id author, const std::string& text, bool anonymous = false) {
    const auto id = ask(author, text, anonymous);
    fold(ev::question_approved{id});
    return id;
  }

  // The time the next event will carry (one second after the last).
  std::int64_t next_at() const { return t0 + static_cast<std::int64_t>(s.seq + 1) * 1000; }

  // ---- when ----
  decision decide(const actor& who, const command& c) const { return engine::decide(s, context{who, next_at()}, c); }
  decision decide_at(const actor& who, const command& c, std::int64_t now) const {
    return engine::decide(s, context{who, now}, c);
  }
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
  for (const auto& b : std::get<events>(d)) out += " " + std::string(event_name(b));
  return out + " ]";
}

// ---- then ----

// The events of an accepted command (empty, with a failure, when it was rejected).
inline std::vector<event_body> accepted(const decision& d) {
  if (std::holds_alternative<rejection>(d)) {
    ADD_FAILURE() << "expected events, got " << describe(d) << ": " << std::get<rejection>(d).detail;
    return {};
  }
  return std::get<events>(d);
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
  const auto* list = std::get_if<events>(&d);
  if (list == nullptr || list->size() != 1 || !std::holds_alternative<E>(list->front())) {
    ADD_FAILURE() << "expected exactly one " << E::name << ", got " << describe(d);
    return nullptr;
  }
  return &std::get<E>(list->front());
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
  const auto* list = std::get_if<events>(&d);
  return list != nullptr && list->empty();
}

// ---- views, as the wire shows them ----

using json = nlohmann::json;

inline json encoded(const room& r, const event& e, view v) { return json::parse(encode_event(r.s, e, v)); }
inline json data_of(const room& r, const event& e, view v) { return encoded(r, e, v)["data"]; }
inline json snapshot_state(const room& r, view v, std::optional<participant_id> me) {
  return json::parse(encode_snapshot(r.s, v, me))["state"];
}
inline json figures_json(const argument& a) { return json(figures_of(a)); }
inline json tally_json(const poll& p) { return json(tally_of(p)); }
inline json oxford_json(const state& s) {
  const auto result = oxford_result(s);
  return result ? json(*result) : json(nullptr);
}
inline tally_marks polls_marked(std::initializer_list<poll_id> polls) { return tally_marks{polls, {}, {}}; }

// The ack `result` of command `c` whose events are `bodies`, folded into `r` first; null when the
// ack carries none.
inline json result_json(room& r, const command& c, const std::vector<event_body>& bodies) {
  std::vector<event> produced;
  for (const auto& b : bodies) produced.push_back(r.fold(b));
  const auto ack = json::parse(protocol::encode_ack(nullptr, r.s.seq, result_of(r.s, c, produced)));
  return ack.value("result", json());
}

// Ann (p1), Bob (p2) in a created debate.
inline room two_people() {
  room r;
  r.created();
  r.join("Ann");
  r.join("Bob");
  return r;
}

// ---- the structured debate ----

inline ev::format_set installed(const cmd::set_format& f) {
  return ev::format_set{f.format, f.segments, f.seats, f.automatic};
}

// Folds the events of an accepted command, as the room does once they are durable.
inline void commit(room& r, const decision& d) {
  for (const auto& body : accepted(d)) r.fold(body);
}

// Folds the events of an accepted command at `at` (milliseconds), for the tests of timed things.
inline void commit_at(room& r, const decision& d, std::int64_t at) {
  for (const auto& body : accepted(d)) r.fold_at(body, at);
}

// An Oxford debate with a For panelist (g1), an Against panelist (g2), a host (g3) and three
// audience members (p1..p3); `automatic`: run by the show's clock.
inline room oxford(bool automatic = false) {
  room r;
  r.created();
  auto format = *format_template(protocol::show_format::oxford);
  format.automatic = automatic;
  r.fold(installed(format));
  r.fold(ev::panelist_added{1, "Green", protocol::panel_role::panelist, protocol::side::for_motion, cred("g1")});
  r.fold(ev::panelist_added{2, "Motor", protocol::panel_role::panelist, protocol::side::against_motion, cred("g2")});
  r.fold(ev::panelist_added{3, "Host", protocol::panel_role::host, protocol::side::none, cred("g3")});
  r.join("Ann");
  r.join("Bob");
  r.join("Chloe");
  return r;
}

}  // namespace tribune::engine::testing
