#include "engine/formats.hpp"

namespace tribune::engine {
namespace {

using protocol::segment_kind;
namespace speak = protocol::may_speak;
namespace aud = protocol::audience_may;

constexpr std::uint8_t both_sides = speak::for_side | speak::against_side;
constexpr std::uint8_t everyone_asks = aud::questions | aud::arguments;

segment_spec seg(std::string name, segment_kind kind, std::uint32_t minutes, std::uint8_t speakers,
                 std::uint8_t audience, std::uint32_t speaker_seconds) {
  return segment_spec{std::move(name), kind, minutes, speakers, audience, speaker_seconds};
}

}  // namespace

std::vector<std::string_view> format_names() { return {"oxford", "talk_show", "round_table", "fishbowl"}; }

std::optional<cmd::set_format> format_template(std::string_view name) {
  if (name == "oxford") {
    return cmd::set_format{
        "oxford",
        {seg("Vote before the debate", segment_kind::vote_before, 2, speak::host, aud::vote | aud::questions, 60),
         seg("Opening statements", segment_kind::opening, 10, both_sides, everyone_asks, 300),
         seg("Free debate", segment_kind::free_debate, 15, both_sides | speak::host, everyone_asks, 90),
         seg("Audience questions", segment_kind::questions, 10, both_sides | speak::host, everyone_asks, 90),
         seg("Closing statements", segment_kind::closing, 6, both_sides, everyone_asks, 180),
         seg("Vote after the debate", segment_kind::vote_after, 2, speak::host, aud::vote | aud::arguments, 60)},
        0};
  }
  if (name == "talk_show") {
    return cmd::set_format{"talk_show",
                           {seg("Introduction", segment_kind::intro, 3, speak::host, aud::questions, 180),
                            seg("Conversation", segment_kind::conversation, 25,
                                speak::host | speak::guest | speak::panelist, everyone_asks, 120),
                            seg("Audience questions", segment_kind::questions, 15,
                                speak::host | speak::guest | speak::panelist, everyone_asks, 90),
                            seg("Wrap-up", segment_kind::wrap_up, 3, speak::host, aud::questions, 180)},
                           0};
  }
  if (name == "round_table") {
    // Every guest answers the same question in turn, with equal time.
    return cmd::set_format{"round_table",
                           {seg("Introduction", segment_kind::intro, 3, speak::host, aud::questions, 180),
                            seg("One question, every guest in turn", segment_kind::round, 20,
                                speak::guest | speak::panelist, everyone_asks, 180),
                            seg("Open discussion", segment_kind::conversation, 15,
                                speak::host | speak::guest | speak::panelist, everyone_asks, 90),
                            seg("Audience questions", segment_kind::questions, 10,
                                speak::host | speak::guest | speak::panelist, everyone_asks, 90)},
                           0};
  }
  if (name == "fishbowl") {
    // Seats on stage, one left open: an audience member asks for it and the moderator seats them.
    return cmd::set_format{"fishbowl",
                           {seg("Introduction", segment_kind::intro, 3, speak::host, aud::questions, 180),
                            seg("Fishbowl", segment_kind::fishbowl, 40,
                                speak::host | speak::guest | speak::panelist | speak::seat, everyone_asks, 120),
                            seg("Wrap-up", segment_kind::wrap_up, 5, speak::host, aud::questions, 180)},
                           5};
  }
  return std::nullopt;
}

}  // namespace tribune::engine
