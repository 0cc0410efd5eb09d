#pragma once
// Polls (single and multiple choice, a 1-5 scale, a word cloud) and the Oxford vote: the motion put
// to the room before and after the debate, the winner being the side whose share grew most.
// Ballots reach screens through coalesced tallies, not one message per ballot.
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
struct poll_created {
  static constexpr std::string_view name = "poll_created";
  poll_id poll = 0;
  protocol::poll_kind kind = protocol::poll_kind::single;
  std::string question;
  std::vector<std::string> options;
  protocol::oxford_phase phase = protocol::oxford_phase::none;
};
struct poll_opened {
  static constexpr std::string_view name = "poll_opened";
  poll_id poll = 0;
};
struct poll_closed {
  static constexpr std::string_view name = "poll_closed";
  poll_id poll = 0;
};
struct poll_revealed {
  static constexpr std::string_view name = "poll_revealed";
  poll_id poll = 0;
};
// Reaches screens through `tallies`, not one message per ballot.
struct ballot_cast {
  static constexpr std::string_view name = "ballot_cast";
  static constexpr bool coalesced = true;
  poll_id poll = 0;
  participant_id participant = 0;
  protocol::choice pick;
  argument_id changed_by = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(poll_created, poll, kind, question, options, phase)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(poll_opened, poll)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(poll_closed, poll)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(poll_revealed, poll)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ballot_cast, poll, participant, pick, changed_by)
}  // namespace ev

struct poll {
  poll_id id = 0;
  protocol::poll_kind kind = protocol::poll_kind::single;
  std::string question;
  std::vector<std::string> options;
  protocol::oxford_phase phase = protocol::oxford_phase::none;
  protocol::poll_status status = protocol::poll_status::draft;
  bool revealed = false;
  std::map<participant_id, protocol::choice> ballots;
  std::vector<std::uint64_t> counts;           // per option; for a scale, counts[0..4] are 1..5
  std::map<std::string, std::uint64_t> words;  // word cloud
  std::map<argument_id, std::uint64_t> changed_by;
};

struct polls_state {
  std::vector<poll> polls;  // polls[id - 1]
};

namespace polls {
using commands = type_list<protocol::create_poll, protocol::create_oxford_poll, protocol::open_poll,
                           protocol::close_poll, protocol::reveal_poll, protocol::vote>;
using events = type_list<ev::poll_created, ev::poll_opened, ev::poll_closed, ev::poll_revealed, ev::ballot_cast>;
}  // namespace polls

decision decide(const state& s, const context& c, const protocol::create_poll& x);
decision decide(const state& s, const context& c, const protocol::create_oxford_poll& x);
decision decide(const state& s, const context& c, const protocol::open_poll& x);
decision decide(const state& s, const context& c, const protocol::close_poll& x);
decision decide(const state& s, const context& c, const protocol::reveal_poll& x);
decision decide(const state& s, const context& c, const protocol::vote& x);

void apply(state& s, const event& e, const ev::poll_created& x);
void apply(state& s, const event& e, const ev::poll_opened& x);
void apply(state& s, const event& e, const ev::poll_closed& x);
void apply(state& s, const event& e, const ev::poll_revealed& x);
void apply(state& s, const event& e, const ev::ballot_cast& x);

protocol::data::poll_created view_of(const state& s, const ev::poll_created& x, view v);
protocol::data::poll_changed view_of(const state& s, const ev::poll_opened& x, view v);
protocol::data::poll_changed view_of(const state& s, const ev::poll_closed& x, view v);
protocol::data::poll_changed view_of(const state& s, const ev::poll_revealed& x, view v);

protocol::ack_result result_of(const state& after, const protocol::create_poll& x, const std::vector<event>& produced);
protocol::ack_result result_of(const state& after, const protocol::create_oxford_poll& x,
                               const std::vector<event>& produced);

protocol::wire::tally tally_of(const poll& p);
protocol::wire::poll poll_view(const poll& p, view v);
// The Oxford result once both votes exist and the after vote is closed; nullopt otherwise.
std::optional<protocol::wire::oxford_result> oxford_result(const state& s);
void add_polls(protocol::snapshot& out, const state& s, view v, std::optional<participant_id> me);

}  // namespace tribune::engine
