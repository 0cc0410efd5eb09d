// The storage form of the state: every field of every slice's part, under a format version that
// changes whenever a part does.
#include "engine/snapshot.hpp"

#include <map>
#include <set>

namespace tribune::engine {
namespace {

using json = nlohmann::json;

// Bump whenever a part of the state gains, loses or changes a field.
constexpr int format_version = 1;

// Unordered containers are written in key order, so the same state always gives the same text.
template <class K, class V>
std::map<K, V> sorted(const std::unordered_map<K, V>& m) {
  return {m.begin(), m.end()};
}
template <class K>
std::set<K> sorted(const std::unordered_set<K>& s) {
  return {s.begin(), s.end()};
}

}  // namespace

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant, id, name, muted, banned, cred)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(log_entry, seq, at, action, question, argument, participant, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(reactions_state, reactions)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(panelist, id, name, role, side, on_stage, cred)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(floor_turn, who, started_at, allotted_ms, paused_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(hand, who, in, raised_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(show_state, format, segments, seats, status, segment, segment_started_at,
                                   segment_paused_ms, paused_at, floor, hands, seated, seat_requests, talk_ms,
                                   side_talk_ms)

// The indexes by credential selector are rebuilt from the lists rather than stored.
void to_json(json& j, const debate_state& d) {
  j = json{{"exists", d.exists},
           {"debate", d.debate},
           {"moderator", d.moderator},
           {"stage", d.stage},
           {"participants", d.participants}};
}
void from_json(const json& j, debate_state& d) {
  j.at("exists").get_to(d.exists);
  j.at("debate").get_to(d.debate);
  j.at("moderator").get_to(d.moderator);
  j.at("stage").get_to(d.stage);
  j.at("participants").get_to(d.participants);
  for (const auto& p : d.participants) d.participant_by_selector.emplace(p.cred.selector, p.id);
}

void to_json(json& j, const stage_state& st) { j = json{{"show", st.show}, {"panelists", st.panelists}}; }
void from_json(const json& j, stage_state& st) {
  j.at("show").get_to(st.show);
  j.at("panelists").get_to(st.panelists);
  for (const auto& p : st.panelists) st.panelist_by_selector.emplace(p.cred.selector, p.id);
}

void to_json(json& j, const question& q) {
  j = json{{"id", q.id},
           {"author", q.author},
           {"text", q.text},
           {"anonymous", q.anonymous},
           {"status", q.status},
           {"pinned", q.pinned},
           {"asked_at", q.asked_at},
           {"dismiss_reason", q.dismiss_reason},
           {"voters", sorted(q.voters)}};
}
void from_json(const json& j, question& q) {
  j.at("id").get_to(q.id);
  j.at("author").get_to(q.author);
  j.at("text").get_to(q.text);
  j.at("anonymous").get_to(q.anonymous);
  j.at("status").get_to(q.status);
  j.at("pinned").get_to(q.pinned);
  j.at("asked_at").get_to(q.asked_at);
  j.at("dismiss_reason").get_to(q.dismiss_reason);
  j.at("voters").get_to(q.voters);
}

void to_json(json& j, const questions_state& q) {
  j = json{{"questions", q.questions},
           {"on_air", q.on_air},
           {"pending_count", q.pending_count},
           {"moderation_private", q.moderation_private},
           {"log", q.log},
           {"recent_asks", sorted(q.recent_asks)}};
}
void from_json(const json& j, questions_state& q) {
  j.at("questions").get_to(q.questions);
  j.at("on_air").get_to(q.on_air);
  j.at("pending_count").get_to(q.pending_count);
  j.at("moderation_private").get_to(q.moderation_private);
  j.at("log").get_to(q.log);
  j.at("recent_asks").get_to(q.recent_asks);
}

void to_json(json& j, const argument& a) {
  j = json{{"id", a.id},
           {"author", a.author},
           {"text", a.text},
           {"stance", a.stance},
           {"parent", a.parent},
           {"answers", a.answers},
           {"source", a.source},
           {"status", a.status},
           {"segment", a.segment},
           {"on_floor", a.on_floor},
           {"at", a.at},
           {"addressed", a.addressed},
           {"dismiss_reason", a.dismiss_reason},
           {"ratings", sorted(a.ratings)},
           {"counts", a.counts}};
}
void from_json(const json& j, argument& a) {
  j.at("id").get_to(a.id);
  j.at("author").get_to(a.author);
  j.at("text").get_to(a.text);
  j.at("stance").get_to(a.stance);
  j.at("parent").get_to(a.parent);
  j.at("answers").get_to(a.answers);
  j.at("source").get_to(a.source);
  j.at("status").get_to(a.status);
  j.at("segment").get_to(a.segment);
  j.at("on_floor").get_to(a.on_floor);
  j.at("at").get_to(a.at);
  j.at("addressed").get_to(a.addressed);
  j.at("dismiss_reason").get_to(a.dismiss_reason);
  j.at("ratings").get_to(a.ratings);
  j.at("counts").get_to(a.counts);
}

void to_json(json& j, const poll& p) {
  j = json{{"id", p.id},         {"kind", p.kind},     {"question", p.question},    {"options", p.options},
           {"phase", p.phase},   {"status", p.status}, {"revealed", p.revealed},    {"ballots", sorted(p.ballots)},
           {"counts", p.counts}, {"words", p.words},   {"changed_by", p.changed_by}};
}
void from_json(const json& j, poll& p) {
  j.at("id").get_to(p.id);
  j.at("kind").get_to(p.kind);
  j.at("question").get_to(p.question);
  j.at("options").get_to(p.options);
  j.at("phase").get_to(p.phase);
  j.at("status").get_to(p.status);
  j.at("revealed").get_to(p.revealed);
  j.at("ballots").get_to(p.ballots);
  j.at("counts").get_to(p.counts);
  j.at("words").get_to(p.words);
  j.at("changed_by").get_to(p.changed_by);
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(arguments_state, arguments, featured_argument)
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
