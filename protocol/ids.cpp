#include "protocol/ids.hpp"

#include <charconv>

namespace tribune::protocol {
namespace {

std::optional<std::uint32_t> parse_prefixed(std::string_view s, char prefix) noexcept {
  if (s.size() < 2 || s.size() > 11 || s[0] != prefix || s[1] == '0') return std::nullopt;
  std::uint32_t value = 0;
  const auto* first = s.data() + 1;
  const auto* last = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc{} || ptr != last) return std::nullopt;
  return value;
}

constexpr std::array<std::string_view, reaction_kind_count> reaction_names = {"applause", "agree", "disagree", "laugh",
                                                                              "confused"};

}  // namespace

std::string format_participant(participant_id id) { return "p" + std::to_string(id); }
std::string format_question(question_id id) { return "q" + std::to_string(id); }

std::optional<participant_id> parse_participant(std::string_view s) noexcept { return parse_prefixed(s, 'p'); }
std::optional<question_id> parse_question(std::string_view s) noexcept { return parse_prefixed(s, 'q'); }

std::string_view to_string(reaction_kind kind) noexcept { return reaction_names.at(static_cast<std::size_t>(kind)); }

std::optional<reaction_kind> parse_reaction(std::string_view s) noexcept {
  for (std::size_t i = 0; i < reaction_names.size(); ++i) {
    if (reaction_names[i] == s) return static_cast<reaction_kind>(i);
  }
  return std::nullopt;
}

std::string_view to_string(role r) noexcept {
  switch (r) {
    case role::organizer: return "organizer";
    case role::moderator: return "moderator";
    case role::stage: return "stage";
    case role::audience: return "audience";
    case role::system: return "system";
    case role::panelist: return "panelist";
  }
  return "unknown";
}

}  // namespace tribune::protocol
