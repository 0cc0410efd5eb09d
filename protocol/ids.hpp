#pragma once
// Identifiers inside a debate. Everything a debate holds is numbered 1, 2, 3… by the engine and
// written with a one-letter prefix on the wire: participants "p3", questions "q7", panelists "g2",
// arguments "a5", polls "v1", segments "s4", backstage cues "k2", staff messages "m6", predictions
// "r2", quiz questions "z4" and moderators "o3" (the debate's first moderator link is "o1"). Ids
// are short, deterministic and never reused.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tribune::protocol {

using seq_t = std::uint64_t;
using participant_id = std::uint32_t;
using question_id = std::uint32_t;
using panelist_id = std::uint32_t;
using argument_id = std::uint32_t;
using poll_id = std::uint32_t;
using segment_id = std::uint32_t;        // position in the run of show, from 1
using topic_id = std::uint32_t;          // a topic of a channel, "t12"
using comment_id = std::uint32_t;        // a comment in a channel, "c4"
using visitor_id = std::uint32_t;        // a visitor's identity in a channel, "i9"
using cue_id = std::uint32_t;            // a backstage cue to a panelist, "k2"
using staff_message_id = std::uint32_t;  // a message between moderators, "m6"
using prediction_id = std::uint32_t;     // a prediction put to the audience, "r2"
using quiz_question_id = std::uint32_t;  // a quiz question put to the audience, "z4"
using moderator_id = std::uint32_t;      // a moderator link of the debate, "o3"; 1 is the first

std::string format_participant(participant_id id);
std::string format_question(question_id id);
std::string format_panelist(panelist_id id);
std::string format_argument(argument_id id);
std::string format_poll(poll_id id);
std::string format_segment(segment_id id);
std::string format_topic(topic_id id);
std::string format_comment(comment_id id);
std::string format_visitor(visitor_id id);
std::string format_cue(cue_id id);
std::string format_staff_message(staff_message_id id);
std::string format_prediction(prediction_id id);
std::string format_quiz_question(quiz_question_id id);
std::string format_moderator(moderator_id id);

std::optional<participant_id> parse_participant(std::string_view s) noexcept;
std::optional<question_id> parse_question(std::string_view s) noexcept;
std::optional<panelist_id> parse_panelist(std::string_view s) noexcept;
std::optional<argument_id> parse_argument(std::string_view s) noexcept;
std::optional<poll_id> parse_poll(std::string_view s) noexcept;
std::optional<topic_id> parse_topic(std::string_view s) noexcept;
std::optional<comment_id> parse_comment(std::string_view s) noexcept;
std::optional<visitor_id> parse_visitor(std::string_view s) noexcept;
std::optional<cue_id> parse_cue(std::string_view s) noexcept;
std::optional<prediction_id> parse_prediction(std::string_view s) noexcept;
std::optional<quiz_question_id> parse_quiz_question(std::string_view s) noexcept;
std::optional<segment_id> parse_segment(std::string_view s) noexcept;
std::optional<moderator_id> parse_moderator(std::string_view s) noexcept;

// Who may hold the floor: a panelist ("g2"), or an audience member seated on stage ("p4").
struct speaker {
  bool seated = false;  // false: panelist id; true: participant id
  std::uint32_t id = 0;
  friend bool operator==(const speaker&, const speaker&) = default;
};
std::string format_speaker(const speaker& s);
std::optional<speaker> parse_speaker(std::string_view s) noexcept;

}  // namespace tribune::protocol
