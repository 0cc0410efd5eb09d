#pragma once
// What the opinion map is fed, kept sparse and ready for an update: participants and arguments
// interned to dense indices as they first appear (never reused, so memory carried between updates
// is indexed by them), each participant's ratings a short vector of 32-bit cells sorted by
// argument id, the upvoters of each question. Only arguments still in the analysis are stored: an
// exclusion removes its cells, so a participant's row length is how many arguments they have rated.
#include <cstddef>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

#include "engine/types.hpp"

namespace tribune::engine::opinion {

// One rating in 32 bits: the argument's index and the value's code, index << 2 | code. An update
// looks a cell's centred value up in a table indexed by the cell itself (pca.hpp).
using cell = std::uint32_t;
constexpr std::uint32_t code_pass = 0;
constexpr std::uint32_t code_agree = 1;
constexpr std::uint32_t code_disagree = 2;
constexpr cell cell_of(std::uint32_t argument, std::uint32_t code) { return argument << 2U | code; }
constexpr std::uint32_t argument_of(cell c) { return c >> 2U; }
constexpr std::uint32_t code_of(cell c) { return c & 3U; }
constexpr double value_of_code(std::uint32_t code) {
  return code == code_agree ? 1.0 : code == code_disagree ? -1.0 : 0.0;
}

class ratings {
 public:
  // A later rating of the same pair replaces the earlier one; ratings of excluded arguments and by
  // dropped participants are ignored.
  void rate(participant_id who, argument_id what, protocol::rating r);
  void exclude(argument_id a);
  void drop(participant_id p);
  void upvote(participant_id who, question_id q, bool on);
  // Arguments still in the analysis this participant has rated (0 for a stranger or a dropped one).
  std::size_t rated(participant_id who) const;

  std::size_t participant_count() const { return participant_ids_.size(); }
  std::size_t argument_count() const { return argument_ids_.size(); }
  participant_id participant(std::uint32_t index) const { return participant_ids_[index]; }
  argument_id argument(std::uint32_t index) const { return argument_ids_[index]; }
  // Participant indices by id (dropped ones included: their rows are empty), once put in order.
  const std::vector<std::uint32_t>& participants_by_id() const { return participants_by_id_; }
  // Merges the participants who came with a smaller id than the greatest one already seen: a
  // sorted insertion each would move the whole list, so they wait for the next update.
  void put_in_order();
  // Indices of the arguments not excluded, by id.
  const std::vector<std::uint32_t>& arguments_by_id() const { return arguments_by_id_; }
  const std::vector<cell>& row(std::uint32_t participant) const { return rows_[participant]; }
  // Per question with upvoters, their participant indices in increasing order.
  const std::map<question_id, std::vector<std::uint32_t>>& upvotes() const { return upvotes_; }

 private:
  std::uint32_t participant_index(participant_id who);  // interned on first sight
  std::uint32_t argument_index(argument_id what);

  std::unordered_map<participant_id, std::uint32_t> participant_index_;
  std::vector<participant_id> participant_ids_;
  std::vector<std::vector<cell>> rows_;  // per participant, sorted by argument id
  std::vector<bool> dropped_;
  std::vector<std::uint32_t> participants_by_id_;
  std::vector<std::uint32_t> out_of_order_;  // new participants not yet merged into the list
  std::unordered_map<argument_id, std::uint32_t> argument_index_;
  std::vector<argument_id> argument_ids_;
  std::vector<bool> excluded_;
  std::vector<std::uint32_t> arguments_by_id_;
  std::map<question_id, std::vector<std::uint32_t>> upvotes_;
};

}  // namespace tribune::engine::opinion
