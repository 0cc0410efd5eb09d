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

// Per argument and group slot (the index of its label in `slots`), from one pass over the cells.
struct tallies {
  std::vector<group_label> slots;      // every group's label, sorted
  std::vector<std::size_t> sizes;      // per slot
  std::vector<std::uint32_t> slot_of;  // per row
  std::vector<tally> cell;             // [argument index * slots + slot]
  tally in(std::uint32_t argument, std::size_t slot) const { return cell[argument * slots.size() + slot]; }
};

// Everyone counted: the counts of the argument's cell values.
tally total_of(const analysis& a, std::uint32_t argument) {
  const std::uint32_t* n = &a.matrix.count[cell_of(argument, 0)];
  return {n[code_agree], std::size_t{n[code_pass]} + n[code_agree] + n[code_disagree]};
}

tallies count_ratings(const analysis& a) {
  tallies t;
  t.slots.assign(a.labels.begin(), a.labels.end());
  std::sort(t.slots.begin(), t.slots.end());
  t.slots.erase(std::unique(t.slots.begin(), t.slots.end()), t.slots.end());
  t.sizes.assign(t.slots.size(), 0);
  t.slot_of.reserve(a.labels.size());
  for (auto label : a.labels) {
    const auto slot =
        static_cast<std::uint32_t>(std::lower_bound(t.slots.begin(), t.slots.end(), label) - t.slots.begin());
    t.slot_of.push_back(slot);
    ++t.sizes[slot];
  }
  const auto& m = a.matrix;
  const std::size_t slots = t.slots.size();
  t.cell.assign(m.cols * slots, tally{});
  for (std::size_t r = 0; r < m.rows(); ++r) {
    for (std::size_t i = m.row_start[r]; i < m.row_start[r + 1]; ++i) {
      tally& x = t.cell[argument_of(m.cells[i]) * slots + t.slot_of[r]];
      ++x.ratings;
      x.agrees += code_of(m.cells[i]) == code_agree ? 1 : 0;
    }
  }
  return t;
}

// The arguments group `slot` agrees with significantly more than everyone else, best ra first.
std::vector<representative> representatives_of(const analysis& a, const ratings& store, const tallies& t,
                                               std::size_t slot, const parameters& params) {
  std::vector<representative> out;
  for (const auto j : a.matrix.columns) {
    const tally in = t.in(j, slot);
    const tally all = total_of(a, j);
    const tally out_of{all.agrees - in.agrees, all.ratings - in.ratings};
    representative r{store.argument(j), smoothed_agree(in.agrees, in.ratings),
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

std::vector<argument_result> arguments_of(const analysis& a, const ratings& store, const tallies& t,
                                          const std::vector<std::size_t>& shown) {
  std::vector<argument_result> out;
  out.reserve(a.matrix.columns.size());
  for (const auto j : a.matrix.columns) {
    const tally all = total_of(a, j);
    argument_result r{store.argument(j), all.ratings, {}, 0.0, 0.0};
    for (auto slot : shown) r.agree.push_back(smoothed_agree(t.in(j, slot).agrees, t.in(j, slot).ratings));
    r.consensus = shown.empty() ? smoothed_agree(all.agrees, all.ratings) : consensus(r.agree);
    r.divisiveness = divisiveness(r.agree);
    out.push_back(std::move(r));
  }
  return out;
}

// Each question's upvoters looked up by row: O(upvotes), whatever the size of the room.
std::vector<question_result> questions_of(const analysis& a, const ratings& store, const tallies& t,
                                          const std::vector<std::size_t>& shown) {
  std::vector<question_result> out;
  std::vector<std::size_t> per_slot(t.slots.size());
  for (const auto& [question, upvoters] : store.upvotes()) {
    std::fill(per_slot.begin(), per_slot.end(), 0);
    for (const auto p : upvoters) {
      if (const auto r = a.row_of[p]; r != UINT32_MAX) ++per_slot[t.slot_of[r]];
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

result assemble(const analysis& a, const ratings& store, const parameters& params) {
  const auto t = count_ratings(a);
  std::vector<std::size_t> shown;  // the slots of the published groups
  for (std::size_t slot = 0; slot < t.slots.size(); ++slot) {
    if (t.sizes[slot] >= params.min_group_size) shown.push_back(slot);
  }
  std::vector<bool> is_shown(t.slots.size(), false);
  for (auto slot : shown) is_shown[slot] = true;
  result out;
  out.k = a.k;
  out.counted = a.rows.size();
  for (std::size_t r = 0; r < a.rows.size(); ++r) {
    if (is_shown[t.slot_of[r]]) {
      out.positions.push_back({store.participant(a.rows[r]), a.points[r].x, a.points[r].y, a.labels[r]});
    }
  }
  for (auto slot : shown) {
    out.groups.push_back({t.slots[slot], t.sizes[slot], representatives_of(a, store, t, slot, params)});
  }
  out.arguments = arguments_of(a, store, t, shown);
  out.questions = questions_of(a, store, t, shown);
  return out;
}

}  // namespace tribune::engine::opinion
