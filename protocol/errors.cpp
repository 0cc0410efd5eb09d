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
  }
  return "unknown";
}

}  // namespace tribune::protocol
