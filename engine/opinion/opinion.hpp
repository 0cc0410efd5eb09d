#pragma once
// The opinion map: the pol.is method computed as the room rates its arguments. Ratings form a
// participant-by-argument matrix (agree +1, disagree -1, pass 0, unseen cells filled with the
// argument's mean); two principal components, found by power iteration warm-started from the
// previous update, place each counted participant on a plane; k-means over the plane finds the
// groups. Per argument, the groups' agreement gives consensus and divisiveness; per group, the
// arguments that set it apart (repness); per question, how evenly the groups upvote it (bridging).
// Pure and deterministic: the same calls in the same order give the same result, bit for bit.
// docs/opinion-map.md gives the formulas and the edge cases.
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "engine/types.hpp"

namespace tribune::engine::opinion {

using group_label = std::uint32_t;

struct parameters {
  std::size_t min_ratings = 7;        // arguments a participant must rate to be counted
  std::size_t min_group_size = 5;     // smaller groups are computed but not published
  std::size_t base_clusters = 100;    // above this many participants, cluster into this many first
  std::size_t min_k = 2;              // the smallest k the silhouette may choose
  std::size_t max_k = 5;              // and the largest
  std::size_t k_patience = 3;         // consecutive updates a new k must win before it is adopted
  std::size_t cold_iterations = 100;  // power iterations with no previous components
  std::size_t warm_iterations = 12;   // power iterations from the previous components
  std::size_t representatives = 5;    // representative arguments published per group
  double z_threshold = 1.2816;        // one-sided 90%: a representative argument must beat it
};

struct position {
  participant_id participant = 0;
  double x = 0;
  double y = 0;
  group_label group = 0;
};

// An argument that sets a group apart: its members agree with it more than everyone else does.
struct representative {
  argument_id argument = 0;
  double p_in = 0;   // smoothed agree probability inside the group
  double p_out = 0;  // and outside it
  double ra = 0;     // p_in / p_out
  double z = 0;      // two-proportion z statistic of the difference
};

struct group {
  group_label label = 0;
  std::size_t size = 0;
  std::vector<representative> representatives;  // best first
};

struct argument_result {
  argument_id argument = 0;
  std::size_t ratings = 0;    // by counted participants, passes included
  std::vector<double> agree;  // per published group, in the order of result::groups
  double consensus = 0;       // product of `agree`; with no published group, everyone's
  double divisiveness = 0;    // max - min of `agree`; 0 with fewer than two published groups
};

struct question_result {
  question_id question = 0;
  std::size_t upvotes = 0;     // by every participant still in the room
  std::vector<double> shares;  // per published group: its upvoters / its size
  double bridging = 0;         // the smallest share; 0 with no published group
};

struct result {
  std::size_t k = 0;                       // groups computed (published or not); 0 with nobody counted
  std::size_t counted = 0;                 // participants in the analysis
  std::vector<position> positions;         // members of published groups, by participant
  std::vector<group> groups;               // published groups, by label
  std::vector<argument_result> arguments;  // by argument
  std::vector<question_result> questions;  // by question
};

struct analysis;

// Fed rating by rating; publish() runs one update of the analysis. An update starts from the
// previous one (components, k, labels), so the result depends on the calls and on when publish()
// was called, and on nothing else.
class map {
 public:
  explicit map(parameters p = {}) : params_(p) {}

  // A later rating of the same pair replaces the earlier one.
  void rate(participant_id who, argument_id what, protocol::rating r);
  // Moderated out: its ratings are ignored from now on.
  void exclude_argument(argument_id a);
  // Banned: their ratings and upvotes leave the analysis, and later ones are ignored.
  void drop_participant(participant_id p);
  void upvote(participant_id who, question_id q);

  result publish();

  // What an update carries over to the next.
  struct memory {
    std::map<argument_id, double> first;           // the first component's loadings
    std::map<argument_id, double> second;          // the second's
    std::size_t k = 0;                             // 0 until the first clustering
    std::size_t candidate = 0;                     // a k that beat the current one ...
    std::size_t streak = 0;                        // ... this many updates in a row
    std::map<participant_id, group_label> labels;  // each counted participant's group
  };

 private:
  void group(analysis& a);  // clusters the plane into labelled groups

  parameters params_;
  std::map<participant_id, std::map<argument_id, double>> votes_;
  std::set<argument_id> excluded_;
  std::set<participant_id> dropped_;
  std::map<question_id, std::set<participant_id>> upvotes_;
  memory memory_;
};

}  // namespace tribune::engine::opinion
