#pragma once
// Every bound of the wire protocol in one place. docs/protocol.md quotes these numbers, the server
// publishes them (GET /api/limits) and the pages read them from there.
#include <cstddef>
#include <cstdint>

namespace tribune::protocol {

// Sizes of what arrives.
constexpr std::size_t max_frame_bytes = std::size_t{64} * 1024;      // one WebSocket message
constexpr std::size_t max_http_body_bytes = std::size_t{64} * 1024;  // one REST request body
constexpr int max_json_depth = 16;                                   // no message nests deeper than three levels

// User text, in code points.
constexpr std::size_t max_question_chars = 500;
constexpr std::size_t max_reason_chars = 300;
constexpr std::size_t max_name_chars = 40;
constexpr std::size_t max_title_chars = 200;
constexpr std::size_t max_motion_chars = 500;
constexpr std::size_t max_description_chars = 5000;
constexpr std::size_t max_argument_chars = 500;
constexpr std::size_t max_source_chars = 300;
constexpr std::size_t max_poll_question_chars = 300;
constexpr std::size_t max_option_chars = 100;
constexpr std::size_t max_word_chars = 40;
constexpr std::size_t max_segment_name_chars = 80;
constexpr std::size_t max_contact_chars = 200;  // an e-mail address or a phone number

// Identifiers and keys, in bytes.
constexpr std::size_t max_request_id_chars = 64;
constexpr std::size_t max_command_key_chars = 64;
constexpr std::size_t max_token_chars = 128;
constexpr std::size_t max_debate_id_chars = 32;
constexpr std::size_t max_id_chars = 16;    // "q123", "p7", …
constexpr std::size_t max_word_bytes = 32;  // a vocabulary word ("direct_reply")

// Moderation: questions acted on by one command.
constexpr std::size_t max_bulk_questions = 500;
// Duplicates merged into one question by one command.
constexpr std::size_t max_merged_questions = 50;

// Moderator links of one debate, the first one and the removed ones included.
constexpr std::size_t max_moderators = 20;

// The words that flag a text for the moderators (flags.hpp), per debate.
constexpr std::size_t max_flag_words = 500;
constexpr std::size_t max_flag_word_chars = 60;

// Polls.
constexpr std::size_t min_poll_options = 2;
constexpr std::size_t max_poll_options = 10;
constexpr std::uint32_t max_choice_index = 1000;
constexpr std::uint32_t scale_low = 1;
constexpr std::uint32_t scale_high = 5;

// The stage.
constexpr std::uint32_t max_floor_seconds = 3600;
constexpr std::uint32_t max_extend_seconds = 600;
constexpr std::uint32_t max_extend_segment_minutes = 60;  // extend_segment, at a time
constexpr std::size_t min_segments = 1;
constexpr std::size_t max_segments = 30;
constexpr std::uint32_t min_segment_minutes = 1;
constexpr std::uint32_t max_segment_minutes = 600;
constexpr std::uint32_t min_turn_seconds = 10;
constexpr std::uint32_t max_turn_seconds = 3600;
constexpr std::uint32_t max_seats = 20;

// Rates. Commands and reactions are limited per participant (per sender for other roles), in the
// room, so reconnecting does not reset them; questions are a rule of the debate itself.
constexpr double commands_per_second = 20;
constexpr double command_burst = 40;
constexpr unsigned max_strikes = 40;  // rate-limited messages on one connection before it is closed
constexpr std::size_t questions_per_minute = 5;
constexpr double reactions_per_second = 10;

// What a room keeps.
constexpr std::size_t replay_events = 1024;                        // events a reconnecting client can replay
constexpr std::size_t max_replay_bytes = std::size_t{256} * 1024;  // … while they fit in this
constexpr std::size_t remembered_command_keys = 200000;

}  // namespace tribune::protocol
