#include "protocol/errors.hpp"

namespace tribune::protocol {

std::string_view to_string(error_code code) noexcept {
  switch (code) {
    case error_code::bad_json: return "bad_json";
    case error_code::unknown_command: return "unknown_command";
    case error_code::invalid_field: return "invalid_field";
    case error_code::empty_text: return "empty_text";
    case error_code::text_too_long: return "text_too_long";
    case error_code::hello_required: return "hello_required";
    case error_code::unauthorized: return "unauthorized";
    case error_code::forbidden: return "forbidden";
    case error_code::not_found: return "not_found";
    case error_code::unknown_question: return "unknown_question";
    case error_code::unknown_participant: return "unknown_participant";
    case error_code::question_not_pending: return "question_not_pending";
    case error_code::question_not_open: return "question_not_open";
    case error_code::already_dismissed: return "already_dismissed";
    case error_code::muted: return "muted";
    case error_code::banned: return "banned";
    case error_code::rate_limited: return "rate_limited";
    case error_code::unavailable: return "unavailable";
    case error_code::body_too_large: return "body_too_large";
    case error_code::debate_exists: return "debate_exists";
    case error_code::show_started: return "show_started";
    case error_code::show_not_running: return "show_not_running";
    case error_code::no_segments: return "no_segments";
    case error_code::no_next_segment: return "no_next_segment";
    case error_code::already_paused: return "already_paused";
    case error_code::not_paused: return "not_paused";
    case error_code::unknown_panelist: return "unknown_panelist";
    case error_code::not_on_stage: return "not_on_stage";
    case error_code::not_allowed_in_segment: return "not_allowed_in_segment";
    case error_code::not_in_this_segment: return "not_in_this_segment";
    case error_code::no_speaker: return "no_speaker";
    case error_code::no_open_seat: return "no_open_seat";
    case error_code::not_seated: return "not_seated";
    case error_code::no_seats: return "no_seats";
    case error_code::unknown_argument: return "unknown_argument";
    case error_code::argument_not_pending: return "argument_not_pending";
    case error_code::argument_not_published: return "argument_not_published";
    case error_code::unknown_poll: return "unknown_poll";
    case error_code::poll_not_draft: return "poll_not_draft";
    case error_code::poll_not_open: return "poll_not_open";
    case error_code::invalid_choice: return "invalid_choice";
    case error_code::oxford_poll_exists: return "oxford_poll_exists";
  }
  return "unknown";
}

}  // namespace tribune::protocol
