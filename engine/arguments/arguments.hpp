#pragma once
// Arguments: the debate's reasoning as a tree. Panelists publish at once; audience members wait for
// a moderator. Moderators feature one on stage and mark them addressed; the audience rates them
// agree / disagree / pass, and the figures reach screens coalesced (tallies), not per rating.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types.hpp"
#include "protocol/event_data.hpp"
#include "protocol/messages.hpp"

namespace tribune::engine {

namespace ev {
struct argument_posted {
  static constexpr std::string_view name = "argument_posted";
  argument_id argument = 0;
  speaker author;  // a panelist, or an audience member (seated = true means a participant)
  std::string text;
  protocol::side stance = protocol::side::for_motion;
  argument_id parent = 0;  // 0: answers the motion itself
  protocol::relation answers = protocol::relation::none;
  std::string source;
  bool published = false;
  segment_id segment = 0;
  std::optional<speaker> on_floor;
  std::string flag{};  // the word of the debate's list the text holds (flags/), empty for none
};
struct argument_approved {
  static constexpr std::string_view name = "argument_approved";
  argument_id argument = 0;
};
struct argument_dismissed {
  static constexpr std::string_view name = "argument_dismissed";
  argument_id argument = 0;
  std::string reason;
};
struct argument_featured {
  static constexpr std::string_view name = "argument_featured";
  std::optional<argument_id> argument;
};
struct argument_addressed {
  static constexpr std::string_view name = "argument_addressed";
  argument_id argument = 0;
};
// Reaches screens through `tallies`, not one message per rating.
struct argument_rated {
  static constexpr std::string_view name = "argument_rated";
  static constexpr bool coalesced = true;
  argument_id argument = 0;
  participant_id participant = 0;
  protocol::rating value = protocol::rating::pass;
};
// Arguments logged before flags have no "flag".
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(argument_posted, argument, author, text, stance, parent, answers,
                                                source, published, segment, on_floor, flag)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(argument_approved, argument)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(argument_dismissed, argument, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(argument_featured, argument)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(argument_addressed, argument)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(argument_rated, argument, participant, value)
}  // namespace ev

struct argument {
  argument_id id = 0;
  speaker author;
  std::string text;
  protocol::side stance = protocol::side::for_motion;
  argument_id parent = 0;
  protocol::relation answers = protocol::relation::none;
  std::string source;
  protocol::argument_status status = protocol::argument_status::pending;
  segment_id segment = 0;
  std::optional<speaker> on_floor;
  std::int64_t at = 0;
  bool addressed = false;
  std::string dismiss_reason;
  std::string flag;  // flags/: what flagged it, for the moderators
  std::map<participant_id, protocol::rating> ratings;
  std::array<std::uint64_t, 3> counts{};  // agree, disagree, pass
};

struct arguments_state {
  std::vector<argument> arguments;  // arguments[id - 1]
  std::optional<argument_id> featured_argument;
};

namespace arguments {
using commands = type_list<protocol::post_argument, protocol::approve_argument, protocol::dismiss_argument,
                           protocol::feature_argument, protocol::mark_addressed, protocol::rate_argument>;
using events = type_list<ev::argument_posted, ev::argument_approved, ev::argument_dismissed, ev::argument_featured,
                         ev::argument_addressed, ev::argument_rated>;
}  // namespace arguments

decision decide(const state& s, const context& c, const protocol::post_argument& x);
decision decide(const state& s, const context& c, const protocol::approve_argument& x);
decision decide(const state& s, const context& c, const protocol::dismiss_argument& x);
decision decide(const state& s, const context& c, const protocol::feature_argument& x);
decision decide(const state& s, const context& c, const protocol::mark_addressed& x);
decision decide(const state& s, const context& c, const protocol::rate_argument& x);

void apply(state& s, const event& e, const ev::argument_posted& x);
void apply(state& s, const event& e, const ev::argument_approved& x);
void apply(state& s, const event& e, const ev::argument_dismissed& x);
void apply(state& s, const event& e, const ev::argument_featured& x);
void apply(state& s, const event& e, const ev::argument_addressed& x);
void apply(state& s, const event& e, const ev::argument_rated& x);

protocol::data::argument_posted view_of(const state& s, const ev::argument_posted& x, view v);
protocol::data::argument_changed view_of(const state& s, const ev::argument_approved& x, view v);
protocol::data::argument_dismissed view_of(const state& s, const ev::argument_dismissed& x, view v);
protocol::data::argument_featured view_of(const state& s, const ev::argument_featured& x, view v);
protocol::data::argument_ref view_of(const state& s, const ev::argument_addressed& x, view v);

protocol::ack_result result_of(const state& after, const protocol::post_argument& x,
                               const std::vector<event>& produced);

protocol::wire::figures figures_of(const argument& a);
protocol::wire::argument argument_view(const state& s, const argument& a, view v);
void add_arguments(protocol::snapshot& out, const state& s, view v, std::optional<participant_id> me);

}  // namespace tribune::engine
