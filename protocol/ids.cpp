#include "protocol/ids.hpp"

#include <charconv>

namespace tribune::protocol {
namespace {

// "<prefix><digits>", digits without a leading zero and within 32 bits.
std::optional<std::uint32_t> parse_prefixed(std::string_view s, char prefix) noexcept {
  if (s.size() < 2 || s.size() > 11 || s[0] != prefix || s[1] == '0') return std::nullopt;
  std::uint32_t value = 0;
  const auto* last = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data() + 1, last, value);
  if (ec != std::errc{} || ptr != last) return std::nullopt;
  return value;
}

std::string prefixed(char prefix, std::uint32_t id) { return prefix + std::to_string(id); }

}  // namespace

std::string format_participant(participant_id id) { return prefixed('p', id); }
std::string format_question(question_id id) { return prefixed('q', id); }
std::string format_panelist(panelist_id id) { return prefixed('g', id); }
std::string format_argument(argument_id id) { return prefixed('a', id); }
std::string format_poll(poll_id id) { return prefixed('v', id); }
std::string format_segment(segment_id id) { return prefixed('s', id); }
std::string format_topic(topic_id id) { return prefixed('t', id); }
std::string format_visitor(visitor_id id) { return prefixed('i', id); }
std::string format_comment(comment_id id) { return prefixed('c', id); }
std::string format_cue(cue_id id) { return prefixed('k', id); }
std::string format_prediction(prediction_id id) { return prefixed('r', id); }
std::string format_quiz_question(quiz_question_id id) { return prefixed('z', id); }
std::string format_moderator(moderator_id id) { return prefixed('o', id); }
std::string format_staff_message(staff_message_id id) { return prefixed('m', id); }

std::optional<participant_id> parse_participant(std::string_view s) noexcept { return parse_prefixed(s, 'p'); }
std::optional<question_id> parse_question(std::string_view s) noexcept { return parse_prefixed(s, 'q'); }
std::optional<panelist_id> parse_panelist(std::string_view s) noexcept { return parse_prefixed(s, 'g'); }
std::optional<argument_id> parse_argument(std::string_view s) noexcept { return parse_prefixed(s, 'a'); }
std::optional<poll_id> parse_poll(std::string_view s) noexcept { return parse_prefixed(s, 'v'); }
std::optional<topic_id> parse_topic(std::string_view s) noexcept { return parse_prefixed(s, 't'); }
std::optional<visitor_id> parse_visitor(std::string_view s) noexcept { return parse_prefixed(s, 'i'); }
std::optional<comment_id> parse_comment(std::string_view s) noexcept { return parse_prefixed(s, 'c'); }
std::optional<cue_id> parse_cue(std::string_view s) noexcept { return parse_prefixed(s, 'k'); }
std::optional<prediction_id> parse_prediction(std::string_view s) noexcept { return parse_prefixed(s, 'r'); }
std::optional<quiz_question_id> parse_quiz_question(std::string_view s) noexcept { return parse_prefixed(s, 'z'); }
std::optional<segment_id> parse_segment(std::string_view s) noexcept { return parse_prefixed(s, 's'); }
std::optional<moderator_id> parse_moderator(std::string_view s) noexcept { return parse_prefixed(s, 'o'); }

std::string format_speaker(const speaker& s) { return s.seated ? format_participant(s.id) : format_panelist(s.id); }

std::optional<speaker> parse_speaker(std::string_view s) noexcept {
  if (const auto g = parse_panelist(s)) return speaker{false, *g};
  if (const auto p = parse_participant(s)) return speaker{true, *p};
  return std::nullopt;
}

}  // namespace tribune::protocol
