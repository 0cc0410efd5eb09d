#pragma once
// A debate's report and replay on the wire (docs/protocol.md, "Report and replay"): the room as a
// snapshot shows it, and what only a pass over the whole log knows — the mood minute by minute,
// talk time per segment, the moments a replay seeks to.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "protocol/messages.hpp"
#include "protocol/opinion.hpp"

namespace tribune::protocol {

struct report_counts {
  std::uint64_t participants = 0;   // audience members who joined
  std::uint64_t peak_audience = 0;  // the most audience connections open at once
  std::uint64_t asked = 0;
  std::uint64_t approved = 0;  // approved or answered: the questions the public saw
  std::uint64_t answered = 0;
  std::uint64_t dismissed = 0;
  std::uint64_t pending = 0;
  std::uint64_t arguments = 0;  // published
  std::uint64_t ballots = 0;
  std::uint64_t reactions = 0;
};

// A segment as it ran: when, and how long each side held the floor in it.
struct segment_run {
  segment_id segment = 0;
  std::string name;
  std::int64_t started_at = 0;
  std::int64_t ended_at = 0;  // 0 while it runs
  std::int64_t none_ms = 0;
  std::int64_t for_ms = 0;
  std::int64_t against_ms = 0;
};

// Reactions recorded in one minute of the show (minute 0 starts with it).
struct mood_minute {
  std::int64_t minute = 0;
  reaction_counts counts{};
};

// A moment a replay seeks to: a notable event and what it names.
struct moment {
  seq_t seq = 0;
  std::int64_t at = 0;
  std::string type;
  std::optional<question_id> question;
  std::optional<argument_id> argument;
  std::optional<poll_id> poll;
  std::optional<speaker> speaker_id;
  std::optional<segment_id> segment;
};

// The opinion map over the show: its groups at the end of each minute that changed it, and the
// last map (docs/opinion-map.md, "Over the show").
struct opinion_minute {
  std::int64_t minute = 0;
  std::size_t counted = 0;
  std::vector<opinion_wire::group> groups;  // without representatives
};
struct opinion_report {
  std::optional<opinion_wire::map> final;  // with the dots
  std::vector<opinion_minute> minutes;
};

struct report {
  seq_t seq = 0;
  std::string head;  // the hash chain's head at `seq` (protocol/archive.hpp)
  std::optional<std::int64_t> started_at;
  std::optional<std::int64_t> ended_at;
  report_counts counts;
  wire::talk_time talk_time;
  std::map<std::string, std::string> speakers;  // the name of every speaker talk_time or a moment names
  std::vector<segment_run> segments;
  std::vector<mood_minute> mood;
  std::vector<moment> moments;
  opinion_report opinion;
  snapshot room;  // the room at `seq`, public view (the organizer's: moderator view)
};
std::string encode_report(const report& r);

// The room at one moment of the log.
struct replay_frame {
  seq_t seq = 0;
  std::int64_t at = 0;
  snapshot room;
};
std::string encode_replay_frame(const replay_frame& f);

}  // namespace tribune::protocol
