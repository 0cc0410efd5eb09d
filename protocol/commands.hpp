#pragma once
// The commands a client sends over the WebSocket, grouped by feature. Each names its wire `type`
// and reads its own fields with the protocol's bounds (`read`); decode() picks the one whose type
// the frame names. Whether a command is allowed in the current state is the engine's decision.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "protocol/backstage.hpp"
#include "protocol/fields.hpp"
#include "protocol/ids.hpp"
#include "protocol/limits.hpp"
#include "protocol/predictions.hpp"
#include "protocol/quiz.hpp"
#include "protocol/terms.hpp"

namespace tribune::protocol {

// ---- the connection ----
struct hello {
  static constexpr std::string_view type = "hello";
  std::string debate;
  std::string token;
  std::optional<seq_t> last_seq;
  static hello read(const fields& f);
};
struct time_sync {
  static constexpr std::string_view type = "time";
  static time_sync read(const fields&) { return {}; }
};

// ---- questions and moderation ----
struct ask {
  static constexpr std::string_view type = "ask";
  std::string text;
  bool anonymous = false;
  static ask read(const fields& f) {
    return {f.text("text", {max_question_chars, false, true}), f.flag("anonymous", false)};
  }
};
struct upvote {
  static constexpr std::string_view type = "upvote";
  question_id question = 0;
  bool on = true;
  static upvote read(const fields& f) { return {f.id<question_id>("question", parse_question), f.flag("on")}; }
};
struct approve {
  static constexpr std::string_view type = "approve";
  question_id question = 0;
  static approve read(const fields& f) { return {f.id<question_id>("question", parse_question)}; }
};
struct dismiss {
  static constexpr std::string_view type = "dismiss";
  question_id question = 0;
  std::string reason;
  static dismiss read(const fields& f) {
    return {f.id<question_id>("question", parse_question), f.text("reason", {max_reason_chars})};
  }
};
// Many questions at once, as one command: approve the pending ones, or dismiss them with one
// public reason (`reason` required then). Questions already in that state are left as they are.
enum class bulk_action : std::uint8_t { approve, dismiss };
NLOHMANN_JSON_SERIALIZE_ENUM(bulk_action, {{bulk_action::approve, "approve"}, {bulk_action::dismiss, "dismiss"}})
struct moderate_questions {
  static constexpr std::string_view type = "moderate_questions";
  std::vector<question_id> questions;  // distinct, in the order given
  bulk_action action = bulk_action::approve;
  std::string reason;
  static moderate_questions read(const fields& f);
};
// Duplicates merged into one question: each is dismissed as merged, and its upvotes count for
// `into` (one each per person). Questions already dismissed are left as they are.
struct merge_questions {
  static constexpr std::string_view type = "merge_questions";
  question_id into = 0;
  std::vector<question_id> questions;  // distinct, none of them `into`, in the order given
  static merge_questions read(const fields& f);
};
struct mark_answered {
  static constexpr std::string_view type = "mark_answered";
  question_id question = 0;
  static mark_answered read(const fields& f) { return {f.id<question_id>("question", parse_question)}; }
};
struct pin {
  static constexpr std::string_view type = "pin";
  question_id question = 0;
  bool pinned = true;
  static pin read(const fields& f) { return {f.id<question_id>("question", parse_question), f.flag("pinned")}; }
};
struct put_on_air {
  static constexpr std::string_view type = "put_on_air";
  std::optional<question_id> question;  // nullopt clears the stage
  static put_on_air read(const fields& f);
};
struct mute {
  static constexpr std::string_view type = "mute";
  participant_id participant = 0;
  bool muted = true;
  static mute read(const fields& f) {
    return {f.id<participant_id>("participant", parse_participant), f.flag("muted")};
  }
};
struct ban {
  static constexpr std::string_view type = "ban";
  participant_id participant = 0;
  std::string reason;
  static ban read(const fields& f) {
    return {f.id<participant_id>("participant", parse_participant), f.text("reason", {max_reason_chars})};
  }
};

// ---- what an audience member leaves of themselves ----
// A contact, kept only with a consent to be contacted: by the brand, the sponsor, or both.
struct leave_contact {
  static constexpr std::string_view type = "leave_contact";
  std::string contact;
  bool brand = false;
  bool sponsor = false;
  static leave_contact read(const fields& f);
};
struct erase_me {
  static constexpr std::string_view type = "erase_me";
  static erase_me read(const fields&) { return {}; }
};

// ---- reactions ----
struct react {
  static constexpr std::string_view type = "react";
  reaction_kind kind = reaction_kind::applause;
  static react read(const fields& f) { return {f.word<reaction_kind>("kind")}; }
};

// ---- the stage: run of show, floor and seats ----
struct start_show {
  static constexpr std::string_view type = "start_show";
  static start_show read(const fields&) { return {}; }
};
struct advance {
  static constexpr std::string_view type = "advance";
  static advance read(const fields&) { return {}; }
};
struct pause {
  static constexpr std::string_view type = "pause";
  static pause read(const fields&) { return {}; }
};
struct resume {
  static constexpr std::string_view type = "resume";
  static resume read(const fields&) { return {}; }
};
struct end_show {
  static constexpr std::string_view type = "end_show";
  static end_show read(const fields&) { return {}; }
};
struct set_on_stage {
  static constexpr std::string_view type = "set_on_stage";
  panelist_id panelist = 0;
  bool on = true;
  static set_on_stage read(const fields& f) { return {f.id<panelist_id>("panelist", parse_panelist), f.flag("on")}; }
};
struct grant_floor {
  static constexpr std::string_view type = "grant_floor";
  speaker who;
  std::optional<std::uint32_t> seconds;  // default: the segment's turn length
  static grant_floor read(const fields& f);
};
struct extend_floor {
  static constexpr std::string_view type = "extend_floor";
  std::uint32_t seconds = 30;
  static extend_floor read(const fields& f) { return {f.number("seconds", 1, max_extend_seconds)}; }
};
// The current segment runs `minutes` longer (its end, its countdown and, in automatic mode, the
// moment the next one starts move with it).
struct extend_segment {
  static constexpr std::string_view type = "extend_segment";
  std::uint32_t minutes = 1;
  static extend_segment read(const fields& f) { return {f.number("minutes", 1, max_extend_segment_minutes)}; }
};
// A segment still to come moves to the place of another still to come: the run of show reordered.
struct move_segment {
  static constexpr std::string_view type = "move_segment";
  segment_id segment = 0;
  segment_id to = 0;
  static move_segment read(const fields& f);
};
struct end_floor {
  static constexpr std::string_view type = "end_floor";
  static end_floor read(const fields&) { return {}; }
};
struct raise_hand {
  static constexpr std::string_view type = "raise_hand";
  lane in = lane::new_point;
  static raise_hand read(const fields& f) { return {f.word<lane>("lane", lane::new_point)}; }
};
struct lower_hand {
  static constexpr std::string_view type = "lower_hand";
  static lower_hand read(const fields&) { return {}; }
};
struct request_seat {
  static constexpr std::string_view type = "request_seat";
  static request_seat read(const fields&) { return {}; }
};
struct cancel_seat_request {
  static constexpr std::string_view type = "cancel_seat_request";
  static cancel_seat_request read(const fields&) { return {}; }
};
struct seat {
  static constexpr std::string_view type = "seat";
  participant_id participant = 0;
  static seat read(const fields& f) { return {f.id<participant_id>("participant", parse_participant)}; }
};
struct unseat {
  static constexpr std::string_view type = "unseat";
  participant_id participant = 0;
  static unseat read(const fields& f) { return {f.id<participant_id>("participant", parse_participant)}; }
};

// ---- arguments ----
struct post_argument {
  static constexpr std::string_view type = "post_argument";
  std::string text;
  side stance = side::for_motion;
  std::optional<argument_id> parent;
  relation answers = relation::none;
  std::string source;  // empty, or an http(s) URL
  static post_argument read(const fields& f);
};
struct approve_argument {
  static constexpr std::string_view type = "approve_argument";
  argument_id argument = 0;
  static approve_argument read(const fields& f) { return {f.id<argument_id>("argument", parse_argument)}; }
};
struct dismiss_argument {
  static constexpr std::string_view type = "dismiss_argument";
  argument_id argument = 0;
  std::string reason;
  static dismiss_argument read(const fields& f) {
    return {f.id<argument_id>("argument", parse_argument), f.text("reason", {max_reason_chars})};
  }
};
struct feature_argument {
  static constexpr std::string_view type = "feature_argument";
  std::optional<argument_id> argument;  // nullopt clears the stage
  static feature_argument read(const fields& f);
};
struct mark_addressed {
  static constexpr std::string_view type = "mark_addressed";
  argument_id argument = 0;
  static mark_addressed read(const fields& f) { return {f.id<argument_id>("argument", parse_argument)}; }
};
struct rate_argument {
  static constexpr std::string_view type = "rate_argument";
  argument_id argument = 0;
  rating value = rating::pass;
  static rate_argument read(const fields& f) {
    return {f.id<argument_id>("argument", parse_argument), f.word<rating>("rating")};
  }
};

// ---- polls and the Oxford vote ----
struct create_poll {
  static constexpr std::string_view type = "create_poll";
  poll_kind kind = poll_kind::single;
  std::string question;
  std::vector<std::string> options;
  static create_poll read(const fields& f);
};
struct create_oxford_poll {
  static constexpr std::string_view type = "create_oxford_poll";
  oxford_phase phase = oxford_phase::before;
  static create_oxford_poll read(const fields& f);
};
struct open_poll {
  static constexpr std::string_view type = "open_poll";
  poll_id poll = 0;
  static open_poll read(const fields& f) { return {f.id<poll_id>("poll", parse_poll)}; }
};
struct close_poll {
  static constexpr std::string_view type = "close_poll";
  poll_id poll = 0;
  static close_poll read(const fields& f) { return {f.id<poll_id>("poll", parse_poll)}; }
};
struct reveal_poll {
  static constexpr std::string_view type = "reveal_poll";
  poll_id poll = 0;
  static reveal_poll read(const fields& f) { return {f.id<poll_id>("poll", parse_poll)}; }
};
// A ballot: an option index (single), indexes (multiple), 1-5 (scale) or a folded word.
using choice = std::variant<std::uint32_t, std::vector<std::uint32_t>, std::string>;
struct vote {
  static constexpr std::string_view type = "vote";
  poll_id poll = 0;
  choice pick;
  std::optional<argument_id> changed_by;
  static vote read(const fields& f);
};

using client_body =
    std::variant<hello, time_sync, ask, upvote, approve, dismiss, moderate_questions, merge_questions, mark_answered,
                 pin, put_on_air, mute, ban, react, start_show, advance, pause, resume, end_show, set_on_stage,
                 grant_floor, extend_floor, end_floor, raise_hand, lower_hand, request_seat, cancel_seat_request, seat,
                 unseat, post_argument, approve_argument, dismiss_argument, feature_argument, mark_addressed,
                 rate_argument, create_poll, create_oxford_poll, open_poll, close_poll, reveal_poll, vote,
                 leave_contact, erase_me, send_cue, acknowledge_cue, post_staff_message, create_prediction,
                 lock_prediction, resolve_prediction, cancel_prediction, predict, start_quiz_question,
                 close_quiz_question, answer_quiz, extend_segment, move_segment>;

}  // namespace tribune::protocol
