// What each role is sent: an event's data (the slice's view_of), the coalesced figures, the whole
// state. Visibility is decided by the slices; the protocol writes the result.
#include "engine/engine.hpp"

namespace tribune::engine {
namespace {

// Flags an event type may declare (`static constexpr bool coalesced = true;`): false when absent.
template <class E>
constexpr bool is_coalesced() {
  return requires { requires E::coalesced; };
}
template <class E>
constexpr bool is_backstage() {
  return requires { requires E::backstage; };
}

}  // namespace

view view_for(const actor& who) noexcept { return is_moderator(who) ? view::moderator_view : view::public_view; }

std::string encode_event(const state& after, const event& e, view v) { return encode_event(after, e, v, e.seq - 1); }

std::string encode_event(const state& after, const event& e, view v, seq_t prev) {
  const protocol::event_header header{e.seq, prev, e.at, event_name(e.body), acted_by(after, e.by, v)};
  return std::visit(
      [&](const auto& x) -> std::string {
        using E = std::decay_t<decltype(x)>;
        if constexpr (is_coalesced<E>()) {
          // Never sent one by one; a log replayed to a client skips it (its figures follow).
          return protocol::encode_event(header, nlohmann::json::object());
        } else {
          return protocol::encode_event(header, view_of(after, x, v));
        }
      },
      e.body);
}

bool coalesced(const event_body& body) {
  return std::visit([](const auto& x) { return is_coalesced<std::decay_t<decltype(x)>>(); }, body);
}

bool backstage_only(const event_body& body) {
  return std::visit([](const auto& x) { return is_backstage<std::decay_t<decltype(x)>>(); }, body);
}

bool cuts_links(const event_body& body) {
  return std::holds_alternative<ev::links_rotated>(body) || std::holds_alternative<ev::moderator_removed>(body);
}

panelist_id addressee(const state& s, const event_body& body) {
  if (const auto* sent = std::get_if<ev::cue_sent>(&body)) return sent->panelist;
  if (const auto* seen = std::get_if<ev::cue_acknowledged>(&body)) return s.cues[seen->cue - 1].panelist;
  return 0;
}

void mark(tally_marks& marks, const event_body& body) {
  if (const auto* ballot = std::get_if<ev::ballot_cast>(&body)) marks.polls.insert(ballot->poll);
  if (const auto* rated = std::get_if<ev::argument_rated>(&body)) marks.arguments.insert(rated->argument);
  if (const auto* made = std::get_if<ev::prediction_made>(&body)) marks.predictions.insert(made->prediction);
  if (const auto* answered = std::get_if<ev::quiz_answered>(&body)) marks.quiz.insert(answered->quiz_question);
}

tally_marks all_figures(const state& s) {
  tally_marks out;
  for (const auto& p : s.polls) out.polls.insert(p.id);
  for (const auto& a : s.arguments) out.arguments.insert(a.id);
  for (const auto& p : s.predictions) out.predictions.insert(p.id);
  for (const auto& q : s.quiz) out.quiz.insert(q.id);
  return out;
}

std::string encode_tallies(const state& s, view v, const tally_marks& changed) {
  protocol::tallies t;
  t.seq = s.seq;
  for (const auto id : changed.polls) {
    const auto* p = s.find_poll(id);
    if (p == nullptr) continue;
    auto& entry = t.polls[id];
    entry.ballots = p->ballots.size();
    if (v == view::moderator_view || p->revealed) entry.figures = tally_of(*p);
  }
  for (const auto id : changed.arguments) {
    const auto* a = s.find_argument(id);
    if (a == nullptr || (v == view::public_view && a->status != protocol::argument_status::published)) continue;
    t.arguments[id] = figures_of(*a);
  }
  for (const auto id : changed.predictions) {
    if (id >= 1 && id <= s.predictions.size()) t.predictions[id] = s.predictions[id - 1].counts;
  }
  for (const auto id : changed.quiz) {
    if (id >= 1 && id <= s.quiz.size()) t.quiz[id] = s.quiz[id - 1].answers.size();
  }
  return protocol::encode_tallies(t);
}

std::string encode_snapshot(const state& s, view v, std::optional<participant_id> me) {
  return protocol::encode_snapshot(snapshot_of(s, v, me));
}

std::string encode_snapshot_for(const state& s, const actor& who) {
  const auto me = who.role == protocol::role::audience ? std::optional(who.participant) : std::nullopt;
  return encode_snapshot(s, view_for(who), me);
}

protocol::snapshot snapshot_of(const state& s, view v, std::optional<participant_id> me) {
  protocol::snapshot out;
  out.seq = s.seq;
  add_debate(out, s, v, me);
  add_questions(out, s, v, me);
  out.reactions = s.reactions;
  add_stage(out, s, v, me);
  add_arguments(out, s, v, me);
  add_polls(out, s, v, me);
  add_predictions(out, s, me);
  add_quiz(out, s, v, me);
  if (v == view::moderator_view) {
    out.backstage = backstage_view(s);
    out.team = team_view(s);
  }
  return out;
}

std::vector<protocol::wire::run_of_show> format_catalog() {
  std::vector<protocol::wire::run_of_show> out;
  for (const auto name : format_names()) {
    const auto f = format_template(name);
    out.push_back(run_of_show_view(f->format, f->segments, f->seats));
  }
  return out;
}

}  // namespace tribune::engine
