#pragma once
// Stable error codes shared by the REST API and the WebSocket protocol. Clients switch on the
// snake_case word (see docs/protocol.md); `detail` is a human hint and never carries secrets.
#include <string>
#include <string_view>

namespace tribune::protocol {

enum class error_code {
  bad_json,
  unknown_command,
  invalid_field,
  empty_text,
  text_too_long,
  hello_required,
  unauthorized,
  forbidden,
  not_found,
  unknown_question,
  unknown_participant,
  question_not_pending,
  question_not_open,
  already_dismissed,
  muted,
  banned,
  rate_limited,
  unavailable,
  body_too_large,
  debate_exists,
  show_started,
  show_not_running,
  no_segments,
  no_next_segment,
  already_paused,
  not_paused,
  unknown_panelist,
  not_on_stage,
  not_allowed_in_segment,
  not_in_this_segment,
  no_speaker,
  no_open_seat,
  not_seated,
  no_seats,
  unknown_argument,
  argument_not_pending,
  argument_not_published,
  unknown_poll,
  poll_not_draft,
  poll_not_open,
  invalid_choice,
  oxford_poll_exists,
};

std::string_view to_string(error_code code) noexcept;

struct error {
  error_code code;
  std::string detail;
};

}  // namespace tribune::protocol
