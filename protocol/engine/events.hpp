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

namespace tribune::engine {

using protocol::participant_id;
using protocol::question_id;
using protocol::seq_t;

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

}  // namespace ev

using event_body =
    std::variant<ev::debate_created, ev::participant_joined, ev::question_asked, ev::question_approved,
                 ev::question_dismissed, ev::question_answered, ev::question_pinned, ev::on_air_changed,
                 ev::upvote_changed, ev::participant_muted, ev::participant_banned,
                 ev::moderation_visibility_changed, ev::links_rotated, ev::reactions_recorded>;

struct event {
  seq_t seq = 0;
  std::int64_t at = 0;  // milliseconds since the epoch, from the command
  event_body body;
};

std::string_view event_name(const event_body& body) noexcept;

// Storage form: the event's name and a JSON body holding every field (credentials included).
struct event_record {
  seq_t seq = 0;
  std::int64_t at = 0;
  std::string type;
  std::string body;
};

event_record to_record(const event& e);
// Throws std::runtime_error on a record this version cannot read (a corrupt or newer log).
event from_record(const event_record& r);

}  // namespace tribune::engine
