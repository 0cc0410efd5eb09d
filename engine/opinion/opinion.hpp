#pragma once
// The opinion map: the pol.is method computed as the room rates its arguments. Ratings form a
// participant-by-argument matrix (agree +1, disagree -1, pass 0, unseen cells filled with the
// argument's mean); two principal components, found by power iteration warm-started from the
// previous update, place each counted participant on a plane; k-means over the plane finds the
// groups. Per argument, the groups' agreement gives consensus and divisiveness; per group, the
// arguments that set it apart (repness); per question, how evenly the groups upvote it (bridging).
// Pure and deterministic: the same calls in the same order give the same result, bit for bit.
// docs/opinion-map.md gives the formulas, the edge cases and the cost.
#include <cstddef>
#include <cstdint>
#include <memory>
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

// Fed rating by rating; publish() runs one update of the analysis. An update starts from the
// previous one (components, k, labels, base clusters), so the result depends on the calls and on
// when publish() was called, and on nothing else. A copy carries all of it: the copy and the
// original then go on independently.
class map {
 public:
  map();
  explicit map(parameters p);
  map(const map& other);
  map& operator=(const map& other);
  map(map&& other) noexcept;
  map& operator=(map&& other) noexcept;
  ~map();

  // A later rating of the same pair replaces the earlier one.
  void rate(participant_id who, argument_id what, protocol::rating r);
  // Moderated out: its ratings are ignored from now on.
  void exclude_argument(argument_id a);
  // Banned: their ratings and upvotes leave the analysis, and later ones are ignored.
  void drop_participant(participant_id p);
  void upvote(participant_id who, question_id q);
  // An upvote taken back (upvote_changed with on = false); nothing if there was none.
  void withdraw_upvote(participant_id who, question_id q);

  // How many arguments not excluded this participant has rated: they are counted from
  // params().min_ratings on (0 for a participant never seen, or banned).
  std::size_t rated(participant_id who) const;
  const parameters& params() const { return params_; }

  result publish();
  // Whether a k other than the current one won the last update without being adopted yet: more
  // updates, even with no new rating, may still change the groups (a room that went quiet right
  // after a new camp formed settles in at most k_patience of them).
  bool settling() const;

 private:
  struct impl;  // engine/opinion/analysis.hpp

  parameters params_;
  std::unique_ptr<impl> impl_;  // null only in a map moved from, which may be assigned or destroyed
};

}  // namespace tribune::engine::opinion
