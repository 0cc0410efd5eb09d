#pragma once
// One update of the opinion map before it is published: who is counted, which arguments are the
// columns, the matrix, each participant's place and group.
#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "engine/opinion/opinion.hpp"
#include "engine/opinion/pca.hpp"

namespace tribune::engine::opinion {

constexpr std::int8_t not_rated = 2;  // a raw cell no rating filled

struct analysis {
  std::vector<participant_id> participants;  // counted, by id
  std::vector<argument_id> arguments;        // the columns, by id
  std::vector<std::int8_t> raw;              // row-major: +1, -1, 0 (pass) or not_rated
  centred_matrix matrix;
  std::vector<point2> points;       // per participant
  std::vector<group_label> labels;  // per participant
  std::size_t k = 0;                // groups computed
};

// The published form of an update: statistics per group, argument and question, with the groups
// smaller than the minimum left out.
result assemble(const analysis& a, const std::map<question_id, std::set<participant_id>>& upvotes,
                const parameters& params);

}  // namespace tribune::engine::opinion
