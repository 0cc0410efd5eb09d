#pragma once
// The `data` of every event message, one shape per kind of change, grouped by feature. Which
// shape an event takes, and what each view sees in it, is the engine's business (its slices'
// views); how a shape is written is the codec's (event_data.cpp).
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "protocol/wire.hpp"

namespace tribune::protocol::data {

using wire::json;

// ---- the debate and its people ----
struct debate_created {
  wire::debate debate;
};
struct participant_joined {
  wire::participant_ref participant;
  std::optional<std::string> flag;  // moderator view: the word that flagged the name
};
using participant_erased = participant_joined;  // the participant, now named "Guest N"
struct nothing {};                              // links_rotated: the change itself is the news

// ---- questions and moderation ----
struct pending_question_ref {  // the public view of a pending question: its id only
  question_id id = 0;
};
struct question_asked {
  std::variant<pending_question_ref, wire::question> question;
};
struct question_changed {
  wire::question question;
};
struct question_dismissed {
  question_id question = 0;
  std::optional<std::string> reason;  // moderator view
  wire::log_entry entry;
};
struct question_merged {
  question_id question = 0;
  question_id into = 0;
  std::size_t votes = 0;  // `into`'s upvotes, the merged question's added
  wire::log_entry entry;
};
struct question_ref {
  question_id question = 0;
};
struct question_pinned {
  question_id question = 0;
  bool pinned = false;
};
struct on_air_changed {
  std::optional<question_id> question;
};
struct upvote_changed {
  question_id question = 0;
  std::size_t votes = 0;
  std::optional<participant_id> participant;  // moderator view
  std::optional<bool> on;                     // moderator view
};
struct participant_muted {
  participant_id participant = 0;
  bool muted = false;
  wire::log_entry entry;
};
struct participant_banned {
  participant_id participant = 0;
  wire::log_entry entry;
};
struct moderation_changed {
  bool is_private = false;
  wire::log_entry entry;
};

// ---- reactions ----
struct reactions_recorded {
  reaction_counts counts{};
};

// ---- the stage ----
struct format_set {
  wire::run_of_show run_of_show;
};
struct panelist_added {
  wire::panelist panelist;
};
// A segment started (which ends the turn of whoever had the floor), the show paused or resumed.
struct show_changed {
  wire::show show;
  std::optional<wire::talk_time> talk_time;  // moderator view, when a segment started
};
struct show_ended {
  wire::show show;
  std::optional<wire::oxford_result> oxford;
  std::optional<wire::talk_time> talk_time;  // moderator view
};
struct panelist_stage_changed {
  wire::panelist panelist;
  wire::show show;
  std::vector<wire::hand> hands;
  std::optional<wire::talk_time> talk_time;  // moderator view, when a panelist left the stage
};
struct floor_changed {
  wire::show show;
  std::vector<wire::hand> hands;
  std::optional<wire::talk_time> talk_time;  // moderator view
};
struct hands_changed {
  std::vector<wire::hand> hands;
};
struct seats_changed {
  participant_id participant = 0;
  wire::seats seats;
  wire::show show;
  std::optional<wire::talk_time> talk_time;  // moderator view, when someone was unseated
};

// ---- arguments ----
struct argument_posted {
  std::variant<wire::pending_argument, wire::argument> argument;
};
struct argument_changed {
  wire::argument argument;
};
struct argument_dismissed {
  argument_id argument = 0;
  std::optional<std::string> reason;  // moderator view
  wire::log_entry entry;
};
struct argument_featured {
  std::optional<argument_id> argument;
};
struct argument_ref {
  argument_id argument = 0;
};

// ---- polls ----
struct poll_created {
  wire::poll poll;
};
struct poll_changed {
  wire::poll poll;
  std::optional<wire::oxford_result> oxford;
};

void to_json(json& j, const debate_created& v);
void to_json(json& j, const participant_joined& v);
void to_json(json& j, const nothing& v);
void to_json(json& j, const question_asked& v);
void to_json(json& j, const question_changed& v);
void to_json(json& j, const question_dismissed& v);
void to_json(json& j, const question_merged& v);
void to_json(json& j, const question_ref& v);
void to_json(json& j, const question_pinned& v);
void to_json(json& j, const on_air_changed& v);
void to_json(json& j, const upvote_changed& v);
void to_json(json& j, const participant_muted& v);
void to_json(json& j, const participant_banned& v);
void to_json(json& j, const moderation_changed& v);
void to_json(json& j, const reactions_recorded& v);
void to_json(json& j, const format_set& v);
void to_json(json& j, const panelist_added& v);
void to_json(json& j, const show_changed& v);
void to_json(json& j, const show_ended& v);
void to_json(json& j, const panelist_stage_changed& v);
void to_json(json& j, const floor_changed& v);
void to_json(json& j, const hands_changed& v);
void to_json(json& j, const seats_changed& v);
void to_json(json& j, const argument_posted& v);
void to_json(json& j, const argument_changed& v);
void to_json(json& j, const argument_dismissed& v);
void to_json(json& j, const argument_featured& v);
void to_json(json& j, const argument_ref& v);
void to_json(json& j, const poll_created& v);
void to_json(json& j, const poll_changed& v);

}  // namespace tribune::protocol::data
