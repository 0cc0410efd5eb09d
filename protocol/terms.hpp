#pragma once
// The vocabulary of the wire: roles, reactions, sides, panel roles, hand lanes, segment kinds,
// argument relations, ratings, poll kinds and the statuses of what a debate holds. Each enum's
// words are listed once, beside it (read them with protocol::word / parse_word). Pure.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace tribune::protocol {

enum class role : std::uint8_t { organizer, moderator, stage, audience, system, panelist };
NLOHMANN_JSON_SERIALIZE_ENUM(role, {{role::organizer, "organizer"},
                                    {role::moderator, "moderator"},
                                    {role::stage, "stage"},
                                    {role::audience, "audience"},
                                    {role::system, "system"},
                                    {role::panelist, "panelist"}})

enum class reaction_kind : std::uint8_t { applause, agree, disagree, laugh, confused };
NLOHMANN_JSON_SERIALIZE_ENUM(reaction_kind, {{reaction_kind::applause, "applause"},
                                             {reaction_kind::agree, "agree"},
                                             {reaction_kind::disagree, "disagree"},
                                             {reaction_kind::laugh, "laugh"},
                                             {reaction_kind::confused, "confused"}})
constexpr std::size_t reaction_kind_count = 5;
using reaction_counts = std::array<std::uint64_t, reaction_kind_count>;

enum class side : std::uint8_t { none, for_motion, against_motion };
NLOHMANN_JSON_SERIALIZE_ENUM(side, {{side::none, "none"}, {side::for_motion, "for"}, {side::against_motion, "against"}})

enum class panel_role : std::uint8_t { host, guest, panelist };
NLOHMANN_JSON_SERIALIZE_ENUM(panel_role, {{panel_role::host, "host"},
                                          {panel_role::guest, "guest"},
                                          {panel_role::panelist, "panelist"}})

enum class lane : std::uint8_t { new_point, direct_reply };
NLOHMANN_JSON_SERIALIZE_ENUM(lane, {{lane::new_point, "new_point"}, {lane::direct_reply, "direct_reply"}})

enum class relation : std::uint8_t { none, supports, opposes, rebuts };
NLOHMANN_JSON_SERIALIZE_ENUM(relation, {{relation::none, "none"},
                                        {relation::supports, "supports"},
                                        {relation::opposes, "opposes"},
                                        {relation::rebuts, "rebuts"}})

enum class rating : std::uint8_t { agree, disagree, pass };
NLOHMANN_JSON_SERIALIZE_ENUM(rating, {{rating::agree, "agree"}, {rating::disagree, "disagree"}, {rating::pass, "pass"}})

enum class poll_kind : std::uint8_t { single, multiple, scale, word_cloud };
NLOHMANN_JSON_SERIALIZE_ENUM(poll_kind, {{poll_kind::single, "single"},
                                         {poll_kind::multiple, "multiple"},
                                         {poll_kind::scale, "scale"},
                                         {poll_kind::word_cloud, "word_cloud"}})

enum class oxford_phase : std::uint8_t { none, before, after };
NLOHMANN_JSON_SERIALIZE_ENUM(oxford_phase, {{oxford_phase::none, "none"},
                                            {oxford_phase::before, "before"},
                                            {oxford_phase::after, "after"}})

enum class segment_kind : std::uint8_t {
  intro,
  vote_before,
  opening,
  free_debate,
  questions,
  closing,
  vote_after,
  conversation,
  round,
  fishbowl,
  wrap_up
};
NLOHMANN_JSON_SERIALIZE_ENUM(segment_kind, {{segment_kind::intro, "intro"},
                                            {segment_kind::vote_before, "vote_before"},
                                            {segment_kind::opening, "opening"},
                                            {segment_kind::free_debate, "free_debate"},
                                            {segment_kind::questions, "questions"},
                                            {segment_kind::closing, "closing"},
                                            {segment_kind::vote_after, "vote_after"},
                                            {segment_kind::conversation, "conversation"},
                                            {segment_kind::round, "round"},
                                            {segment_kind::fishbowl, "fishbowl"},
                                            {segment_kind::wrap_up, "wrap_up"}})

