#include "engine/opinion/feed.hpp"

namespace tribune::engine::opinion {

using kind = input::kind;

void inputs_of(const state& after, const event& e, std::vector<input>& out) {
  const auto& body = e.body;
  if (const auto* r = std::get_if<ev::argument_rated>(&body)) {
    out.push_back({kind::rate, r->participant, r->argument, r->value});
  } else if (const auto* u = std::get_if<ev::upvote_changed>(&body)) {
    out.push_back({u->on ? kind::upvote : kind::withdraw, u->participant, u->question});
  } else if (const auto* d = std::get_if<ev::argument_dismissed>(&body)) {
    out.push_back({kind::exclude, 0, d->argument});
  } else if (const auto* b = std::get_if<ev::participant_banned>(&body)) {
    out.push_back({kind::drop, b->participant, 0});
  } else if (const auto* x = std::get_if<ev::participant_erased>(&body)) {
    out.push_back({kind::drop, x->participant, 0});
  } else if (const auto* m = std::get_if<ev::question_merged>(&body)) {
    // The merged question's upvotes now count for the one it went into.
    if (const auto* into = after.find_question(m->into)) {
      for (const auto who : into->voters) out.push_back({kind::upvote, who, m->into});
    }
  }
}

void inputs_of(const state& s, std::vector<input>& out) {
  for (const auto& a : s.arguments) {
    if (a.status == protocol::argument_status::dismissed) continue;
    for (const auto& [who, value] : a.ratings) out.push_back({kind::rate, who, a.id, value});
  }
  for (const auto& q : s.questions) {
    for (const auto who : q.voters) out.push_back({kind::upvote, who, q.id});
  }
  for (const auto& p : s.participants) {
    if (p.banned) out.push_back({kind::drop, p.id, 0});
  }
}

void apply(map& m, const input& i) {
  switch (i.what) {
    case kind::rate: m.rate(i.who, i.item, i.value); break;
    case kind::exclude: m.exclude_argument(i.item); break;
    case kind::drop: m.drop_participant(i.who); break;
    case kind::upvote: m.upvote(i.who, i.item); break;
    case kind::withdraw: m.withdraw_upvote(i.who, i.item); break;
  }
}

}  // namespace tribune::engine::opinion
