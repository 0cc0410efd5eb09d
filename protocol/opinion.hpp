#pragma once
// The opinion map on the wire (docs/protocol.md, "Opinion map"): the room's groups, what unites
// and what divides them, how evenly each question is wanted, and a sample of the dots for the big
// screens; and, to each participant alone, their own place and group. Messages are written without
// `seq` by the analysis, off the room's strand, and stamped by the room when it sends them.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/ids.hpp"

namespace tribune::protocol {

// A group's letter: label 0 is "A", 1 is "B"…
std::string format_group(std::uint32_t label);

namespace opinion_wire {

constexpr std::size_t listed_arguments = 5;    // in `unites` and in `divides`
constexpr std::size_t listed_questions = 500;  // the best bridging questions
constexpr std::size_t max_dots = 2000;         // dots sent to the big screens

struct representative {
  argument_id argument = 0;
  double p_in = 0;
  double p_out = 0;
  double z = 0;
};
struct group {
  std::uint32_t label = 0;
  std::size_t size = 0;
  double x = 0;  // the mean place of its members, on the map's [-1, 1] scale
  double y = 0;
  std::vector<representative> representatives;
};
struct argument_line {
  argument_id argument = 0;
  double score = 0;           // consensus in `unites`, divisiveness in `divides`
  std::vector<double> agree;  // per group, in the order of `groups`
};
struct question_line {
  question_id question = 0;
  std::size_t upvotes = 0;
  double bridging = 0;
  std::vector<double> shares;  // per group
};
struct dot {
  double x = 0;
  double y = 0;
  std::size_t group = 0;  // an index into `groups`
};

// `unites`, `divides`, `questions` and `dots` are written only into the big screens' version.
struct map {
  std::size_t counted = 0;
  std::size_t min_ratings = 0;
  std::vector<group> groups;
  std::vector<argument_line> unites;
  std::vector<argument_line> divides;
  std::vector<question_line> questions;
  std::vector<dot> dots;
};

// Who an `opinion` message is for: the big screens and the moderators get everything; phones and
// panelists the groups alone (what a phone shows, a few hundred bytes for a crowd of phones).
enum class audience : std::uint8_t { screens, phones };

// The body of an `opinion` message, without `type` and `seq`.
std::string encode_body(const map& m, audience a);
nlohmann::json body_json(const map& m, audience a);
// A group's letter, size and place, without its representatives.
nlohmann::json group_place_json(const group& g);

// One participant's own place: the group's letter and the place, or nothing when not placed.
struct you {
  std::optional<std::uint32_t> group;
  double x = 0;
  double y = 0;
};
std::string encode_you_body(const you& y);

// `{"type": <type>, "seq": <seq>, …body's fields…}` from a body written by the encoders above.
std::string stamp(std::string_view type, seq_t seq, std::string_view body);

}  // namespace opinion_wire
}  // namespace tribune::protocol
