// Predictions: who may open, lock, resolve, cancel and make one, and what each shows.
#include "engine/predictions/predictions.hpp"

#include "engine/decision.hpp"
#include "engine/state.hpp"

namespace tribune::engine {
namespace {

using protocol::error_code;
using protocol::prediction_status;

const prediction* prediction_at(const state& s, prediction_id id) {
  return id >= 1 && id <= s.predictions.size() ? &s.predictions[id - 1] : nullptr;
}

// A prediction a moderator acts on, still undecided (open or locked).
std::variant<const prediction*, rejection> undecided_prediction(const state& s, const context& c, prediction_id id) {
  if (!is_moderator(c.who)) return not_moderator();
  const auto* p = prediction_at(s, id);
  if (p == nullptr) return reject(error_code::unknown_prediction, "no such prediction");
  if (p->status == prediction_status::resolved || p->status == prediction_status::cancelled) {
    return reject(error_code::prediction_closed, "this prediction is already resolved or cancelled");
  }
  return p;
}

protocol::wire::prediction prediction_view(const prediction& p) {
  return {p.id, p.title, p.outcomes, p.counts, p.status, p.winner};
}

protocol::data::prediction_changed prediction_changed_view(const state& s, prediction_id id) {
  return {prediction_view(s.predictions[id - 1])};
}

}  // namespace

decision decide(const state& s, const context& c, const protocol::create_prediction& x) {
  if (!is_moderator(c.who)) return not_moderator();
  return events{ev::prediction_created{static_cast<prediction_id>(s.predictions.size() + 1), x.title, x.outcomes}};
}

decision decide(const state& s, const context& c, const protocol::lock_prediction& x) {
  const auto p = undecided_prediction(s, c, x.prediction);
  if (const auto* r = std::get_if<rejection>(&p)) return *r;
  if (std::get<const prediction*>(p)->status == prediction_status::locked) return events{};
  return events{ev::prediction_locked{x.prediction}};
}

decision decide(const state& s, const context& c, const protocol::resolve_prediction& x) {
  const auto p = undecided_prediction(s, c, x.prediction);
  if (const auto* r = std::get_if<rejection>(&p)) return *r;
  if (x.outcome >= std::get<const prediction*>(p)->outcomes.size()) {
    return reject(error_code::invalid_outcome, "this prediction has no such outcome");
  }
  return events{ev::prediction_resolved{x.prediction, x.outcome}};
}

decision decide(const state& s, const context& c, const protocol::cancel_prediction& x) {
  const auto p = undecided_prediction(s, c, x.prediction);
  if (const auto* r = std::get_if<rejection>(&p)) return *r;
  return events{ev::prediction_cancelled{x.prediction}};
}

decision decide(const state& s, const context& c, const protocol::predict& x) {
  if (auto r = refuse_audience(s, c.who)) return *r;
  const auto* p = prediction_at(s, x.prediction);
  if (p == nullptr) return reject(error_code::unknown_prediction, "no such prediction");
  if (p->status != prediction_status::open) {
    return reject(error_code::prediction_not_open, "predictions are no longer taken for this one");
  }
  if (x.outcome >= p->outcomes.size()) {
    return reject(error_code::invalid_outcome, "this prediction has no such outcome");
  }
  if (const auto mine = p->picks.find(c.who.participant); mine != p->picks.end()) {
    if (mine->second == x.outcome) return events{};
    return reject(error_code::already_predicted, "a prediction is made once");
  }
  return events{ev::prediction_made{x.prediction, c.who.participant, x.outcome}};
}

void apply(state& s, const event&, const ev::prediction_created& x) {
  prediction p;
  p.id = x.prediction;
  p.title = x.title;
  p.outcomes = x.outcomes;
  p.counts.assign(x.outcomes.size(), 0);
  s.predictions.push_back(std::move(p));
}

void apply(state& s, const event&, const ev::prediction_made& x) {
  auto& p = s.predictions[x.prediction - 1];
  p.picks[x.participant] = x.outcome;
  ++p.counts[x.outcome];
}

void apply(state& s, const event&, const ev::prediction_locked& x) {
  s.predictions[x.prediction - 1].status = prediction_status::locked;
}

void apply(state& s, const event&, const ev::prediction_resolved& x) {
  auto& p = s.predictions[x.prediction - 1];
  p.status = prediction_status::resolved;
  p.winner = x.outcome;
}

void apply(state& s, const event&, const ev::prediction_cancelled& x) {
  s.predictions[x.prediction - 1].status = prediction_status::cancelled;
}

protocol::data::prediction_changed view_of(const state& s, const ev::prediction_created& x, view) {
  return prediction_changed_view(s, x.prediction);
}
protocol::data::prediction_changed view_of(const state& s, const ev::prediction_locked& x, view) {
  return prediction_changed_view(s, x.prediction);
}
protocol::data::prediction_changed view_of(const state& s, const ev::prediction_resolved& x, view) {
  return prediction_changed_view(s, x.prediction);
}
protocol::data::prediction_changed view_of(const state& s, const ev::prediction_cancelled& x, view) {
  return prediction_changed_view(s, x.prediction);
}

protocol::ack_result result_of(const state&, const protocol::create_prediction&, const std::vector<event>& produced) {
  for (const auto& e : produced) {
    if (const auto* made = std::get_if<ev::prediction_created>(&e.body)) {
      return protocol::result::prediction_created{made->prediction};
    }
  }
  return protocol::result::none{};
}

void add_predictions(protocol::snapshot& out, const state& s, std::optional<participant_id> me) {
  for (const auto& p : s.predictions) {
    out.predictions.push_back(prediction_view(p));
    if (!me || !out.mine) continue;
    if (const auto it = p.picks.find(*me); it != p.picks.end()) out.mine->predictions[p.id] = it->second;
  }
}

}  // namespace tribune::engine
