// The storage form of the state: every field of every slice's part, under a format version that
// changes whenever a part does.
#include "engine/snapshot.hpp"

#include "protocol/flags.hpp"

namespace tribune::engine {
namespace {

using json = nlohmann::json;

// Bump whenever a part of the state gains, loses or changes a field.
constexpr int format_version = 11;

}  // namespace

// Every container of the state is ordered, so a state always writes the same text.
// A snapshot holds no text kept beside the log (a name given on joining, a contact): only their
// refs, restored from the rows once it is read (restore_texts), so that an erasure leaves none
// behind in a snapshot.
void to_json(json& j, const left_contact& c) {
  j = json{{"ref", c.ref}, {"brand", c.brand}, {"sponsor", c.sponsor}, {"at", c.at}};
}
void from_json(const json& j, left_contact& c) {
  c = left_contact{j.at("ref").get<std::uint32_t>(),
                   {},
                   j.at("brand").get<bool>(),
                   j.at("sponsor").get<bool>(),
                   j.at("at").get<std::int64_t>()};
}
void to_json(json& j, const participant& p) {
  j = json{{"id", p.id},
           {"name", p.name_ref != 0 ? std::string() : p.name},
           {"muted", p.muted},
           {"banned", p.banned},
           {"cred", p.cred},
           {"name_ref", p.name_ref},
           {"contact", p.contact ? json(*p.contact) : json(nullptr)},
           {"flag", p.flag}};
}
void from_json(const json& j, participant& p) {
  p.id = j.at("id").get<participant_id>();
  p.name = j.at("name").get<std::string>();
  p.muted = j.at("muted").get<bool>();
  p.banned = j.at("banned").get<bool>();
  p.cred = j.at("cred").get<credential>();
  p.name_ref = j.at("name_ref").get<std::uint32_t>();
  p.contact.reset();
  if (!j.at("contact").is_null()) p.contact = j.at("contact").get<left_contact>();
  p.flag = j.at("flag").get<std::string>();
}
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(debate_state, exists, debate, moderator, stage, overlay, participants,
                                   participant_by_selector, kept_refs)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question, id, author, text, anonymous, status, pinned, asked_at, dismiss_reason,
                                   voters, flag, segment)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(log_entry, seq, at, action, question, argument, participant, reason, into, by)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(questions_state, questions, on_air, pending_count, moderation_private, log,
                                   recent_asks)
// peak_audience came later: a snapshot without it reads 0, and the next peak is recorded again.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(reactions_state, reactions, peak_audience)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(panelist, id, name, role, side, on_stage, cred)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(floor_turn, who, started_at, allotted_ms, paused_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(hand, who, in, raised_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(show_state, format, segments, seats, status, segment, segment_started_at,
                                   segment_paused_ms, paused_at, floor, hands, seated, seat_requests, talk_ms,
                                   side_talk_ms, automatic, turns_taken, seated_since)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(stage_state, show, panelists, panelist_by_selector)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(argument, id, author, text, stance, parent, answers, source, status, segment,
                                   on_floor, at, addressed, dismiss_reason, flag, ratings, counts)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(arguments_state, arguments, featured_argument)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(poll, id, kind, question, options, phase, status, revealed, ballots, counts, words,
                                   changed_by)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(polls_state, polls)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(cue, id, panelist, kind, text, at, acknowledged_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(staff_message, id, text, at, by)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(backstage_state, cues, staff_messages)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(prediction, id, title, outcomes, status, winner, picks, counts)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(predictions_state, predictions)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(quiz_answer, choice, ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(quiz_question, id, text, choices, correct, seconds, started_at, open, answers,
                                   counts)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(quiz_score, points, ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(quiz_state, quiz, quiz_scores)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(team_member, id, name, cred, removed)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(team_state, first_name, members, names_public)
// The patterns are derived from the words: only the words are stored, and the patterns folded
// again on reading, so a snapshot never disagrees with its own list.
void to_json(json& j, const flags_state& f) {
  j = json{{"own_flag_words", f.own_flag_words}, {"flag_words", f.flag_words}};
}
void from_json(const json& j, flags_state& f) {
  f.own_flag_words = j.at("own_flag_words").get<bool>();
  f.flag_words = j.at("flag_words").get<std::vector<std::string>>();
  f.flag_patterns = protocol::flag_patterns(f.flag_words);
}

std::string encode_state(const state& s) {
  return json{{"version", format_version},
              {"seq", s.seq},
              {"debate", static_cast<const debate_state&>(s)},
              {"questions", static_cast<const questions_state&>(s)},
              {"reactions", static_cast<const reactions_state&>(s)},
              {"stage", static_cast<const stage_state&>(s)},
              {"arguments", static_cast<const arguments_state&>(s)},
              {"polls", static_cast<const polls_state&>(s)},
              {"backstage", static_cast<const backstage_state&>(s)},
              {"predictions", static_cast<const predictions_state&>(s)},
              {"quiz", static_cast<const quiz_state&>(s)},
              {"team", static_cast<const team_state&>(s)},
              {"flags", static_cast<const flags_state&>(s)}}
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
    static_cast<backstage_state&>(s) = j.at("backstage").get<backstage_state>();
    static_cast<predictions_state&>(s) = j.at("predictions").get<predictions_state>();
    static_cast<quiz_state&>(s) = j.at("quiz").get<quiz_state>();
    static_cast<team_state&>(s) = j.at("team").get<team_state>();
    static_cast<flags_state&>(s) = j.at("flags").get<flags_state>();
    return s;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace tribune::engine
