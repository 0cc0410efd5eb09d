#include "engine/report/opinion_trace.hpp"

#include "engine/opinion/shape.hpp"

namespace tribune::engine {
namespace {

std::int64_t minute_of(const std::optional<std::int64_t>& started_at, std::int64_t at) {
  return started_at && at > *started_at ? (at - *started_at) / 60'000 : 0;
}

void update(opinion_trace& t) {
  t.changed = false;
  auto last = t.map.publish();
  // Groups still changing when the minute closed settle first, as the live map's do once quiet.
  for (std::size_t i = 0; i < t.map.params().k_patience && t.map.settling(); ++i) last = t.map.publish();
  auto shaped = opinion::shape(last, t.map.params().min_ratings);
  auto& r = t.report;
  const bool showing = !shaped.map.groups.empty();
  // A minute is listed when it shows groups, or when the groups it shows are gone.
  if (!showing && (r.minutes.empty() || r.minutes.back().groups.empty())) return;
  protocol::opinion_minute m{t.minute, shaped.map.counted, shaped.map.groups};
  for (auto& g : m.groups) g.representatives.clear();
  if (!r.minutes.empty() && r.minutes.back().minute == t.minute) {
    r.minutes.back() = std::move(m);
  } else {
    r.minutes.push_back(std::move(m));
  }
  r.final = std::move(shaped.map);
}

}  // namespace

void follow(opinion_trace& t, const std::optional<std::int64_t>& started_at, const state& after, const event& e) {
  const auto now = minute_of(started_at, e.at);
  if (t.changed && now > t.minute) update(t);
  t.scratch.clear();
  opinion::inputs_of(after, e, t.scratch);
  for (const auto& i : t.scratch) opinion::apply(t.map, i);
  if (!t.scratch.empty()) {
    t.changed = true;
    t.minute = now;
  }
  if (t.changed && std::holds_alternative<ev::show_ended>(e.body)) update(t);
}

}  // namespace tribune::engine
