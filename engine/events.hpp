#pragma once
// Events: the facts a debate's log is made of, past tense. Each is stored as JSON (`to_record` /
// `from_record`) and shown to clients through views (views.hpp), never directly.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "protocol/ids.hpp"
#include "protocol/messages.hpp"
#include "protocol/terms.hpp"

namespace tribune::engine {

using protocol::argument_id;
using protocol::panelist_id;
using protocol::participant_id;
using protocol::poll_id;
using protocol::question_id;
using protocol::segment_id;
using protocol::seq_t;
using protocol::speaker;

// A capability: `selector` finds the credential, `verifier_hash` (hex of a keyed hash of the secret
// half) proves it. Only the hash is ever stored; the secret lives with whoever holds the link.
struct credential {
  std::string selector;
  std::string verifier_hash;
};

struct debate_info {
  std::string id;
  std::string code;
  std::string title;
  std::string motion;
  std::string description;
  std::int64_t created_at = 0;
};

// One step of the run of show.
struct segment_spec {
  std::string name;
  protocol::segment_kind kind = protocol::segment_kind::conversation;
  std::uint32_t minutes = 10;
  std::uint8_t speakers = 0;  // protocol::may_speak bits
  std::uint8_t audience = 0;  // protocol::audience_may bits
  std::uint32_t speaker_seconds = 120;
};

namespace ev {

struct debate_created {
  static constexpr std::string_view name = "debate_created";
  debate_info debate;
  credential moderator;
  credential stage;
};
struct participant_joined {
  static constexpr std::string_view name = "participant_joined";
  participant_id participant = 0;
  std::string display_name;
  credential cred;
};
struct question_asked {
  static constexpr std::string_view name = "question_asked";
  question_id question = 0;
  participant_id author = 0;
  std::string text;
  bool anonymous = false;
};
struct question_approved {
  static constexpr std::string_view name = "question_approved";
  question_id question = 0;
};
struct question_dismissed {
  static constexpr std::string_view name = "question_dismissed";
  question_id question = 0;
  std::string reason;
};
struct question_answered {
  static constexpr std::string_view name = "question_answered";
  question_id question = 0;
};
struct question_pinned {
  static constexpr std::string_view name = "question_pinned";
  question_id question = 0;
  bool pinned = true;
};
struct on_air_changed {
  static constexpr std::string_view name = "on_air_changed";
  std::optional<question_id> question;
};
struct upvote_changed {
  static constexpr std::string_view name = "upvote_changed";
  question_id question = 0;
  participant_id participant = 0;
  bool on = true;
};
struct participant_muted {
  static constexpr std::string_view name = "participant_muted";
  participant_id participant = 0;
  bool muted = true;
};
struct participant_banned {
  static constexpr std::string_view name = "participant_banned";
  participant_id participant = 0;
  std::string reason;
};
struct moderation_visibility_changed {
  static constexpr std::string_view name = "moderation_visibility_changed";
  bool is_private = false;
};
struct links_rotated {
  static constexpr std::string_view name = "links_rotated";
  credential moderator;
  credential stage;
};
struct reactions_recorded {
  static constexpr std::string_view name = "reactions_recorded";
  protocol::reaction_counts counts{};
};

// The structured debate: format, stage, arguments and polls.
struct format_set {
  static constexpr std::string_view name = "format_set";
  std::string format;
  std::vector<segment_spec> segments;
  std::uint32_t seats = 0;  // fishbowl seats on stage, panelists included
};
struct panelist_added {
  static constexpr std::string_view name = "panelist_added";
  panelist_id panelist = 0;
  std::string display_name;
  protocol::panel_role role = protocol::panel_role::guest;
  protocol::side side = protocol::side::none;
  credential cred;
};
struct segment_started {
  static constexpr std::string_view name = "segment_started";
  segment_id segment = 0;
};
struct show_paused {
  static constexpr std::string_view name = "show_paused";
};
struct show_resumed {
  static constexpr std::string_view name = "show_resumed";
};
struct show_ended {
  static constexpr std::string_view name = "show_ended";
};
struct panelist_stage_changed {
  static constexpr std::string_view name = "panelist_stage_changed";
  panelist_id panelist = 0;
  bool on = true;
};
struct floor_granted {
  static constexpr std::string_view name = "floor_granted";
  speaker who;
  std::int64_t allotted_ms = 0;
};
struct floor_extended {
  static constexpr std::string_view name = "floor_extended";
  std::int64_t ms = 0;
};
struct floor_ended {
  static constexpr std::string_view name = "floor_ended";
  speaker who;
};
struct hand_raised {
  static constexpr std::string_view name = "hand_raised";
  speaker who;
  protocol::lane in = protocol::lane::new_point;
};
struct hand_lowered {
  static constexpr std::string_view name = "hand_lowered";
  speaker who;
};
struct seat_requested {
  static constexpr std::string_view name = "seat_requested";
  participant_id participant = 0;
};
struct seat_request_cancelled {
  static constexpr std::string_view name = "seat_request_cancelled";
  participant_id participant = 0;
};
struct participant_seated {
  static constexpr std::string_view name = "participant_seated";
  participant_id participant = 0;
};
struct participant_unseated {
  static constexpr std::string_view name = "participant_unseated";
  participant_id participant = 0;
};
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
struct argument_rated {
  static constexpr std::string_view name = "argument_rated";
  argument_id argument = 0;
  participant_id participant = 0;
  protocol::rating value = protocol::rating::pass;
};
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
struct ballot_cast {
  static constexpr std::string_view name = "ballot_cast";
  poll_id poll = 0;
  participant_id participant = 0;
  protocol::choice pick;
  argument_id changed_by = 0;
};

}  // namespace ev

using event_body = std::variant<
    ev::debate_created, ev::participant_joined, ev::question_asked, ev::question_approved, ev::question_dismissed,
    ev::question_answered, ev::question_pinned, ev::on_air_changed, ev::upvote_changed, ev::participant_muted,
    ev::participant_banned, ev::moderation_visibility_changed, ev::links_rotated, ev::reactions_recorded,
    ev::format_set, ev::panelist_added, ev::segment_started, ev::show_paused, ev::show_resumed, ev::show_ended,
    ev::panelist_stage_changed, ev::floor_granted, ev::floor_extended, ev::floor_ended, ev::hand_raised,
    ev::hand_lowered, ev::seat_requested, ev::seat_request_cancelled, ev::participant_seated, ev::participant_unseated,
    ev::argument_posted, ev::argument_approved, ev::argument_dismissed, ev::argument_featured, ev::argument_addressed,
    ev::argument_rated, ev::poll_created, ev::poll_opened, ev::poll_closed, ev::poll_revealed, ev::ballot_cast>;

struct event {
  seq_t seq = 0;
  std::int64_t at = 0;  // milliseconds since the epoch, from the command
  event_body body;
  // On the last event of a command sent with an idempotency key: that key, scoped to its sender
  // ("<actor>/<key>"). Empty otherwise. Never shown to clients.
  std::string key;
};

std::string_view event_name(const event_body& body) noexcept;

// Storage form: the event's name and a JSON body holding every field (credentials included).
struct event_record {
  seq_t seq = 0;
  std::int64_t at = 0;
  std::string type;
  std::string body;
  std::string key;  // see event::key
};

event_record to_record(const event& e);
// Throws std::runtime_error on a record this version cannot read (a corrupt or newer log).
event from_record(const event_record& r);

}  // namespace tribune::engine
