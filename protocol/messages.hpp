#pragma once
// Everything the server sends over the WebSocket, encoded here and nowhere else: welcome, ack,
// error, time, event, snapshot, tallies and reactions. Each encoder returns the message's text,
// one JSON object without a newline, ready to be shared by every connection that receives it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "protocol/backstage.hpp"
#include "protocol/errors.hpp"
#include "protocol/event_data.hpp"
#include "protocol/predictions.hpp"
#include "protocol/quiz.hpp"
#include "protocol/team.hpp"
#include "protocol/wire.hpp"

namespace tribune::protocol {

// ---- welcome ----
struct panelist_identity {
  panelist_id id = 0;
  std::string name;
  side stance = side::none;
  panel_role role = panel_role::guest;
  std::vector<wire::cue> cues;  // the cues sent to this panelist not yet acknowledged
};
struct welcome {
  seq_t seq = 0;
  role as = role::audience;
  std::string debate;
  bool resume_by_events = false;  // false: a snapshot follows
  std::optional<wire::participant_ref> participant;
  std::optional<panelist_identity> panelist;
  std::optional<wire::moderator> moderator;  // a moderator's own link and name
  std::int64_t server_time = 0;
};
std::string encode_welcome(const welcome& w);

// ---- acks and errors ----
namespace result {
struct none {};
struct question_asked {
  question_id question = 0;
};
struct votes {
  std::size_t votes = 0;
};
struct changed {
  std::size_t changed = 0;  // how many items a bulk command changed
};
struct joined {
  participant_id participant = 0;
  std::string name;
};
struct argument_posted {
  argument_id argument = 0;
  bool published = false;
};
struct poll_created {
  poll_id poll = 0;
};
struct prediction_created {
  prediction_id prediction = 0;
};
struct quiz_question_started {
  quiz_question_id quiz_question = 0;
};
struct quiz_answered {  // the points it earns if right
  quiz_question_id quiz_question = 0;
  std::uint32_t choice = 0;
  std::uint32_t points = 0;
};
struct panelist_added {
  panelist_id panelist = 0;
  std::string name;
};
struct moderator_added {  // the organizer's, over REST only
  moderator_id moderator = 0;
  std::string name;
};
struct duplicate {};  // a retried command, applied once already
}  // namespace result
using ack_result =
    std::variant<result::none, result::question_asked, result::votes, result::changed, result::joined,
                 result::argument_posted, result::poll_created, result::panelist_added, result::prediction_created,
                 result::quiz_question_started, result::quiz_answered, result::moderator_added, result::duplicate>;

std::string encode_ack(const nlohmann::json& id, seq_t seq, const ack_result& r);
std::string encode_error(const nlohmann::json& id, seq_t seq, const error& err);
std::string encode_time(const nlohmann::json& id, seq_t seq, std::int64_t server_time);

// ---- events ----
struct event_header {
  seq_t seq = 0;
  seq_t prev = 0;  // the previous event this view was sent
  std::int64_t at = 0;
  std::string_view name;
  std::string_view by;  // the name of the moderator who acted, where the view may say it; empty: none
};
std::string encode_event(const event_header& h, const nlohmann::json& data);
template <class Data>
std::string encode_event(const event_header& h, const Data& data) {
  return encode_event(h, nlohmann::json(data));
}

// ---- the whole state ----
// The contact an audience member left, and the consents it was left with.
struct my_contact {
  std::string contact;
  bool brand = false;
  bool sponsor = false;
  std::int64_t at = 0;
};
struct me {
  participant_id id = 0;
  std::string name;
  bool muted = false;
  bool banned = false;
  std::vector<question_id> votes;
  std::vector<wire::question> questions;  // own questions, in any status
  std::vector<wire::argument> arguments;  // own arguments still pending
  std::map<argument_id, rating> ratings;
  std::map<poll_id, choice> ballots;
  std::map<prediction_id, std::uint32_t> predictions;  // the outcome each was given
  std::map<quiz_question_id, my_quiz_answer> quiz{};
  bool seated = false;
  std::optional<my_contact> contact;
};
struct snapshot {
  seq_t seq = 0;
  wire::debate debate;
  bool moderation_private = false;
  std::vector<wire::question> questions;
  std::size_t pending_count = 0;
  std::optional<question_id> on_air;
  std::vector<wire::log_entry> log;
  reaction_counts reactions{};
  std::optional<me> mine;                                          // an audience member's own view
  std::optional<std::vector<wire::participant_row>> participants;  // moderator view
  wire::run_of_show run_of_show;
  wire::show show;
  std::vector<wire::panelist> panelists;
  std::vector<wire::hand> hands;
  wire::seats seats;
  std::vector<wire::argument> arguments;
  std::optional<argument_id> featured_argument;
  std::vector<wire::poll> polls;
  std::vector<wire::prediction> predictions;
  std::vector<wire::quiz_question> quiz{};
  wire::leaderboard quiz_leaderboard{};
  std::optional<wire::oxford_result> oxford;
  std::optional<wire::talk_time> talk_time;  // moderator view
  std::optional<wire::backstage> backstage;  // moderator view
  std::optional<wire::team> team;            // moderator view
};
std::string encode_snapshot(const snapshot& s);
// The snapshot's `state` object alone (a report and a replay carry it too).
nlohmann::json snapshot_state_json(const snapshot& s);

// ---- coalesced figures ----
struct poll_figures {
  std::size_t ballots = 0;
  std::optional<wire::tally> figures;  // public view: once revealed
};
struct tallies {
  seq_t seq = 0;
  std::map<poll_id, poll_figures> polls;
  std::map<argument_id, wire::figures> arguments;
  prediction_counts predictions;  // written only when some changed
  quiz_answer_counts quiz{};      // written only when some changed
};
std::string encode_tallies(const tallies& t);

struct reactions {
  seq_t seq = 0;
  reaction_counts totals{};
  reaction_counts recent{};  // the last few seconds: a meter
};
std::string encode_reactions(const reactions& r);

}  // namespace tribune::protocol
