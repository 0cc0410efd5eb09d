#pragma once
// The debate engine, in the decider shape: decide(state, context, command) → events | rejection;
// evolve(state, event) → state; and the views: what each role is sent of a committed event, of the
// whole state, of the figures that change with every vote. Pure: no I/O, clock or randomness —
// time and fresh credentials arrive inside commands and contexts.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/decision.hpp"
#include "engine/state.hpp"

namespace tribune::engine {

using all_commands = concat<debate::commands, questions::commands, reactions::commands, stage::commands,
                            arguments::commands, polls::commands, privacy::commands, backstage::commands,
                            predictions::commands, quiz::commands, team::commands, flags::commands>::type;
using command = variant_of<all_commands>::type;

// The command a client's message asks for; nullopt for messages that are not commands of the
// debate (hello, time, react).
std::optional<command> to_command(protocol::client_body body);

// Every permission of the product is checked here; the server only proves who the actor is.
decision decide(const state& s, const context& c, const command& cmd);

// Which moderator link a command's events are signed with (event::by): the actor's own when it is a
// moderator, 0 for anyone else.
inline protocol::moderator_id signed_by(const actor& who) noexcept {
  return who.role == protocol::role::moderator ? who.moderator : 0;
}

// Applies one event. Events are facts: evolve never refuses one, and the same events always fold
// to the same state.
void evolve(state& s, const event& e);

// The ack's `result` for a command whose events are `produced`, in the state after them.
protocol::ack_result result_of(const state& after, const command& cmd, const std::vector<event>& produced);

// ---- views ----

// The event message for a committed event, in state `after` (once the event applied). `prev` is
// the seq of the previous event this view was sent (see coalesced()).
std::string encode_event(const state& after, const event& e, view v, seq_t prev);
std::string encode_event(const state& after, const event& e, view v);

// Events not sent one by one: ballots and ratings, whose effect reaches clients only through
// coalesced `tallies` (one message per ballot to every screen would not scale with the audience),
// and a contact left, which is nobody's news. `mark` notes which
// figures such an event changed.
bool coalesced(const event_body& body);
struct tally_marks {
  std::set<poll_id> polls;
  std::set<argument_id> arguments;
  std::set<prediction_id> predictions;
  std::set<quiz_question_id> quiz{};
  bool empty() const noexcept { return polls.empty() && arguments.empty() && predictions.empty() && quiz.empty(); }
};
void mark(tally_marks& marks, const event_body& body);
// Every poll and argument: what a client that missed ballots needs.
tally_marks all_figures(const state& s);
std::string encode_tallies(const state& s, view v, const tally_marks& changed);

// Backstage events (backstage/): the public view never receives them; moderators do, and a cue
// also reaches the one panelist it is addressed to (addressee(), 0 for none).
bool backstage_only(const event_body& body);
// Whether some staff link stops working after this event (replaced or removed).
bool cuts_links(const event_body& body);
panelist_id addressee(const state& s, const event_body& body);

// The whole state as one `snapshot` message for a viewer; `me` names an audience participant.
std::string encode_snapshot(const state& s, view v, std::optional<participant_id> me);
// The snapshot a hello without `last_seq` brings to `who`: their view, and `me` for an audience
// member.
std::string encode_snapshot_for(const state& s, const actor& who);
// The same, before encoding (a report and a replay carry it).
protocol::snapshot snapshot_of(const state& s, view v, std::optional<participant_id> me);

// Which view an actor receives.
view view_for(const actor& who) noexcept;

// ---- who is who ----

// The credential a token's selector names in this debate, and who holds it; nullopt when none.
struct holder {
  actor who;
  const credential* cred = nullptr;
};
std::optional<holder> find_holder(const state& s, std::string_view selector);

// The identity part of a welcome for `who` (the server adds seq, resume and time).
protocol::welcome welcome_for(const state& s, const actor& who);

// The run of show of each template, as GET /api/formats shows it.
std::vector<protocol::wire::run_of_show> format_catalog();

}  // namespace tribune::engine
