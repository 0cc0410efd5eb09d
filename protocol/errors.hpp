#pragma once
// Stable error codes shared by the REST API and the WebSocket protocol. Clients switch on the
// snake_case word (see docs/protocol.md); `detail` is a human hint and never carries secrets.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

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
  method_not_allowed,
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
  channel_exists,
  unknown_topic,
  unknown_category,
  topic_answered,
  topic_closed,
  unknown_comment,
};

NLOHMANN_JSON_SERIALIZE_ENUM(error_code, {
                                             {error_code::bad_json, "bad_json"},
                                             {error_code::unknown_command, "unknown_command"},
                                             {error_code::invalid_field, "invalid_field"},
                                             {error_code::empty_text, "empty_text"},
                                             {error_code::text_too_long, "text_too_long"},
                                             {error_code::hello_required, "hello_required"},
                                             {error_code::unauthorized, "unauthorized"},
                                             {error_code::forbidden, "forbidden"},
                                             {error_code::not_found, "not_found"},
                                             {error_code::method_not_allowed, "method_not_allowed"},
                                             {error_code::unknown_question, "unknown_question"},
                                             {error_code::unknown_participant, "unknown_participant"},
                                             {error_code::question_not_pending, "question_not_pending"},
                                             {error_code::question_not_open, "question_not_open"},
                                             {error_code::already_dismissed, "already_dismissed"},
                                             {error_code::muted, "muted"},
                                             {error_code::banned, "banned"},
                                             {error_code::rate_limited, "rate_limited"},
                                             {error_code::unavailable, "unavailable"},
                                             {error_code::body_too_large, "body_too_large"},
                                             {error_code::debate_exists, "debate_exists"},
                                             {error_code::show_started, "show_started"},
                                             {error_code::show_not_running, "show_not_running"},
                                             {error_code::no_segments, "no_segments"},
                                             {error_code::no_next_segment, "no_next_segment"},
                                             {error_code::already_paused, "already_paused"},
                                             {error_code::not_paused, "not_paused"},
                                             {error_code::unknown_panelist, "unknown_panelist"},
                                             {error_code::not_on_stage, "not_on_stage"},
                                             {error_code::not_allowed_in_segment, "not_allowed_in_segment"},
                                             {error_code::not_in_this_segment, "not_in_this_segment"},
                                             {error_code::no_speaker, "no_speaker"},
                                             {error_code::no_open_seat, "no_open_seat"},
                                             {error_code::not_seated, "not_seated"},
                                             {error_code::no_seats, "no_seats"},
                                             {error_code::unknown_argument, "unknown_argument"},
                                             {error_code::argument_not_pending, "argument_not_pending"},
                                             {error_code::argument_not_published, "argument_not_published"},
                                             {error_code::unknown_poll, "unknown_poll"},
                                             {error_code::poll_not_draft, "poll_not_draft"},
                                             {error_code::poll_not_open, "poll_not_open"},
                                             {error_code::invalid_choice, "invalid_choice"},
                                             {error_code::oxford_poll_exists, "oxford_poll_exists"},
                                             {error_code::channel_exists, "channel_exists"},
                                             {error_code::unknown_topic, "unknown_topic"},
                                             {error_code::unknown_category, "unknown_category"},
                                             {error_code::topic_answered, "topic_answered"},
                                             {error_code::topic_closed, "topic_closed"},
                                             {error_code::unknown_comment, "unknown_comment"},
                                         })

std::string_view to_string(error_code code);

struct error {
  error_code code;
  std::string detail;
};

}  // namespace tribune::protocol
