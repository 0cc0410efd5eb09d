#pragma once
// A channel's events, as its stream stores them (ADR 0009): what each records, named for the log.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types.hpp"
#include "protocol/channels.hpp"
#include "protocol/preparation.hpp"

namespace tribune::engine::channel {

namespace pc = protocol::channels;
using protocol::topic_id;
using identity_id = std::uint32_t;  // a visitor of the channel, numbered from 1

namespace ev {
struct channel_created {
  static constexpr std::string_view name = "channel_created";
  std::string id;
  std::string title;
  std::string description;
  std::string accent;
  std::string logo;
  std::vector<std::string> categories;
  std::vector<pc::language> languages;
};
// A name the visitor gave is kept beside the log (`name_ref`, contacts.hpp), so that erasing it
// leaves the log whole; a name the engine gave ("Visiteur N", `name_ref` 0) is written in the body,
// as every name was before names were kept beside it.
struct identity_created {
  static constexpr std::string_view name = "identity_created";
  identity_id identity = 0;
  std::string display_name;
  credential cred;
  std::uint32_t name_ref = 0;
};
struct topic_proposed {
  static constexpr std::string_view name = "topic_proposed";
  topic_id topic = 0;
  identity_id by = 0;
  std::string title;
  std::string pitch;
  std::string category;
  protocol::show_format format = protocol::show_format::talk_show;
  pc::treatment treated = pc::treatment::methodology;
  std::string location;
  std::string flag;      // the word of the channel's list its title, pitch or location holds (flags.hpp)
  bool in_name = false;  // the word is in its author's name, not in its words
};
// A first opinion or a changed one: the identity's previous opinion no longer counts.
struct opinion_given {
  static constexpr std::string_view name = "opinion_given";
  topic_id topic = 0;
  identity_id by = 0;
  pc::opinion value = pc::opinion::interesting;
  std::string feedback;
};
struct topic_answered {
  static constexpr std::string_view name = "topic_answered";
  topic_id topic = 0;
  pc::answer_kind kind = pc::answer_kind::accept;
  std::string text;
  topic_id into = 0;
};
struct comment_posted {
  static constexpr std::string_view name = "comment_posted";
  protocol::comment_id comment = 0;
  topic_id topic = 0;
  identity_id by = 0;
  std::string text;
  protocol::comment_id reply_to = 0;
  std::string flag;      // the word of the channel's list it holds, or its author's name holds
  bool in_name = false;  // the word is in its author's name, not in its text
};
// Hidden, never removed: the comment keeps its place with the reason.
struct comment_hidden {
  static constexpr std::string_view name = "comment_hidden";
  protocol::comment_id comment = 0;
  std::string reason;
};
// A first application or a replaced one (the earlier one no longer counts, and its contact goes:
// `replaces` is its ref). Its contact is left with the consent to be contacted by the brand, and by
// the topic's sponsor when `sponsor`.
struct application_sent {
  static constexpr std::string_view name = "application_sent";
  topic_id topic = 0;
  identity_id by = 0;
  std::string motivation;
  kept_text contact;
  bool sponsor = false;
  std::uint32_t replaces = 0;
};
// A first sponsor offer or a replaced one.
struct sponsorship_offered {
  static constexpr std::string_view name = "sponsorship_offered";
  topic_id topic = 0;
  identity_id by = 0;
  std::string organisation;
  std::string message;
  kept_text contact;
  std::uint32_t replaces = 0;
};
// The contact a proposer left with their proposal, with the consents it was left with.
struct proposer_contact_left {
  static constexpr std::string_view name = "proposer_contact_left";
  topic_id topic = 0;
  kept_text contact;
  bool brand = false;
  bool sponsor = false;
};
// A visitor erased their own data: `erased` names the texts beside the log that go (their name,
// every contact they left). Their proposals, opinions and comments stay, under "Visiteur N".
struct identity_erased {
  static constexpr std::string_view name = "identity_erased";
  identity_id identity = 0;
  std::vector<std::uint32_t> erased;
};
struct topic_scheduled {
  static constexpr std::string_view name = "topic_scheduled";
  topic_id topic = 0;
  std::int64_t starts_at = 0;
  std::string time_zone;
  std::string place;
};
struct debate_attached {
  static constexpr std::string_view name = "debate_attached";
  topic_id topic = 0;
  std::string debate;
  std::string code;
};
struct applicant_cast {
  static constexpr std::string_view name = "applicant_cast";
  topic_id topic = 0;
  identity_id by = 0;
  protocol::panelist_id panelist = 0;
  protocol::panel_role role = protocol::panel_role::panelist;
  protocol::side stance = protocol::side::none;
};
// A sponsor attached to a topic (`by` 0 and an empty organisation: detached).
struct sponsor_accepted {
  static constexpr std::string_view name = "sponsor_accepted";
  topic_id topic = 0;
  identity_id by = 0;
  std::string organisation;
};
// The organizer's preparation of a topic, whole; its questions numbered.
struct preparation_set {
  static constexpr std::string_view name = "preparation_set";
  topic_id topic = 0;
  std::string notes;
  std::vector<pc::question> questions;
};
// A panelist's answers, whole (the earlier ones no longer count).
struct questionnaire_answered {
  static constexpr std::string_view name = "questionnaire_answered";
  topic_id topic = 0;
  protocol::panelist_id panelist = 0;
  std::string panelist_name;
  std::vector<pc::answer> answers;
};
// A question or an argument sent before the show (`item` numbers them per topic, from 1).
struct advance_sent {
  static constexpr std::string_view name = "advance_sent";
  std::uint32_t item = 0;
  identity_id by = 0;
  pc::send_advance what;
};
// The show opened: the first `upto` items are in its queue, and no more are taken.
struct advance_taken {
  static constexpr std::string_view name = "advance_taken";
  topic_id topic = 0;
  std::uint32_t upto = 0;
};
struct show_ended {
  static constexpr std::string_view name = "show_ended";
  topic_id topic = 0;
};
// Hidden, never removed: the topic keeps its place with the reason.
struct topic_hidden {
  static constexpr std::string_view name = "topic_hidden";
  topic_id topic = 0;
  std::string reason;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(channel_created, id, title, description, accent, logo, categories, languages)
void to_json(nlohmann::json& j, const identity_created& x);
void from_json(const nlohmann::json& j, identity_created& x);
// Events logged before flags were recorded read `flag` empty, and `in_name` false.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(topic_proposed, topic, by, title, pitch, category, format, treated,
                                                location, flag, in_name)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(opinion_given, topic, by, value, feedback)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(topic_answered, topic, kind, text, into)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(comment_posted, comment, topic, by, text, reply_to, flag, in_name)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(comment_hidden, comment, reason)
// Events logged before consents and replacements were recorded read `sponsor` false, `replaces` 0.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(application_sent, topic, by, motivation, contact, sponsor, replaces)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(sponsorship_offered, topic, by, organisation, message, contact,
                                                replaces)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(proposer_contact_left, topic, contact, brand, sponsor)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(identity_erased, identity, erased)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(topic_scheduled, topic, starts_at, time_zone, place)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(debate_attached, topic, debate, code)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(applicant_cast, topic, by, panelist, role, stance)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(sponsor_accepted, topic, by, organisation)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(preparation_set, topic, notes, questions)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(questionnaire_answered, topic, panelist, panelist_name, answers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(advance_sent, item, by, what)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(advance_taken, topic, upto)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(show_ended, topic)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(topic_hidden, topic, reason)
}  // namespace ev

}  // namespace tribune::engine::channel
