#pragma once
// A brand's channel before the show: an aggregate of its own, with its own stream of events
// (ADR 0009). Anyone with the channel's link gets an anonymous identity, proposes topics and gives
// an opinion on them; the organizer answers every proposal in public (accept, decline with a
// reason, merge into another topic). Pure and deterministic like the debate's slices: decide(state,
// context, command) → events | rejection; evolve(state, event); the views each role is shown.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/channel/events.hpp"
#include "engine/events.hpp"
#include "engine/flags/flags.hpp"
#include "engine/types.hpp"
#include "protocol/channels.hpp"
#include "protocol/preparation.hpp"

namespace tribune::engine::channel {

// A member of a topic's debate, as the server proved it on the debate's room: one of its
// panelists, or its moderators (`panelist` 0).
struct debate_member {
  topic_id topic = 0;
  protocol::panelist_id panelist = 0;
  bool moderator = false;
};
// Who acts: the organizer (proved by the organizer token), a visitor's identity, or a member of a
// topic's debate.
struct who {
  bool organizer = false;
  identity_id identity = 0;
  debate_member member;
};
struct context {
  who by;
  std::int64_t now = 0;
};

// Commands the server makes: the channel's id, and an identity's fresh credential, come from it.
struct create {
  std::string id;
  pc::create_channel what;
};
struct create_identity {
  std::string name;  // a display name; empty: the engine names the visitor
  credential cred;
};
// The debate the server made for a topic, recorded with the topic.
struct attach_debate {
  topic_id topic = 0;
  std::string debate;
  std::string code;
};
// An applicant the organizer cast, once the server made them a panelist of the topic's debate
// (`panelist` 0 when the server only asks whether the casting would be accepted).
struct cast {
  pc::cast_applicant who;
  protocol::panelist_id panelist = 0;
};
// A panelist's questionnaire answers, with their name on the panel (the server reads it on the room).
struct panel_answers {
  pc::answer_questionnaire what;
  std::string name;
};
// The server brought the first `upto` items sent before the show into the show's queue.
struct take_advance {
  topic_id topic = 0;
  std::uint32_t upto = 0;
};
// The topic's show ended (the server saw it end in the debate's room).
struct end_show {
  topic_id topic = 0;
};
// A visitor erases their own data (DELETE …/me).
struct erase_identity {};
using command =
    std::variant<create, create_identity, pc::propose_topic, pc::give_opinion, pc::answer_topic, pc::post_comment,
                 pc::hide_comment, pc::apply_to_speak, pc::offer_sponsorship, pc::schedule_topic, attach_debate, cast,
                 pc::accept_sponsor, pc::set_preparation, panel_answers, pc::send_advance, take_advance, end_show,
                 pc::hide_topic, erase_identity, cmd::set_flag_words>;

using event_body =
    std::variant<ev::channel_created, ev::identity_created, ev::topic_proposed, ev::opinion_given, ev::topic_answered,
                 ev::comment_posted, ev::comment_hidden, ev::application_sent, ev::sponsorship_offered,
                 ev::topic_scheduled, ev::debate_attached, ev::applicant_cast, ev::sponsor_accepted,
                 ev::preparation_set, ev::questionnaire_answered, ev::advance_sent, ev::advance_taken, ev::show_ended,
                 ev::topic_hidden, ev::proposer_contact_left, ev::identity_erased, engine::ev::flag_words_set>;

struct event {
  seq_t seq = 0;
  std::int64_t at = 0;
  event_body body;
  std::string key;  // as engine::event::key
};

// ---- state ----
struct identity {
  identity_id id = 0;
  std::string name;
  credential cred;
  std::uint32_t name_ref = 0;  // the name kept beside the log; 0: a name the engine gave
  // When this visitor last proposed and gave opinions, as many as the rates allow, oldest first.
  std::vector<std::int64_t> recent_proposals;
  std::vector<std::int64_t> recent_opinions;
  std::vector<std::int64_t> recent_comments;
  std::vector<std::int64_t> recent_submissions;  // applications and sponsor offers
  std::vector<std::int64_t> recent_advance;      // questions and arguments sent before the show
};

struct given_opinion {
  pc::opinion value = pc::opinion::interesting;
  std::string feedback;
};

struct comment {
  ev::comment_posted posted;
  std::int64_t at = 0;
  bool hidden = false;
  std::string hidden_reason;
};

struct application {
  std::string motivation;
  std::uint32_t contact = 0;  // a ref into state::contacts; 0 once erased
  std::int64_t at = 0;
  std::optional<pc::casting> cast;
  bool sponsor = false;  // also the consent to be contacted by the topic's sponsor
};

struct offer {
  std::string organisation;
  std::string message;
  std::uint32_t contact = 0;
  std::int64_t at = 0;
};

// Notes and questionnaire for the panel, and each panelist's answers.
struct preparation {
  std::string notes;
  std::vector<pc::question> questions;
  std::uint32_t next_question = 1;
  std::int64_t updated_at = 0;
  std::map<protocol::panelist_id, pc::panel_answers> answers;
};

struct topic {
  ev::topic_proposed proposal;  // as proposed: id, proposer, title, pitch, category, format…
  // The contact its proposer left (ref 0: none, or erased), with its consents.
  ev::proposer_contact_left proposer_contact;
  std::string search;       // its title, pitch and location as protocol::search_text
  std::string title_words;  // its title alone, the same way: what connects subjects
  std::string hidden;       // why its words were hidden; empty while shown
  std::int64_t proposed_at = 0;
  pc::topic_status status = pc::topic_status::proposed;
  std::string answer;
  std::int64_t answered_at = 0;
  topic_id merged_into = 0;
  std::map<identity_id, given_opinion> opinions;
  pc::tally tally;
  std::vector<protocol::comment_id> comments;  // oldest first
  std::map<identity_id, application> applications;
  std::map<identity_id, offer> offers;
  ev::topic_scheduled schedule;  // starts_at 0 until scheduled
  std::string debate;            // the show's debate id and join code, once made
  std::string debate_code;
  ev::sponsor_accepted sponsor;  // by 0: none
  preparation prep;
  std::vector<ev::advance_sent> advance;  // advance[item - 1], with when below
  std::vector<std::int64_t> advance_at;
  std::uint32_t advance_taken = 0;  // how many are in the show's queue
  bool show_opened = false;         // no more are taken
};

struct state {
  seq_t seq = 0;
  ev::channel_created info;                      // empty id: the channel does not exist yet
  std::vector<identity> identities;              // identities[id - 1]
  std::vector<topic> topics;                     // topics[id - 1]
  std::vector<comment> comments;                 // comments[id - 1], every topic's
  std::size_t awaiting = 0;                      // proposals without an answer
  std::vector<pc::moderation_entry> moderation;  // oldest first
  // contacts[ref - 1]: the texts kept beside the log that events named (visitors' names, contacts);
  // empty once replaced or erased.
  std::vector<std::string> contacts;
  std::map<std::string, identity_id, std::less<>> by_selector;
  // The words that flag proposals and comments (the shipped list until the organizer writes the
  // channel's own), which the debates made from its topics start with.
  flags_state flags;

