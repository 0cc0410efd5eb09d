#pragma once
// Audience questions and their moderation: asking (at most a few a minute each), upvoting, the
// moderator's queue (approve, dismiss with a public reason, answer, pin, put on air), muting and
// banning people, and the public moderation log, whose details the organizer may make private.
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types.hpp"
#include "protocol/event_data.hpp"
#include "protocol/messages.hpp"

namespace tribune::engine {

// A question or an argument a visitor of the debate's channel topic sent before the show, by their
// channel name; it reaches the moderator's queue as a question when the show opens.
struct sent_before {
  std::string by;  // empty: asked in the room
  bool argument = false;
  protocol::side stance = protocol::side::none;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(sent_before, by, argument, stance)

namespace ev {
// `author` 0 for a question sent before the show (`before`).
struct question_asked {
  static constexpr std::string_view name = "question_asked";
  question_id question = 0;
  participant_id author = 0;
  std::string text;
  bool anonymous = false;
  sent_before before;
  std::string flag{};  // the word of the debate's list the text holds (flags/), empty for none
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
// A duplicate merged into `into`: dismissed, its upvotes now count for `into`.
struct question_merged {
  static constexpr std::string_view name = "question_merged";
  question_id question = 0;
  question_id into = 0;
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
// Records written before questions could be sent before the show have no `before`.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(question_asked, question, author, text, anonymous, before, flag)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_approved, question)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_dismissed, question, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_merged, question, into)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_answered, question)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_pinned, question, pinned)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(on_air_changed, question)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(upvote_changed, question, participant, on)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_muted, participant, muted)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_banned, participant, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(moderation_visibility_changed, is_private)
}  // namespace ev

namespace cmd {
struct set_moderation_private {
  bool is_private = false;
};
// The server brings the questions and arguments sent before the show into the moderator's queue
// (the organizer acts), each as a pending question.
struct import_advance {
  struct item {
    std::string text;
    sent_before before;
  };
  std::vector<item> items;
};
}  // namespace cmd

struct question {
  question_id id = 0;
  participant_id author = 0;  // 0: sent before the show
  std::string text;
  bool anonymous = false;
  sent_before before;
  protocol::question_status status = protocol::question_status::pending;
  bool pinned = false;
  std::int64_t asked_at = 0;
  std::string dismiss_reason;
  std::set<participant_id> voters;
  std::string flag;        // flags/: what flagged it, for the moderators
  segment_id segment = 0;  // the segment running when it was asked; 0: before the show or between

