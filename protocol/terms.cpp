#include "protocol/terms.hpp"

#include <utf8proc.h>

#include <array>
#include <charconv>
#include <cstdlib>
#include <memory>

namespace tribune::protocol {
namespace {

std::optional<std::uint32_t> parse_prefixed(std::string_view s, char prefix) noexcept {
  if (s.size() < 2 || s.size() > 11 || s[0] != prefix || s[1] == '0') return std::nullopt;
  std::uint32_t value = 0;
  const auto* last = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data() + 1, last, value);
  if (ec != std::errc{} || ptr != last) return std::nullopt;
  return value;
}

template <class E, std::size_t N>
std::optional<E> parse_word(const std::array<std::string_view, N>& words, std::string_view s) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (words[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 3> side_words = {"none", "for", "against"};
constexpr std::array<std::string_view, 3> panel_role_words = {"host", "guest", "panelist"};
constexpr std::array<std::string_view, 2> lane_words = {"new_point", "direct_reply"};
constexpr std::array<std::string_view, 4> relation_words = {"none", "supports", "opposes", "rebuts"};
constexpr std::array<std::string_view, 3> rating_words = {"agree", "disagree", "pass"};
constexpr std::array<std::string_view, 4> poll_kind_words = {"single", "multiple", "scale", "word_cloud"};
constexpr std::array<std::string_view, 3> oxford_words = {"none", "before", "after"};
constexpr std::array<std::string_view, 11> segment_kind_words = {
    "intro",      "vote_before",  "opening", "free_debate", "questions", "closing",
    "vote_after", "conversation", "round",   "fishbowl",    "wrap_up"};
constexpr std::array<std::string_view, 6> speaker_words = {"host", "guest", "panelist", "for", "against", "seat"};
constexpr std::array<std::string_view, 3> audience_words = {"questions", "arguments", "vote"};

template <std::size_t N>
std::string_view word_of(const std::array<std::string_view, N>& words, std::size_t i) noexcept {
  return i < N ? words[i] : std::string_view("unknown");
}

}  // namespace

std::string format_panelist(panelist_id id) { return "g" + std::to_string(id); }
std::string format_argument(argument_id id) { return "a" + std::to_string(id); }
std::string format_poll(poll_id id) { return "v" + std::to_string(id); }
std::string format_segment(segment_id id) { return "s" + std::to_string(id); }
std::optional<panelist_id> parse_panelist(std::string_view s) noexcept { return parse_prefixed(s, 'g'); }
std::optional<argument_id> parse_argument(std::string_view s) noexcept { return parse_prefixed(s, 'a'); }
std::optional<poll_id> parse_poll(std::string_view s) noexcept { return parse_prefixed(s, 'v'); }

std::string format_speaker(const speaker& s) { return s.seated ? format_participant(s.id) : format_panelist(s.id); }
std::optional<speaker> parse_speaker(std::string_view s) noexcept {
  if (const auto g = parse_panelist(s)) return speaker{false, *g};
  if (const auto p = parse_participant(s)) return speaker{true, *p};
  return std::nullopt;
}

std::string_view to_string(side v) noexcept { return word_of(side_words, static_cast<std::size_t>(v)); }
std::string_view to_string(panel_role v) noexcept { return word_of(panel_role_words, static_cast<std::size_t>(v)); }
std::string_view to_string(lane v) noexcept { return word_of(lane_words, static_cast<std::size_t>(v)); }
std::string_view to_string(relation v) noexcept { return word_of(relation_words, static_cast<std::size_t>(v)); }
std::string_view to_string(rating v) noexcept { return word_of(rating_words, static_cast<std::size_t>(v)); }
std::string_view to_string(poll_kind v) noexcept { return word_of(poll_kind_words, static_cast<std::size_t>(v)); }
std::string_view to_string(oxford_phase v) noexcept { return word_of(oxford_words, static_cast<std::size_t>(v)); }
std::string_view to_string(segment_kind v) noexcept { return word_of(segment_kind_words, static_cast<std::size_t>(v)); }

std::optional<side> parse_side(std::string_view s) noexcept { return parse_word<side>(side_words, s); }
std::optional<panel_role> parse_panel_role(std::string_view s) noexcept {
  return parse_word<panel_role>(panel_role_words, s);
}
std::optional<lane> parse_lane(std::string_view s) noexcept { return parse_word<lane>(lane_words, s); }
std::optional<relation> parse_relation(std::string_view s) noexcept { return parse_word<relation>(relation_words, s); }
std::optional<rating> parse_rating(std::string_view s) noexcept { return parse_word<rating>(rating_words, s); }
std::optional<poll_kind> parse_poll_kind(std::string_view s) noexcept {
  return parse_word<poll_kind>(poll_kind_words, s);
}
std::optional<oxford_phase> parse_oxford_phase(std::string_view s) noexcept {
  return parse_word<oxford_phase>(oxford_words, s);
}
std::optional<segment_kind> parse_segment_kind(std::string_view s) noexcept {
  return parse_word<segment_kind>(segment_kind_words, s);
}

std::optional<std::uint8_t> parse_speaker_word(std::string_view s) noexcept {
  for (std::size_t i = 0; i < speaker_words.size(); ++i) {
    if (speaker_words[i] == s) return static_cast<std::uint8_t>(1u << i);
  }
  return std::nullopt;
}
std::optional<std::uint8_t> parse_audience_word(std::string_view s) noexcept {
  for (std::size_t i = 0; i < audience_words.size(); ++i) {
    if (audience_words[i] == s) return static_cast<std::uint8_t>(1u << i);
  }
  return std::nullopt;
}
std::string_view speaker_word(std::uint8_t bit) noexcept {
  for (std::size_t i = 0; i < speaker_words.size(); ++i) {
    if (bit == (1u << i)) return speaker_words[i];
  }
  return "unknown";
}
std::string_view audience_word(std::uint8_t bit) noexcept {
  for (std::size_t i = 0; i < audience_words.size(); ++i) {
    if (bit == (1u << i)) return audience_words[i];
  }
  return "unknown";
}

std::string fold_word(std::string_view word) {
  utf8proc_uint8_t* folded = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
                              static_cast<utf8proc_ssize_t>(word.size()), &folded, options);
  if (n < 0) return {};
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(folded, &std::free);
  std::string out;
  bool space = false;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    const auto c = static_cast<char>(folded[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace tribune::protocol
