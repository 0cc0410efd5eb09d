// The opinion map's store of ratings and upvotes; ratings.hpp gives its shape.
#include "engine/opinion/ratings.hpp"

#include <algorithm>

namespace tribune::engine::opinion {
namespace {

// Inserts `index` into a vector of indices kept in the order of `ids` (ids[index]).
template <class Id>
void insert_by_id(std::vector<std::uint32_t>& sorted, const std::vector<Id>& ids, std::uint32_t index) {
  const auto at = std::lower_bound(sorted.begin(), sorted.end(), ids[index],
                                   [&](std::uint32_t i, const Id& id) { return ids[i] < id; });
  sorted.insert(at, index);
}

}  // namespace

std::uint32_t ratings::participant_index(participant_id who) {
  const auto [it, added] = participant_index_.try_emplace(who, static_cast<std::uint32_t>(participant_ids_.size()));
  if (added) {
    participant_ids_.push_back(who);
    rows_.emplace_back();
    dropped_.push_back(false);
    const bool last = participants_by_id_.empty() || participant_ids_[participants_by_id_.back()] < who;
    (last && out_of_order_.empty() ? participants_by_id_ : out_of_order_).push_back(it->second);
  }
  return it->second;
}

void ratings::put_in_order() {
  if (out_of_order_.empty()) return;
  const auto by_id = [&](std::uint32_t x, std::uint32_t y) { return participant_ids_[x] < participant_ids_[y]; };
  std::sort(out_of_order_.begin(), out_of_order_.end(), by_id);
  const auto middle = static_cast<std::ptrdiff_t>(participants_by_id_.size());
  participants_by_id_.insert(participants_by_id_.end(), out_of_order_.begin(), out_of_order_.end());
  std::inplace_merge(participants_by_id_.begin(), participants_by_id_.begin() + middle, participants_by_id_.end(),
                     by_id);
  out_of_order_.clear();
}

std::uint32_t ratings::argument_index(argument_id what) {
  const auto [it, added] = argument_index_.try_emplace(what, static_cast<std::uint32_t>(argument_ids_.size()));
  if (added) {
    argument_ids_.push_back(what);
    excluded_.push_back(false);
    insert_by_id(arguments_by_id_, argument_ids_, it->second);
  }
  return it->second;
}

void ratings::rate(participant_id who, argument_id what, protocol::rating r) {
  const std::uint32_t p = participant_index(who);
  const std::uint32_t a = argument_index(what);
  if (dropped_[p] || excluded_[a]) return;
  const std::uint32_t code = r == protocol::rating::agree      ? code_agree
                             : r == protocol::rating::disagree ? code_disagree
                                                               : code_pass;
  auto& row = rows_[p];
  const auto at = std::lower_bound(row.begin(), row.end(), what,
                                   [&](cell c, argument_id id) { return argument_ids_[argument_of(c)] < id; });
  if (at != row.end() && argument_of(*at) == a) {
    *at = cell_of(a, code);
  } else {
    row.insert(at, cell_of(a, code));
  }
}

// Rare (moderation): every row is scanned once for the argument's cell.
void ratings::exclude(argument_id what) {
  const std::uint32_t a = argument_index(what);
  if (excluded_[a]) return;
  excluded_[a] = true;
  arguments_by_id_.erase(std::find(arguments_by_id_.begin(), arguments_by_id_.end(), a));
  for (auto& row : rows_) {
    row.erase(std::remove_if(row.begin(), row.end(), [&](cell c) { return argument_of(c) == a; }), row.end());
  }
}

void ratings::drop(participant_id who) {
  const std::uint32_t p = participant_index(who);
  dropped_[p] = true;
  std::vector<cell>().swap(rows_[p]);
  for (auto it = upvotes_.begin(); it != upvotes_.end();) {
    auto& upvoters = it->second;
    if (const auto at = std::lower_bound(upvoters.begin(), upvoters.end(), p); at != upvoters.end() && *at == p) {
      upvoters.erase(at);
    }
    it = upvoters.empty() ? upvotes_.erase(it) : std::next(it);
  }
}

void ratings::upvote(participant_id who, question_id q, bool on) {
  const std::uint32_t p = participant_index(who);
  if (dropped_[p]) return;
  auto found = upvotes_.find(q);
  if (found == upvotes_.end()) {
    if (!on) return;
    found = upvotes_.try_emplace(q).first;
  }
  auto& upvoters = found->second;
  const auto at = std::lower_bound(upvoters.begin(), upvoters.end(), p);
  const bool present = at != upvoters.end() && *at == p;
  if (on && !present) upvoters.insert(at, p);
  if (!on && present) upvoters.erase(at);
  if (upvoters.empty()) upvotes_.erase(found);
}

std::size_t ratings::rated(participant_id who) const {
  const auto it = participant_index_.find(who);
  return it == participant_index_.end() ? 0 : rows_[it->second].size();
}

}  // namespace tribune::engine::opinion