  // Approved or answered: on the public queue, open to upvotes.
  [[nodiscard]] bool open() const {
    return status == protocol::question_status::approved || status == protocol::question_status::answered;
  }
};

// One line of the public moderation log. The log keeps what happened; how much of it the public
// sees follows the room's current privacy setting (log_view).
struct log_entry {
  seq_t seq = 0;
  std::int64_t at = 0;
  protocol::moderation_action action = protocol::moderation_action::dismissed;
  question_id question = 0;        // 0 when the entry is not about a question
  argument_id argument = 0;        // 0 when the entry is not about an argument
  participant_id participant = 0;  // 0 when the entry is not about a participant
  std::string reason;
  question_id into = 0;           // a merge: the question the merged one now counts for
  protocol::moderator_id by = 0;  // the moderator who acted (event::by)
};

struct questions_state {
  std::vector<question> questions;  // questions[id - 1]
  std::optional<question_id> on_air;
  std::size_t pending_count = 0;
  bool moderation_private = false;
  std::vector<log_entry> log;
  // When each participant last asked, newest last, as many as the rate allows.
  std::map<participant_id, std::deque<std::int64_t>> recent_asks;
};

namespace questions {
using commands =
    type_list<protocol::ask, protocol::upvote, protocol::approve, protocol::dismiss, protocol::moderate_questions,
              protocol::merge_questions, protocol::mark_answered, protocol::pin, protocol::put_on_air, protocol::mute,
              protocol::ban, cmd::set_moderation_private, cmd::import_advance>;
using events = type_list<ev::question_asked, ev::question_approved, ev::question_dismissed, ev::question_merged,
                         ev::question_answered, ev::question_pinned, ev::on_air_changed, ev::upvote_changed,
                         ev::participant_muted, ev::participant_banned, ev::moderation_visibility_changed>;
}  // namespace questions

decision decide(const state& s, const context& c, const protocol::ask& x);
decision decide(const state& s, const context& c, const protocol::upvote& x);
decision decide(const state& s, const context& c, const protocol::approve& x);
decision decide(const state& s, const context& c, const protocol::dismiss& x);
// Approves or dismisses many questions as one command: all of them exist, or nothing changes.
decision decide(const state& s, const context& c, const protocol::moderate_questions& x);
// Merges duplicates into one question: all of them exist and `into` is not dismissed, or nothing
// changes; a duplicate on air leaves the air first.
decision decide(const state& s, const context& c, const protocol::merge_questions& x);
decision decide(const state& s, const context& c, const protocol::mark_answered& x);
decision decide(const state& s, const context& c, const protocol::pin& x);
decision decide(const state& s, const context& c, const protocol::put_on_air& x);
decision decide(const state& s, const context& c, const protocol::mute& x);
decision decide(const state& s, const context& c, const protocol::ban& x);
decision decide(const state& s, const context& c, const cmd::set_moderation_private& x);
decision decide(const state& s, const context& c, const cmd::import_advance& x);

void apply(state& s, const event& e, const ev::question_asked& x);
void apply(state& s, const event& e, const ev::question_approved& x);
void apply(state& s, const event& e, const ev::question_dismissed& x);
void apply(state& s, const event& e, const ev::question_merged& x);
void apply(state& s, const event& e, const ev::question_answered& x);
void apply(state& s, const event& e, const ev::question_pinned& x);
void apply(state& s, const event& e, const ev::on_air_changed& x);
void apply(state& s, const event& e, const ev::upvote_changed& x);
void apply(state& s, const event& e, const ev::participant_muted& x);
void apply(state& s, const event& e, const ev::participant_banned& x);
void apply(state& s, const event& e, const ev::moderation_visibility_changed& x);

protocol::data::question_asked view_of(const state& s, const ev::question_asked& x, view v);
protocol::data::question_changed view_of(const state& s, const ev::question_approved& x, view v);
protocol::data::question_dismissed view_of(const state& s, const ev::question_dismissed& x, view v);
protocol::data::question_merged view_of(const state& s, const ev::question_merged& x, view v);
protocol::data::question_ref view_of(const state& s, const ev::question_answered& x, view v);
protocol::data::question_pinned view_of(const state& s, const ev::question_pinned& x, view v);
protocol::data::on_air_changed view_of(const state& s, const ev::on_air_changed& x, view v);
protocol::data::upvote_changed view_of(const state& s, const ev::upvote_changed& x, view v);
protocol::data::participant_muted view_of(const state& s, const ev::participant_muted& x, view v);
protocol::data::participant_banned view_of(const state& s, const ev::participant_banned& x, view v);
protocol::data::moderation_changed view_of(const state& s, const ev::moderation_visibility_changed& x, view v);

protocol::ack_result result_of(const state& after, const protocol::ask& x, const std::vector<event>& produced);
protocol::ack_result result_of(const state& after, const protocol::upvote& x, const std::vector<event>& produced);
protocol::ack_result result_of(const state& after, const protocol::moderate_questions& x,
                               const std::vector<event>& produced);
protocol::ack_result result_of(const state& after, const protocol::merge_questions& x,
                               const std::vector<event>& produced);

// Adds one line to the moderation log (used by every slice that moderates something).
void add_log(state& s, const event& e, protocol::moderation_action action, log_entry about);
// A line of the log as a view shows it.
protocol::wire::log_entry log_view(const state& s, const log_entry& entry, view v);
protocol::wire::question question_view(const state& s, const question& q, view v);
void add_questions(protocol::snapshot& out, const state& s, view v, std::optional<participant_id> me);

}  // namespace tribune::engine
