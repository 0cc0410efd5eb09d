#pragma once
// A brand's channel before the show: its topics, proposed by anyone with the channel's link, the
// opinions given on them and the organizer's answer to each. The words, ids and bounds of the
// channel's requests, each decoded with every bound checked, and the views the server answers
// with (encoded here and nowhere else). Routes and statuses are the server's.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/advance.hpp"
#include "protocol/errors.hpp"
#include "protocol/ids.hpp"
#include "protocol/preparation.hpp"
#include "protocol/terms.hpp"

namespace tribune::protocol::channels {

using protocol::comment_id;
using protocol::format_comment;
using protocol::format_topic;
using protocol::parse_comment;
using protocol::parse_topic;
using protocol::topic_id;
using protocol::visitor_id;

// Where a topic stands: awaiting the organizer's answer, accepted, declined, merged into another
// topic, accepted and scheduled as a show, its show live, or its show ended.
enum class topic_status : std::uint8_t { proposed, accepted, declined, merged, scheduled, live, ended };
NLOHMANN_JSON_SERIALIZE_ENUM(topic_status, {{topic_status::proposed, "proposed"},
                                            {topic_status::accepted, "accepted"},
                                            {topic_status::declined, "declined"},
                                            {topic_status::merged, "merged"},
                                            {topic_status::scheduled, "scheduled"},
                                            {topic_status::live, "live"},
                                            {topic_status::ended, "ended"}})

// "I find this subject: essential / interesting / not for me".
enum class opinion : std::uint8_t { essential, interesting, not_for_me };
NLOHMANN_JSON_SERIALIZE_ENUM(opinion, {{opinion::essential, "essential"},
                                       {opinion::interesting, "interesting"},
                                       {opinion::not_for_me, "not_for_me"}})
constexpr std::size_t opinion_kinds = 3;

// How a subject is to be treated.
enum class treatment : std::uint8_t { methodology, controversy, testimony, investigation };
NLOHMANN_JSON_SERIALIZE_ENUM(treatment, {{treatment::methodology, "methodology"},
                                         {treatment::controversy, "controversy"},
                                         {treatment::testimony, "testimony"},
                                         {treatment::investigation, "investigation"}})

// The languages a channel's pages may be shown in.
enum class language : std::uint8_t { fr, en };
NLOHMANN_JSON_SERIALIZE_ENUM(language, {{language::fr, "fr"}, {language::en, "en"}})

// The organizer's answer to a proposal.
enum class answer_kind : std::uint8_t { accept, decline, merge };
NLOHMANN_JSON_SERIALIZE_ENUM(answer_kind, {{answer_kind::accept, "accept"},
                                           {answer_kind::decline, "decline"},
                                           {answer_kind::merge, "merge"}})

// Bounds, in code points for user text.
constexpr std::size_t max_channel_name_chars = 80;
constexpr std::size_t max_channel_description_chars = 1000;
constexpr std::size_t max_categories = 20;
constexpr std::size_t max_category_chars = 60;
constexpr std::size_t max_topic_title_chars = 140;
constexpr std::size_t max_pitch_chars = 2000;
constexpr std::size_t max_location_chars = 120;
constexpr std::size_t max_feedback_chars = 500;
constexpr std::size_t max_answer_chars = 1000;
constexpr std::size_t max_comment_chars = 1000;
using protocol::max_contact_chars;  // an e-mail address or a phone number (limits.hpp)
constexpr std::size_t max_hide_reason_chars = 300;
constexpr std::size_t max_motivation_chars = 1000;
constexpr std::size_t max_organisation_chars = 120;
constexpr std::size_t max_offer_message_chars = 1000;
constexpr std::size_t max_time_zone_chars = 64;
// A show's start, in milliseconds since the epoch: from 2020 to 2100.
constexpr std::int64_t min_starts_at_ms = 1577836800000;
constexpr std::int64_t max_starts_at_ms = 4102444800000;

// Rates, per visitor identity (new identities are limited per address by the server).
constexpr std::size_t proposals_per_window = 3;  // topics proposed in any ten minutes
constexpr std::int64_t proposal_window_ms = std::int64_t{10} * 60 * 1000;
constexpr std::int64_t opinion_window_ms = std::int64_t{60} * 1000;
constexpr std::size_t opinions_per_minute = 20;  // opinions given or changed in any minute
constexpr std::size_t comments_per_minute = 5;   // comments written in any minute
constexpr std::int64_t comment_window_ms = std::int64_t{60} * 1000;
constexpr std::size_t submissions_per_window = 5;  // applications and sponsor offers in any ten minutes
constexpr std::int64_t submission_window_ms = std::int64_t{10} * 60 * 1000;
// Proposals from one client address, whatever the identity: a bucket of 10, refilled one every 5 s.
constexpr double address_proposals_per_second = 0.2;
constexpr double address_proposal_burst = 10;

// The categories a new channel starts with when its organizer names none.
std::vector<std::string> default_categories();

// ---- requests ----
// A contact and who may use it: the brand (`brand`), the topic's sponsor (`sponsor`).
struct contact_consents {
  std::string contact;
  bool brand = false;
  bool sponsor = false;
};
struct create_channel {
  std::string name;
  std::string description;
  std::string accent;  // "#rrggbb", or empty
  std::string logo;    // an https address, or empty
  std::vector<std::string> categories;
  std::vector<language> languages;
};
struct propose_topic {
  std::string title;
  std::string pitch;
  std::string category;
  show_format format = show_format::talk_show;
  treatment treated = treatment::methodology;
  std::string location;
  // A contact left for the organizers (empty: none), kept only with at least one consent.
  contact_consents contact = {};
};
struct give_opinion {
  topic_id topic = 0;
  opinion value = opinion::interesting;
  std::string feedback;
};
struct answer_topic {
  topic_id topic = 0;
  answer_kind kind = answer_kind::accept;
  std::string text;   // the answer shown with the topic; required to decline or merge
  topic_id into = 0;  // for a merge
};
// A comment on a topic, or a reply to one (one level: a reply answers a comment, never a reply).
struct post_comment {
  topic_id topic = 0;
  std::string text;
  comment_id reply_to = 0;  // 0: a comment of its own
};
// The organizer hides a comment; the reason stays public in its place.
struct hide_comment {
  topic_id topic = 0;
  comment_id comment = 0;
  std::string reason;
};
// The organizer hides a proposal's words (its title, pitch and location): the topic keeps its place
// and its id, and shows the reason instead.
struct hide_topic {
  topic_id topic = 0;
  std::string reason;
};

// "Apply to take part": a motivation for the organizers' eyes only and a contact, given with the
// consent to be contacted by the brand about this topic (required: the organizers cannot cast
// without it) and, separately, by the topic's sponsor. One application per visitor and topic;
// sending it again replaces it.
struct apply_to_speak {
  topic_id topic = 0;
  std::string motivation;
  std::string contact;
  bool sponsor_consent = false;
};
// "Sponsor this subject": an organisation's offer, private to the organizers, with its contact and
// the same consent. One offer per visitor and topic; sending it again replaces it.
struct offer_sponsorship {
  topic_id topic = 0;
  std::string organisation;
  std::string message;
  std::string contact;
};

// The organizer schedules an accepted topic: when (an instant), the time zone it is announced in
// (an IANA name such as "Europe/Paris"), and where (empty: online). Scheduling again moves it.
struct schedule_topic {
  topic_id topic = 0;
  std::int64_t starts_at = 0;
  std::string time_zone;
  std::string place;
};
// The organizer turns an accepted topic into its debate, in the topic's desired format unless
// another is named.
struct open_debate {
  topic_id topic = 0;
  std::optional<show_format> format;
};

// The organizer casts an applicant on the topic's debate panel, with a role and a side.
struct cast_applicant {
  topic_id topic = 0;
  visitor_id applicant = 0;
  panel_role role = panel_role::panelist;
  side stance = side::none;
};

// The organizer accepts a visitor's sponsor offer: the topic then shows "brought to you by" its
// organisation for as long as it stays attached. `sponsor` 0 detaches the sponsor.
struct accept_sponsor {
  topic_id topic = 0;
  visitor_id sponsor = 0;
};

template <class T>
using decoded = std::variant<T, error>;

// GET /api/channels/{id}?q=…&category=…&status=…&offset=…&limit=…: the topics that match every
// word of `q` (each starting a word of the title, pitch or location), of that category and status,
// newest first, one page of them.
constexpr std::size_t max_query_chars = 100;
constexpr std::size_t default_topics_page = 100;
constexpr std::size_t max_topics_page = 500;
constexpr std::size_t max_related_topics = 5;
struct channel_query {
  std::vector<std::string> words;  // search_words of q
  std::string category;
  std::optional<topic_status> status;
  std::size_t offset = 0;
  std::size_t limit = default_topics_page;
  bool whole() const noexcept {
    return words.empty() && category.empty() && !status && offset == 0 && limit == default_topics_page;
  }
};
decoded<channel_query> decode_channel_query(const std::vector<std::pair<std::string, std::string>>& params);

// Each reads a request body (empty means `{}`). The topic a route names is passed in.
decoded<create_channel> decode_create_channel(std::string_view body);
decoded<propose_topic> decode_propose_topic(std::string_view body);
decoded<give_opinion> decode_give_opinion(std::string_view body, topic_id topic);
decoded<answer_topic> decode_answer_topic(std::string_view body, topic_id topic);
decoded<post_comment> decode_post_comment(std::string_view body, topic_id topic);
decoded<hide_comment> decode_hide_comment(std::string_view body, topic_id topic, comment_id comment);
decoded<hide_topic> decode_hide_topic(std::string_view body, topic_id topic);
decoded<apply_to_speak> decode_apply_to_speak(std::string_view body, topic_id topic);
decoded<offer_sponsorship> decode_offer_sponsorship(std::string_view body, topic_id topic);
decoded<schedule_topic> decode_schedule_topic(std::string_view body, topic_id topic);
decoded<open_debate> decode_open_debate(std::string_view body, topic_id topic);
decoded<cast_applicant> decode_cast_applicant(std::string_view body, topic_id topic);
decoded<accept_sponsor> decode_accept_sponsor(std::string_view body, topic_id topic);

// ---- views ----
struct tally {
  std::array<std::uint32_t, opinion_kinds> counts{};  // indexed by opinion
};

struct topic_summary {
  topic_id id = 0;
  std::string title;
  std::string category;
  show_format format = show_format::talk_show;
  topic_status status = topic_status::proposed;
  std::string proposed_by;  // the proposer's display name
  std::int64_t proposed_at = 0;
  tally opinions;
  std::int64_t starts_at = 0;  // 0 until scheduled
  std::string time_zone;
  std::string place;        // empty: online
  std::string debate_code;  // the show's join code, once its debate exists
  std::string sponsor;      // the accepted sponsor's organisation: "brought to you by"
  std::string hidden;       // the reason its words were hidden (its title then empty)
};

// The channel's public moderation log: nothing is removed silently.
enum class channel_action : std::uint8_t { comment_hidden, topic_hidden, topic_declined, topic_merged };
NLOHMANN_JSON_SERIALIZE_ENUM(channel_action, {{channel_action::comment_hidden, "comment_hidden"},
                                              {channel_action::topic_hidden, "topic_hidden"},
                                              {channel_action::topic_declined, "topic_declined"},
                                              {channel_action::topic_merged, "topic_merged"}})
constexpr std::size_t moderation_log_shown = 50;
struct moderation_entry {
  std::int64_t at = 0;
  channel_action action = channel_action::comment_hidden;
  topic_id topic = 0;
  comment_id comment = 0;
  std::string reason;
};

// A hidden comment keeps its place, its author and the reason; only the organizer still reads its
// text.
struct comment_view {
  comment_id id = 0;
  comment_id reply_to = 0;
  std::string by;  // the author's display name
  std::int64_t at = 0;
  std::string text;  // empty in a public view of a hidden comment
  bool hidden = false;
  std::string hidden_reason;
  std::string flag;  // the organizer's view only: the word that flags it (flags.hpp)
};

// An applicant taken onto the panel: the panelist of the topic's debate they became.
struct casting {
  panelist_id panelist = 0;
  panel_role role = panel_role::panelist;
  side stance = side::none;
};

// An application as its author and the organizer read it (no public view holds one).
struct application_view {
  visitor_id applicant = 0;
  std::string by;  // the applicant's display name
  std::int64_t at = 0;
  std::string motivation;
  std::string contact;  // empty once erased
  bool sponsor_consent = false;
  std::optional<opinion> opinion_given;
  std::optional<casting> cast;
};
// A sponsor offer as its author and the organizer read it (no public view holds one).
struct offer_view {
  visitor_id sponsor = 0;
  std::string by;
  std::int64_t at = 0;
  std::string organisation;
  std::string message;
  std::string contact;
};

struct topic_detail {
  topic_summary summary;
  std::string pitch;
  treatment treated = treatment::methodology;
  std::string location;
  std::string answer;            // the organizer's public answer, once given
  std::int64_t answered_at = 0;  // 0 while it awaits an answer
  topic_id merged_into = 0;
  std::string flag;             // the organizer's view only: the word that flags the proposal
  std::optional<opinion> mine;  // the asking identity's opinion
  std::string my_feedback;
  // The organizer's view only: every feedback text, by the name of who gave it.
  std::vector<std::pair<std::string, std::string>> feedback;
  std::vector<comment_view> comments;  // oldest first
  std::size_t applicants = 0;          // public: how many applied to take part
  std::optional<application_view> my_application;
  std::optional<offer_view> my_offer;
  // The contact its proposer left, for the organizer and the proposer only (none once erased).
  std::optional<contact_consents> proposer_contact;
  // The organizer's view only, oldest first.
  std::vector<application_view> applications;
  std::vector<offer_view> offers;
  std::optional<preparation_view> preparation;  // the organizer's view only
  // Questions and arguments sent before the show: how many, whether more are taken (not once the
  // show opened), the asking visitor's own, and every one for the organizer.
  std::size_t advance_count = 0;
  bool advance_open = false;
  std::vector<advance_view> my_advance;
  std::vector<advance_view> advance;
  // Connected subjects: the same category or words of this title, closest first.
  std::vector<topic_summary> related;
};

struct channel_view {
  std::string id;
  std::string name;
  std::string description;
  std::string accent;
  std::string logo;
  std::vector<std::string> categories;
  std::vector<language> languages;
  std::size_t awaiting_answer = 0;
  std::int64_t oldest_awaiting_since = 0;    // 0 when none awaits
  std::vector<moderation_entry> moderation;  // newest first, the latest moderation_log_shown
  std::size_t total = 0;                     // topics matching the query
  std::size_t offset = 0;
  std::vector<topic_summary> topics;  // newest first: the page from `offset`
};

std::string encode_channel(const channel_view& v);
// A new visitor identity: its display name and its token (given once, kept by the page).
std::string encode_identity(std::string_view name, std::string_view token);
std::string encode_topic(const topic_detail& t);
// Parts of a topic's view that the visitor's own data shows as well.
nlohmann::json application_json(const application_view& a);
nlohmann::json offer_json(const offer_view& o);
nlohmann::json contact_json(const contact_consents& c);

}  // namespace tribune::protocol::channels
