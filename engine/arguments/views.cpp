// What each view shows of arguments: the public sees published ones only (and a pending one's id,
// so a client can tell it exists); moderators see all, with dismissal reasons.
#include <cmath>

#include "engine/arguments/arguments.hpp"
#include "engine/state.hpp"

namespace tribune::engine {
namespace {

namespace wire = protocol::wire;
namespace data = protocol::data;

bool visible(const argument& a, view v) {
  return v == view::moderator_view || a.status == protocol::argument_status::published;
}

double round3(double x) { return std::round(x * 1000.0) / 1000.0; }

}  // namespace

// agreement = agree / (agree + disagree); divisiveness = 1 - |agree - disagree| / (agree + disagree).
wire::figures figures_of(const argument& a) {
  const auto agree = a.counts[0];
  const auto disagree = a.counts[1];
  const auto sided = static_cast<double>(agree + disagree);
  const double agreement = sided == 0 ? 0.0 : static_cast<double>(agree) / sided;
  const double divisiveness =
      sided == 0 ? 0.0 : 1.0 - std::fabs(static_cast<double>(agree) - static_cast<double>(disagree)) / sided;
  return wire::figures{agree, disagree, a.counts[2], round3(agreement), round3(divisiveness)};
}

wire::argument argument_view(const state& s, const argument& a, view v) {
  wire::argument out;
  out.id = a.id;
  out.text = a.text;
  out.stance = a.stance;
  if (a.parent != 0) {
    out.parent = a.parent;
    out.answers = a.answers;
  }
  if (!a.source.empty()) out.source = a.source;
  out.author = speaker_view(s, a.author);
  if (a.author.seated) out.author.role = wire::speaker_role::audience;
  out.status = a.status;
  if (a.segment != 0) out.segment = a.segment;
  if (a.on_floor) out.on_floor = speaker_view(s, *a.on_floor);
  out.at = a.at;
  out.addressed = a.addressed;
  out.counts = figures_of(a);
  if (v == view::moderator_view && a.status == protocol::argument_status::dismissed) out.reason = a.dismiss_reason;
  if (v == view::moderator_view && !a.flag.empty()) out.flag = a.flag;
  return out;
}

data::argument_posted view_of(const state& s, const ev::argument_posted& x, view v) {
  const auto& a = *s.find_argument(x.argument);
  if (!visible(a, v)) return {wire::pending_argument{a.id}};
  return {argument_view(s, a, v)};
}

data::argument_changed view_of(const state& s, const ev::argument_approved& x, view v) {
  return {argument_view(s, *s.find_argument(x.argument), v)};
}

data::argument_dismissed view_of(const state& s, const ev::argument_dismissed& x, view v) {
  data::argument_dismissed out{x.argument, {}, log_view(s, s.log.back(), v)};
  if (v == view::moderator_view) out.reason = x.reason;
  return out;
}

data::argument_featured view_of(const state&, const ev::argument_featured& x, view) { return {x.argument}; }

data::argument_ref view_of(const state&, const ev::argument_addressed& x, view) { return {x.argument}; }

void add_arguments(protocol::snapshot& out, const state& s, view v, std::optional<participant_id> me) {
  for (const auto& a : s.arguments) {
    if (visible(a, v)) out.arguments.push_back(argument_view(s, a, v));
    if (!me || !out.mine) continue;
    if (a.author == speaker{true, *me} && !visible(a, v)) out.mine->arguments.push_back(argument_view(s, a, v));
    if (const auto it = a.ratings.find(*me); it != a.ratings.end()) out.mine->ratings[a.id] = it->second;
  }
  out.featured_argument = s.featured_argument;
}

}  // namespace tribune::engine
