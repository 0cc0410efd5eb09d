// The format templates: a run of show for each kind of programme, edited freely by organizers.
#include "engine/stage/stage.hpp"

namespace tribune::engine {
namespace {

using protocol::segment_kind;
using protocol::show_format;
namespace speak = protocol::may_speak;
namespace aud = protocol::audience_may;

constexpr std::uint8_t both_sides = speak::for_side | speak::against_side;
constexpr std::uint8_t whole_panel = speak::host | speak::guest | speak::panelist;
constexpr std::uint8_t everyone_asks = aud::questions | aud::arguments;

segment_spec seg(std::string name, segment_kind kind, std::uint32_t minutes, std::uint8_t speakers,
                 std::uint8_t audience, std::uint32_t speaker_seconds) {
  return segment_spec{std::move(name), kind, minutes, speakers, audience, speaker_seconds};
}

cmd::set_format oxford() {
  return {show_format::oxford,
          {seg("Vote before the debate", segment_kind::vote_before, 2, speak::host, aud::vote | aud::questions, 60),
           seg("Opening statements", segment_kind::opening, 10, both_sides, everyone_asks, 300),
           seg("Free debate", segment_kind::free_debate, 15, both_sides | speak::host, everyone_asks, 90),
           seg("Audience questions", segment_kind::questions, 10, both_sides | speak::host, everyone_asks, 90),
           seg("Closing statements", segment_kind::closing, 6, both_sides, everyone_asks, 180),
           seg("Vote after the debate", segment_kind::vote_after, 2, speak::host, aud::vote | aud::arguments, 60)},
          0};
}

cmd::set_format talk_show() {
  return {show_format::talk_show,
          {seg("Introduction", segment_kind::intro, 3, speak::host, aud::questions, 180),
           seg("Conversation", segment_kind::conversation, 25, whole_panel, everyone_asks, 120),
           seg("Audience questions", segment_kind::questions, 15, whole_panel, everyone_asks, 90),
           seg("Wrap-up", segment_kind::wrap_up, 3, speak::host, aud::questions, 180)},
          0};
}

// Every guest answers the same question in turn, with equal time.
cmd::set_format round_table() {
  return {show_format::round_table,
          {seg("Introduction", segment_kind::intro, 3, speak::host, aud::questions, 180),
           seg("One question, every guest in turn", segment_kind::round, 20, speak::guest | speak::panelist,
               everyone_asks, 180),
           seg("Open discussion", segment_kind::conversation, 15, whole_panel, everyone_asks, 90),
           seg("Audience questions", segment_kind::questions, 10, whole_panel, everyone_asks, 90)},
          0};
}

// Seats on stage, one left open: an audience member asks for it and the moderator seats them.
cmd::set_format fishbowl() {
  return {show_format::fishbowl,
          {seg("Introduction", segment_kind::intro, 3, speak::host, aud::questions, 180),
           seg("Fishbowl", segment_kind::fishbowl, 40, whole_panel | speak::seat, everyone_asks, 120),
           seg("Wrap-up", segment_kind::wrap_up, 5, speak::host, aud::questions, 180)},
          5};
}

}  // namespace

std::vector<show_format> format_names() {
  return {show_format::oxford, show_format::talk_show, show_format::round_table, show_format::fishbowl};
}

std::optional<cmd::set_format> format_template(show_format name) {
  switch (name) {
    case show_format::oxford: return oxford();
    case show_format::talk_show: return talk_show();
    case show_format::round_table: return round_table();
    case show_format::fishbowl: return fishbowl();
    case show_format::custom: return std::nullopt;
  }
  return std::nullopt;
}

cmd::set_format format_from(const protocol::rest::set_format& request) {
  auto out = format_template(request.format).value_or(cmd::set_format{show_format::custom, {}, 0});
  out.format = request.format;
  if (request.segments) {
    out.segments.clear();
    for (const auto& s : *request.segments) {
      out.segments.push_back(seg(s.name, s.kind, s.minutes, s.speakers, s.audience, s.speaker_seconds));
    }
  }
  if (request.seats) out.seats = *request.seats;
  out.automatic = request.automatic;
  return out;
}

}  // namespace tribune::engine
