// The opinion map's published form: groups with their representative arguments, each argument's
// agreement per group, each question's upvotes per group. Groups under the minimum size stay in
// the counts (they are part of "everyone else" for repness) but are not shown.
#include <algorithm>

#include "engine/opinion/analysis.hpp"
#include "engine/opinion/stats.hpp"

namespace tribune::engine::opinion {
namespace {

struct tally {
  std::size_t agrees = 0;
  std::size_t ratings = 0;  // passes included
};

// Per column, per group slot (the index of its label in `slots`), and in total.
struct tallies {
  std::vector<group_label> slots;        // every group's label, sorted
  std::vector<std::size_t> sizes;        // per slot
  std::vector<std::size_t> slot_of;      // per participant row
  std::vector<std::vector<tally>> cell;  // [column][slot]
  std::vector<tally> total;              // [column]
};

tallies count_ratings(const analysis& a) {
  tallies t;
  t.slots.assign(a.labels.begin(), a.labels.end());
  std::sort(t.slots.begin(), t.slots.end());
  t.slots.erase(std::unique(t.slots.begin(), t.slots.end()), t.slots.end());
  t.sizes.assign(t.slots.size(), 0);
  for (auto label : a.labels) {
    const auto slot =
        static_cast<std::size_t>(std::lower_bound(t.slots.begin(), t.slots.end(), label) - t.slots.begin());
    t.slot_of.push_back(slot);
    ++t.sizes[slot];
  }
  const std::size_t cols = a.arguments.size();
  t.cell.assign(cols, std::vector<tally>(t.slots.size()));
  t.total.assign(cols, tally{});
  for (std::size_t r = 0; r < a.participants.size(); ++r) {
    for (std::size_t j = 0; j < cols; ++j) {
      const auto v = a.raw[r * cols + j];
      if (v == not_rated) continue;
      for (tally* x : {&t.cell[j][t.slot_of[r]], &t.total[j]}) {
        ++x->ratings;
        x->agrees += v == 1 ? 1 : 0;
      }
    }
  }
  return t;
}

// The arguments group `slot` agrees with significantly more than everyone else, best ra first.
std::vector<representative> representatives_of(const analysis& a, const tallies& t, std::size_t slot,
                                               const parameters& params) {
  std::vector<representative> out;
  for (std::size_t j = 0; j < a.arguments.size(); ++j) {
    const tally in = t.cell[j][slot];
    const tally out_of{t.total[j].agrees - in.agrees, t.total[j].ratings - in.ratings};
    representative r{a.arguments[j], smoothed_agree(in.agrees, in.ratings),
                     smoothed_agree(out_of.agrees, out_of.ratings), 0.0, 0.0};
    r.ra = r.p_in / r.p_out;
    r.z = two_proportion_z(in.agrees, in.ratings, out_of.agrees, out_of.ratings);
    if (r.z > params.z_threshold && r.ra > 1.0) out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(), [](const representative& x, const representative& y) {
    return x.ra != y.ra ? x.ra > y.ra : x.z > y.z;
  });
  if (out.size() > params.representatives) out.resize(params.representatives);
  return out;
}

std::vector<argument_result> arguments_of(const analysis& a, const tallies& t, const std::vector<std::size_t>& shown) {
  std::vector<argument_result> out;
  for (std::size_t j = 0; j < a.arguments.size(); ++j) {
    argument_result r{a.arguments[j], t.total[j].ratings, {}, 0.0, 0.0};
    for (auto slot : shown) r.agree.push_back(smoothed_agree(t.cell[j][slot].agrees, t.cell[j][slot].ratings));
    r.consensus = shown.empty() ? smoothed_agree(t.total[j].agrees, t.total[j].ratings) : consensus(r.agree);
    r.divisiveness = divisiveness(r.agree);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<question_result> questions_of(const analysis& a, const tallies& t, const std::vector<std::size_t>& shown,
                                          const std::map<question_id, std::set<participant_id>>& upvotes) {
  std::vector<question_result> out;
  for (const auto& [question, upvoters] : upvotes) {
    if (upvoters.empty()) continue;
    std::vector<std::size_t> per_slot(t.slots.size(), 0);
    for (std::size_t r = 0; r < a.participants.size(); ++r) {
      if (upvoters.count(a.participants[r]) != 0) ++per_slot[t.slot_of[r]];
    }
    question_result q{question, upvoters.size(), {}, 0.0};
    for (auto slot : shown) {
      q.shares.push_back(static_cast<double>(per_slot[slot]) / static_cast<double>(t.sizes[slot]));
    }
    q.bridging = bridging(q.shares);
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace

result assemble(const analysis& a, const std::map<question_id, std::set<participant_id>>& upvotes,
                const parameters& params) {
  const auto t = count_ratings(a);
  std::vector<std::size_t> shown;  // the slots of the published groups
  for (std::size_t slot = 0; slot < t.slots.size(); ++slot) {
    if (t.sizes[slot] >= params.min_group_size) shown.push_back(slot);
  }
  result out;
  out.k = a.k;
  out.counted = a.participants.size();
  for (std::size_t r = 0; r < a.participants.size(); ++r) {
    if (std::binary_search(shown.begin(), shown.end(), t.slot_of[r])) {
      out.positions.push_back({a.participants[r], a.points[r].x, a.points[r].y, a.labels[r]});
    }
  }
  for (auto slot : shown) {
    out.groups.push_back({t.slots[slot], t.sizes[slot], representatives_of(a, t, slot, params)});
  }
  out.arguments = arguments_of(a, t, shown);
  out.questions = questions_of(a, t, shown, upvotes);
  return out;
}

}  // namespace tribune::engine::opinion
