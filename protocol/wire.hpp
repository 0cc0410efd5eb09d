#pragma once
// The objects the server shows: a question, an argument, a poll, the show… as typed values. The
// engine decides what each role sees and fills these; the codec (`to_json`, defined in
// wire_objects.cpp) alone decides how they are written. protocol/schema/ describes the same shapes
// for machines, docs/protocol.md for people.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/commands.hpp"
#include "protocol/ids.hpp"
#include "protocol/terms.hpp"

namespace tribune::protocol::wire {

using json = nlohmann::json;

struct debate {
  std::string id;
  std::string code;
  std::string title;
  std::string motion;
  std::string description;
  std::int64_t created_at = 0;
};

struct participant_ref {
  participant_id id = 0;
  std::string name;
};

// Who sent a question before the show, from the debate's channel topic, and whether it was an
// argument (with its side).
struct before_show {
  std::string by;
  bool argument = false;
  side stance = side::none;
};

struct question {
  question_id id = 0;
  std::string text;
  std::optional<participant_ref> author;  // null in the public view of an anonymous question
  question_status status = question_status::pending;
  std::size_t votes = 0;
  bool pinned = false;
  std::int64_t asked_at = 0;
  std::optional<bool> anonymous;        // moderator view only
  std::optional<std::string> reason;    // moderator view of a dismissed question
  std::optional<before_show> before;    // sent before the show
  std::optional<std::string> flag;      // moderator view: the word that flagged it
  std::optional<segment_id> segment{};  // the segment running when it was asked
};

// A question or argument named by a log entry; `text` is hidden while moderation is private.
struct logged_item {
  std::uint32_t id = 0;
  std::optional<std::string> text;
};

struct log_entry {
  seq_t seq = 0;
  std::int64_t at = 0;
  moderation_action action = moderation_action::dismissed;
  std::optional<logged_item> question;
  std::optional<logged_item> argument;
  std::optional<participant_ref> participant;
  std::optional<std::string> reason;
  std::optional<logged_item> into;  // a merge: the question the merged one now counts for
  std::optional<std::string> by;    // the moderator who acted, where the view may name them
};

struct segment {
  segment_id id = 0;
  std::string name;
  segment_kind kind = segment_kind::conversation;
  std::uint32_t minutes = 0;
  std::uint8_t speakers = 0;  // speaker_class bits
  std::uint8_t audience = 0;  // audience_right bits
  std::uint32_t speaker_seconds = 0;
};

struct run_of_show {
  show_format format = show_format::custom;
  std::vector<segment> segments;
  std::uint32_t seats = 0;
  bool automatic = false;
};

// How a speaker is labelled: a panel role, a seated audience member, or (as an argument's author)
// an audience member.
enum class speaker_role : std::uint8_t { host, guest, panelist, seat, audience };
NLOHMANN_JSON_SERIALIZE_ENUM(speaker_role, {{speaker_role::host, "host"},
                                            {speaker_role::guest, "guest"},
                                            {speaker_role::panelist, "panelist"},
                                            {speaker_role::seat, "seat"},
                                            {speaker_role::audience, "audience"}})

struct speaker_ref {
  speaker id;
  std::string name;
  speaker_role role = speaker_role::guest;
  side stance = side::none;
};

struct floor_turn {
  speaker_ref speaker;
  std::int64_t started_at = 0;
  std::int64_t allotted_ms = 0;
  std::int64_t paused_ms = 0;
};

struct show {
  show_status status = show_status::not_started;
  std::optional<segment_id> segment;
  std::int64_t segment_started_at = 0;
  std::int64_t segment_paused_ms = 0;
  std::optional<std::int64_t> paused_at;
  std::optional<floor_turn> floor;
  // By seated speaker id ("p4"): when their time on a seat is up, while the show's clock rotates
  // the seats (an automatic fishbowl segment). Sent only when not empty.
  std::map<std::string, std::int64_t> seat_ends{};
};

struct panelist {
  panelist_id id = 0;
  std::string name;
  panel_role role = panel_role::guest;
  side stance = side::none;
  bool on_stage = true;
};

struct hand {
  speaker_ref speaker;
  lane in = lane::new_point;
  std::int64_t raised_at = 0;
};

struct seats {
  std::uint32_t total = 0;
  std::vector<speaker_ref> seated;
  std::optional<std::vector<speaker_ref>> requests;  // moderator view only
};

struct talk_time {
  std::map<std::string, std::int64_t> speakers;  // by speaker id ("g1", "p4")
  std::int64_t none = 0;
  std::int64_t for_side = 0;
  std::int64_t against_side = 0;
};

struct figures {
  std::uint64_t agree = 0;
  std::uint64_t disagree = 0;
  std::uint64_t pass = 0;
  double agreement = 0;
  double divisiveness = 0;
};

struct argument {
  argument_id id = 0;
  std::string text;
  side stance = side::for_motion;
  std::optional<argument_id> parent;
  std::optional<relation> answers;
  std::optional<std::string> source;
  speaker_ref author;
  argument_status status = argument_status::pending;
  std::optional<segment_id> segment;
  std::optional<speaker_ref> on_floor;
  std::int64_t at = 0;
  bool addressed = false;
  figures counts;
  std::optional<std::string> reason;  // moderator view of a dismissed argument
  std::optional<std::string> flag;    // moderator view: the word that flagged it
};

// What a public view shows of an argument still waiting for a moderator.
struct pending_argument {
  argument_id id = 0;
};

struct cloud_word {
  std::string word;
  std::uint64_t count = 0;
};

struct tally {
  std::size_t ballots = 0;
  std::vector<std::uint64_t> counts;
  std::optional<std::optional<double>> mean;     // scale polls: the mean, or null before any ballot
  std::optional<std::vector<cloud_word>> words;  // word clouds
  std::map<argument_id, std::uint64_t> changed_by;
};

struct poll {
  poll_id id = 0;
  poll_kind kind = poll_kind::single;
  std::string question;
  std::vector<std::string> options;
  poll_status status = poll_status::draft;
  bool revealed = false;
  oxford_phase phase = oxford_phase::none;
  std::size_t ballots = 0;
  std::optional<tally> figures;  // public view: once revealed
};

struct share {
  std::uint64_t votes = 0;
  double percent = 0;
};
struct shares {
  share for_side;
  share against_side;
  share undecided;
  std::uint64_t total = 0;
};
struct oxford_result {
  shares before;
  shares after;
  double swing_for = 0;
  double swing_against = 0;
  side winner = side::none;  // none: a tie
};

struct participant_row {
  participant_id id = 0;
  std::string name;
  bool muted = false;
  bool banned = false;
  std::optional<std::string> flag;  // the word that flagged the name
};

// {"applause": n, "agree": n, …}
json reaction_counts_json(const reaction_counts& counts);

void to_json(json& j, const debate& v);
void to_json(json& j, const participant_ref& v);
void to_json(json& j, const question& v);
void to_json(json& j, const log_entry& v);
void to_json(json& j, const segment& v);
void to_json(json& j, const run_of_show& v);
void to_json(json& j, const speaker_ref& v);
void to_json(json& j, const floor_turn& v);
void to_json(json& j, const show& v);
void to_json(json& j, const panelist& v);
void to_json(json& j, const hand& v);
void to_json(json& j, const seats& v);
void to_json(json& j, const talk_time& v);
void to_json(json& j, const figures& v);
void to_json(json& j, const argument& v);
void to_json(json& j, const pending_argument& v);
void to_json(json& j, const tally& v);
void to_json(json& j, const poll& v);
void to_json(json& j, const shares& v);
void to_json(json& j, const oxford_result& v);
void to_json(json& j, const participant_row& v);

}  // namespace tribune::protocol::wire
