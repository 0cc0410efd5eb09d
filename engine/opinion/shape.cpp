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

using group_index = std::unordered_map<group_label, std::size_t>;

// The published groups, without places yet; each label's index in them.
group_index list_groups(const result& r, wire::map& m) {
  group_index index;
  for (const auto& g : r.groups) {
    index.emplace(g.label, m.groups.size());
    wire::group out{g.label, g.size, 0, 0, {}};
    for (const auto& rep : g.representatives) {
      out.representatives.push_back({rep.argument, rep.p_in, rep.p_out, rep.z});
    }
    m.groups.push_back(std::move(out));
  }
  return index;
}

// One scale for both axes, so distances on the screen are distances on the map: the farthest
// coordinate of a shown participant is 1.
double scale_of(const result& r, const group_index& index) {
  double extent = 0;
  for (const auto& p : r.positions) {
    if (index.count(p.group) != 0) extent = std::max({extent, std::abs(p.x), std::abs(p.y)});
  }
  return extent > 0 ? 1.0 / extent : 1.0;
}

// Each shown participant's place, and each group's centre: the mean of its members' places.
void place(const result& r, const group_index& index, double scale, shaped& out) {
  auto& groups = out.map.groups;
  std::vector<std::size_t> members(groups.size(), 0);
  for (const auto& p : r.positions) {
    const auto it = index.find(p.group);
    if (it == index.end()) continue;
    auto& g = groups[it->second];
    g.x += p.x * scale;
    g.y += p.y * scale;
    ++members[it->second];
    out.places.emplace(p.participant, wire::you{p.group, p.x * scale, p.y * scale});
  }
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (members[i] == 0) continue;
    groups[i].x /= static_cast<double>(members[i]);
    groups[i].y /= static_cast<double>(members[i]);
  }
}

// A sample of the dots spread evenly over the participants, the same ones from update to update
// while nobody joins or leaves the map.
void sample_dots(const result& r, const group_index& index, double scale, wire::map& m) {
  const auto n = r.positions.size();
  const auto dots = std::min(n, wire::max_dots);
  for (std::size_t i = 0; i < dots; ++i) {
    const auto& p = r.positions[i * n / dots];
    if (const auto it = index.find(p.group); it != index.end()) {
      m.dots.push_back({p.x * scale, p.y * scale, it->second});
    }
  }
}

// What unites is what a majority of every group agrees with (the highest consensus can still be
// low); what divides is the rest with a gap between groups, so no argument is in both lists.
void list_arguments(const result& r, wire::map& m) {
  std::vector<wire::argument_line> unites;
  std::vector<wire::argument_line> divides;
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
}

// The questions anyone upvoted, by bridging, then upvotes, then id.
void list_questions(const result& r, wire::map& m) {
  std::vector<wire::question_line> questions;
  for (const auto& q : r.questions) {
    if (q.upvotes > 0) questions.push_back({q.question, q.upvotes, q.bridging, q.shares});
  }
  m.questions = best(std::move(questions), wire::listed_questions, [](const auto& x, const auto& y) {
    if (x.bridging != y.bridging) return x.bridging > y.bridging;
    return x.upvotes != y.upvotes ? x.upvotes > y.upvotes : x.question < y.question;
  });
}

}  // namespace

shaped shape(const result& r, std::size_t min_ratings) {
  shaped out;
  out.map.counted = r.counted;
  out.map.min_ratings = min_ratings;
  const auto index = list_groups(r, out.map);
  const double scale = scale_of(r, index);
  place(r, index, scale, out);
  sample_dots(r, index, scale, out.map);
  if (out.map.groups.empty()) return out;
  list_arguments(r, out.map);
  list_questions(r, out.map);
  return out;
}

}  // namespace tribune::engine::opinion
