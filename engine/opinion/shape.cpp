#include "engine/opinion/shape.hpp"

#include <algorithm>
#include <cmath>

namespace tribune::engine::opinion {
namespace {

namespace wire = protocol::opinion_wire;

// The best `n` of `from` by `better`, in that order.
template <typename T, typename Better>
std::vector<T> best(std::vector<T> from, std::size_t n, Better better) {
  const auto keep = std::min(n, from.size());
  std::partial_sort(from.begin(), from.begin() + static_cast<std::ptrdiff_t>(keep), from.end(), better);
  from.resize(keep);
  return from;
}

}  // namespace

shaped shape(const result& r, std::size_t min_ratings) {
  shaped out;
  auto& m = out.map;
  m.counted = r.counted;
  m.min_ratings = min_ratings;

  std::unordered_map<group_label, std::size_t> index;
  for (const auto& g : r.groups) {
    index.emplace(g.label, m.groups.size());
    wire::group out_group{g.label, g.size, 0, 0, {}};
    for (const auto& rep : g.representatives)
      out_group.representatives.push_back({rep.argument, rep.p_in, rep.p_out, rep.z});
    m.groups.push_back(std::move(out_group));
  }
  // One scale for both axes, so distances on the screen are distances on the map.
  double extent = 0;
  for (const auto& p : r.positions) {
    if (index.count(p.group) != 0) extent = std::max({extent, std::abs(p.x), std::abs(p.y)});
  }
  const double scale = extent > 0 ? 1.0 / extent : 1.0;
  std::vector<std::size_t> members(m.groups.size(), 0);
  for (const auto& p : r.positions) {
    const auto it = index.find(p.group);
    if (it == index.end()) continue;
    auto& g = m.groups[it->second];
    g.x += p.x * scale;
    g.y += p.y * scale;
    ++members[it->second];
    out.places.emplace(p.participant, wire::you{p.group, p.x * scale, p.y * scale});
  }
  for (std::size_t i = 0; i < m.groups.size(); ++i) {
    if (members[i] == 0) continue;
    m.groups[i].x /= static_cast<double>(members[i]);
    m.groups[i].y /= static_cast<double>(members[i]);
  }

  // A sample of the dots spread evenly over the participants, the same ones from update to update
  // while nobody joins or leaves the map.
  const auto n = r.positions.size();
  const auto dots = std::min(n, wire::max_dots);
  for (std::size_t i = 0; i < dots; ++i) {
    const auto& p = r.positions[i * n / dots];
    if (const auto it = index.find(p.group); it != index.end())
      m.dots.push_back({p.x * scale, p.y * scale, it->second});
  }

  if (m.groups.empty()) return out;
  std::vector<wire::argument_line> unites;
  std::vector<wire::argument_line> divides;
  // What unites is what a majority of every group agrees with (the highest consensus can still be
  // low); what divides is the rest with a gap between groups, so no argument is in both lists.
  for (const auto& a : r.arguments) {
    const bool majority = std::all_of(a.agree.begin(), a.agree.end(), [](double p) { return p > 0.5; });
    if (majority) {
      unites.push_back({a.argument, a.consensus, a.agree});
    } else if (a.divisiveness > 0) {
      divides.push_back({a.argument, a.divisiveness, a.agree});
    }
  }
  const auto higher = [](const wire::argument_line& x, const wire::argument_line& y) {
    return x.score != y.score ? x.score > y.score : x.argument < y.argument;
  };
  m.unites = best(std::move(unites), wire::listed_arguments, higher);
  m.divides = best(std::move(divides), wire::listed_arguments, higher);

  std::vector<wire::question_line> questions;
  for (const auto& q : r.questions) {
    if (q.upvotes > 0) questions.push_back({q.question, q.upvotes, q.bridging, q.shares});
  }
  m.questions = best(std::move(questions), wire::listed_questions, [](const auto& x, const auto& y) {
    if (x.bridging != y.bridging) return x.bridging > y.bridging;
    return x.upvotes != y.upvotes ? x.upvotes > y.upvotes : x.question < y.question;
  });
  return out;
}

}  // namespace tribune::engine::opinion