  bool exists() const noexcept { return !info.id.empty(); }
  const topic* find_topic(topic_id id) const noexcept {
    return id >= 1 && id <= topics.size() ? &topics[id - 1] : nullptr;
  }
  const comment* find_comment(protocol::comment_id id) const noexcept {
    return id >= 1 && id <= comments.size() ? &comments[id - 1] : nullptr;
  }
  const identity* find_identity(identity_id id) const noexcept {
    return id >= 1 && id <= identities.size() ? &identities[id - 1] : nullptr;
  }
  // The text of contact `ref`; empty when replaced, erased or unknown.
  const std::string& contact(std::uint32_t ref) const noexcept {
    static const std::string none;
    return ref >= 1 && ref <= contacts.size() ? contacts[ref - 1] : none;
  }
};

using decision = std::variant<std::vector<event_body>, rejection>;

// Every permission on a channel is checked here; the server only proves who acts.
decision decide(const state& s, const context& c, const command& cmd);
// Applies one event; never refuses one.
void evolve(state& s, const event& e);

std::string_view event_name(const event_body& body);
// Storage form, as the debate's events (engine::event_record). read_record throws
// std::runtime_error on a record this version cannot read.
event_record to_record(const event& e);
event read_record(const event_record& r);

// After a load from the log, whose events name names and contacts by ref only: the texts kept
// beside it. A name whose row is gone reads as the engine's default name.
void restore_contacts(state& s, const std::vector<contact_row>& rows);
// The name of a visitor who gave none, or erased theirs: "Visiteur 12".
std::string default_name(identity_id id);

// The identity a token's selector names in this channel; nullptr when none.
const identity* find_by_selector(const state& s, std::string_view selector);

// ---- views ----
// The public channel page: the topics matching the query, newest first, with their opinion tally.
pc::channel_view channel_view(const state& s, const pc::channel_query& q = {});
// One topic as `by` sees it: the organizer also reads every feedback text, application and sponsor
// offer with their contacts; an identity reads its own opinion, application and offer. nullopt for
// an unknown topic.
std::optional<pc::topic_detail> topic_view(const state& s, topic_id id, const who& by);
// A topic's preparation, for the organizer and the members of its debate only (a panelist reads
// their own answers); unknown_topic or forbidden otherwise.
std::variant<pc::preparation_view, rejection> preparation_for(const state& s, topic_id id, const who& by);

}  // namespace tribune::engine::channel
