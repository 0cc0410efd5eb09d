#pragma once
// Every bound of the wire protocol in one place; docs/protocol.md quotes these numbers.
#include <cstddef>
#include <cstdint>

namespace tribune::protocol {

constexpr std::size_t max_frame_bytes = 64 * 1024;      // one WebSocket message
constexpr std::size_t max_http_body_bytes = 64 * 1024;  // one REST request body
constexpr std::size_t max_question_chars = 500;
constexpr std::size_t max_reason_chars = 300;
constexpr std::size_t max_name_chars = 40;
constexpr std::size_t max_title_chars = 200;
constexpr std::size_t max_motion_chars = 500;
constexpr std::size_t max_description_chars = 5000;
constexpr std::size_t max_request_id_chars = 64;
constexpr std::size_t max_command_key_chars = 64;
constexpr std::size_t max_token_chars = 128;
constexpr std::size_t max_debate_id_chars = 32;
constexpr std::size_t max_argument_chars = 500;
constexpr std::size_t max_source_chars = 300;
constexpr std::size_t max_poll_question_chars = 300;
constexpr std::size_t max_option_chars = 100;
constexpr std::size_t min_poll_options = 2;
constexpr std::size_t max_poll_options = 10;
constexpr std::size_t max_word_chars = 40;
constexpr std::uint32_t max_floor_seconds = 3600;
constexpr std::uint32_t max_extend_seconds = 600;

}  // namespace tribune::protocol
