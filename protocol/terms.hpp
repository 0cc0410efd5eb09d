#pragma once
// The vocabulary of a structured debate: sides, panel roles, hand lanes, segment kinds, argument
// relations, ratings and poll kinds, each with its wire word. Pure.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/ids.hpp"

namespace tribune::protocol {

using panelist_id = std::uint32_t;  // "g3"
using argument_id = std::uint32_t;  // "a3"
using poll_id = std::uint32_t;      // "v3"
using segment_id = std::uint32_t;   // "s3": position in the run of show, from 1

std::string format_panelist(panelist_id id);
std::string format_argument(argument_id id);
std::string format_poll(poll_id id);
std::string format_segment(segment_id id);
std::optional<panelist_id> parse_panelist(std::string_view s) noexcept;
std::optional<argument_id> parse_argument(std::string_view s) noexcept;
std::optional<poll_id> parse_poll(std::string_view s) noexcept;

// Who may hold the floor: a panelist, or an audience member seated on stage (fishbowl).
struct speaker {
  bool seated = false;  // false: panelist id; true: participant id
  std::uint32_t id = 0;
  friend bool operator==(const speaker&, const speaker&) = default;
};
std::string format_speaker(const speaker& s);
std::optional<speaker> parse_speaker(std::string_view s) noexcept;

enum class side : std::uint8_t { none, for_motion, against_motion };
enum class panel_role : std::uint8_t { host, guest, panelist };
enum class lane : std::uint8_t { new_point, direct_reply };
enum class relation : std::uint8_t { none, supports, opposes, rebuts };
enum class rating : std::uint8_t { agree, disagree, pass };
enum class poll_kind : std::uint8_t { single, multiple, scale, word_cloud };
enum class oxford_phase : std::uint8_t { none, before, after };
enum class segment_kind : std::uint8_t {
  intro,
  vote_before,
  opening,
  free_debate,
  questions,
  closing,
  vote_after,
  conversation,
  round,
  fishbowl,
  wrap_up
};

// Bit sets of a segment: who may speak, and what the audience may do.
namespace may_speak {
constexpr std::uint8_t host = 1, guest = 2, panelist = 4, for_side = 8, against_side = 16, seat = 32;
}
namespace audience_may {
constexpr std::uint8_t questions = 1, arguments = 2, vote = 4;
}

std::string_view to_string(side v) noexcept;
std::string_view to_string(panel_role v) noexcept;
std::string_view to_string(lane v) noexcept;
std::string_view to_string(relation v) noexcept;
std::string_view to_string(rating v) noexcept;
std::string_view to_string(poll_kind v) noexcept;
std::string_view to_string(oxford_phase v) noexcept;
std::string_view to_string(segment_kind v) noexcept;

std::optional<side> parse_side(std::string_view s) noexcept;
std::optional<panel_role> parse_panel_role(std::string_view s) noexcept;
std::optional<lane> parse_lane(std::string_view s) noexcept;
std::optional<relation> parse_relation(std::string_view s) noexcept;
std::optional<rating> parse_rating(std::string_view s) noexcept;
std::optional<poll_kind> parse_poll_kind(std::string_view s) noexcept;
std::optional<oxford_phase> parse_oxford_phase(std::string_view s) noexcept;
std::optional<segment_kind> parse_segment_kind(std::string_view s) noexcept;

// The words of the two bit sets, e.g. {"for", "against"} and {"questions", "vote"}.
std::optional<std::uint8_t> parse_speaker_word(std::string_view s) noexcept;
std::optional<std::uint8_t> parse_audience_word(std::string_view s) noexcept;
std::string_view speaker_word(std::uint8_t bit) noexcept;
std::string_view audience_word(std::uint8_t bit) noexcept;

// Case- and accent-folded form of a word-cloud answer (NFKC, case fold, marks stripped, inner
// whitespace collapsed). Empty when nothing is left.
std::string fold_word(std::string_view word);

}  // namespace tribune::protocol
