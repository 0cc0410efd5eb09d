#pragma once
// Identifiers inside a debate. Participants and questions are numbered 1, 2, 3… by the engine and
// written "p3" / "q7" on the wire, so ids are short, deterministic and never reused.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tribune::protocol {

using participant_id = std::uint32_t;
using question_id = std::uint32_t;
using seq_t = std::uint64_t;

std::string format_participant(participant_id id);
std::string format_question(question_id id);
std::optional<participant_id> parse_participant(std::string_view s) noexcept;
std::optional<question_id> parse_question(std::string_view s) noexcept;

enum class reaction_kind : std::uint8_t { applause, agree, disagree, laugh, confused };
constexpr std::size_t reaction_kind_count = 5;
using reaction_counts = std::array<std::uint64_t, reaction_kind_count>;

std::string_view to_string(reaction_kind kind) noexcept;
std::optional<reaction_kind> parse_reaction(std::string_view s) noexcept;

enum class role : std::uint8_t { organizer, moderator, stage, audience, system, panelist };
std::string_view to_string(role r) noexcept;

}  // namespace tribune::protocol
