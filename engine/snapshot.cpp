// The storage form of the state: every field of every slice's part, under a format version that
// changes whenever a part does.
#include "engine/snapshot.hpp"

namespace tribune::engine {
namespace {

using json = nlohmann::json;

// Bump whenever a part of the state gains, loses or changes a field.
constexpr int format_version = 2;

}  // namespace

// Every container of the state is ordered, so a state always writes the same text.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant, id, name, muted, banned, cred)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(debate_state, exists, debate, moderator, stage, overlay, participants,
                                   participant_by_selector)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question, id, author, text, anonymous, status, pinned, asked_at, dismiss_reason,
                                   voters)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(log_entry, seq, at, action, question, argument, participant, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(questions_state, questions, on_air, pending_count, moderation_private, log,
                                   recent_asks)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(reactions_state, reactions)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(panelist, id, name, role, side, on_stage, cred)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(floor_turn, who, started_at, allotted_ms, paused_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(hand, who, in, raised_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(show_state, format, segments, seats, status, segment, segment_started_at,
                                   segment_paused_ms, paused_at, floor, hands, seated, seat_requests, talk_ms,
                                   side_talk_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(stage_state, show, panelists, panelist_by_selector)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(argument, id, author, text, stance, parent, answers, source, status, segment,
                                   on_floor, at, addressed, dismiss_reason, ratings, counts)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(arguments_state, arguments, featured_argument)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(poll, id, kind, question, options, phase, status, revealed, ballots, counts, words,
                                   changed_by)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(polls_state, polls)

std::string encode_state(const state& s) {
  return json{{"version", format_version},
              {"seq", s.seq},
              {"debate", static_cast<const debate_state&>(s)},
              {"questions", static_cast<const questions_state&>(s)},
              {"reactions", static_cast<const reactions_state&>(s)},
              {"stage", static_cast<const stage_state&>(s)},
              {"arguments", static_cast<const arguments_state&>(s)},
              {"polls", static_cast<const polls_state&>(s)}}
      .dump();
}

std::optional<state> decode_state(std::string_view text) {
  const auto j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || j.value("version", 0) != format_version) return std::nullopt;
  try {
    state s;
    s.seq = j.at("seq").get<seq_t>();
    static_cast<debate_state&>(s) = j.at("debate").get<debate_state>();
    static_cast<questions_state&>(s) = j.at("questions").get<questions_state>();
    static_cast<reactions_state&>(s) = j.at("reactions").get<reactions_state>();
    static_cast<stage_state&>(s) = j.at("stage").get<stage_state>();
    static_cast<arguments_state&>(s) = j.at("arguments").get<arguments_state>();
    static_cast<polls_state&>(s) = j.at("polls").get<polls_state>();
    return s;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace tribune::engine