// The templates a run of show starts from; `custom` is one an organizer wrote.
enum class show_format : std::uint8_t { oxford, talk_show, round_table, fishbowl, custom };
NLOHMANN_JSON_SERIALIZE_ENUM(show_format, {{show_format::oxford, "oxford"},
                                           {show_format::talk_show, "talk_show"},
                                           {show_format::round_table, "round_table"},
                                           {show_format::fishbowl, "fishbowl"},
                                           {show_format::custom, "custom"}})

// Who may hold the floor in a segment, and what its audience may do: each a set of bits, one bit
// per word (`bit(speaker_class::guest)`).
enum class speaker_class : std::uint8_t { host, guest, panelist, for_side, against_side, seat };
NLOHMANN_JSON_SERIALIZE_ENUM(speaker_class, {{speaker_class::host, "host"},
                                             {speaker_class::guest, "guest"},
                                             {speaker_class::panelist, "panelist"},
                                             {speaker_class::for_side, "for"},
                                             {speaker_class::against_side, "against"},
                                             {speaker_class::seat, "seat"}})
enum class audience_right : std::uint8_t { questions, arguments, vote };
NLOHMANN_JSON_SERIALIZE_ENUM(audience_right, {{audience_right::questions, "questions"},
                                              {audience_right::arguments, "arguments"},
                                              {audience_right::vote, "vote"}})
template <class E>
constexpr std::uint8_t bit(E e) noexcept {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(e));
}
namespace may_speak {
constexpr std::uint8_t host = bit(speaker_class::host), guest = bit(speaker_class::guest),
                       panelist = bit(speaker_class::panelist), for_side = bit(speaker_class::for_side),
                       against_side = bit(speaker_class::against_side), seat = bit(speaker_class::seat);
}
namespace audience_may {
constexpr std::uint8_t questions = bit(audience_right::questions), arguments = bit(audience_right::arguments),
                       vote = bit(audience_right::vote);
}

enum class question_status : std::uint8_t { pending, approved, answered, dismissed };
NLOHMANN_JSON_SERIALIZE_ENUM(question_status, {{question_status::pending, "pending"},
                                               {question_status::approved, "approved"},
                                               {question_status::answered, "answered"},
                                               {question_status::dismissed, "dismissed"}})

enum class argument_status : std::uint8_t { pending, published, dismissed };
NLOHMANN_JSON_SERIALIZE_ENUM(argument_status, {{argument_status::pending, "pending"},
                                               {argument_status::published, "published"},
                                               {argument_status::dismissed, "dismissed"}})

enum class poll_status : std::uint8_t { draft, open, closed };
NLOHMANN_JSON_SERIALIZE_ENUM(poll_status, {{poll_status::draft, "draft"},
                                           {poll_status::open, "open"},
                                           {poll_status::closed, "closed"}})

enum class show_status : std::uint8_t { not_started, running, paused, ended };
NLOHMANN_JSON_SERIALIZE_ENUM(show_status, {{show_status::not_started, "not_started"},
                                           {show_status::running, "running"},
                                           {show_status::paused, "paused"},
                                           {show_status::ended, "ended"}})

// One line of the public moderation log says what was done.
enum class moderation_action : std::uint8_t {
  dismissed,
  muted,
  unmuted,
  banned,
  made_private,
  made_public,
  argument_dismissed,
  merged
};
NLOHMANN_JSON_SERIALIZE_ENUM(moderation_action, {{moderation_action::dismissed, "dismissed"},
                                                 {moderation_action::muted, "muted"},
                                                 {moderation_action::unmuted, "unmuted"},
                                                 {moderation_action::banned, "banned"},
                                                 {moderation_action::made_private, "moderation_private"},
                                                 {moderation_action::made_public, "moderation_public"},
                                                 {moderation_action::argument_dismissed, "argument_dismissed"},
                                                 {moderation_action::merged, "merged"}})

// Case- and accent-folded form of a word-cloud answer (NFKC, case fold, marks stripped, inner
// whitespace collapsed). Empty when nothing is left.
std::string fold_word(std::string_view word);

}  // namespace tribune::protocol
