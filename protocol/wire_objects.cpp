// How each object the server shows is written. Ids carry their one-letter prefix, words come from
// the vocabulary's tables, and a field a view may not see is left out rather than set to null
// unless docs/protocol.md says null.
#include "protocol/wire.hpp"

#include "protocol/words.hpp"

namespace tribune::protocol::wire {
namespace {

template <class T, class F>
json or_null(const std::optional<T>& v, F&& write) {
  return v ? json(write(*v)) : json(nullptr);
}

template <class E>
json bit_words(std::uint8_t bits) {
  json out = json::array();
  for (unsigned i = 0; i < 8; ++i) {
    if ((bits & (1u << i)) != 0) out.push_back(word(static_cast<E>(i)));
  }
  return out;
}

}  // namespace

json reaction_counts_json(const reaction_counts& counts) {
  json j = json::object();
  for (std::size_t i = 0; i < counts.size(); ++i) j[std::string(word(static_cast<reaction_kind>(i)))] = counts[i];
  return j;
}

void to_json(json& j, const debate& v) {
  j = json{{"id", v.id},
           {"code", v.code},
           {"title", v.title},
           {"motion", v.motion},
           {"description", v.description},
           {"created_at", v.created_at}};
}

void to_json(json& j, const participant_ref& v) { j = json{{"id", format_participant(v.id)}, {"name", v.name}}; }

void to_json(json& j, const question& v) {
  j = json{{"id", format_question(v.id)},
           {"text", v.text},
           {"author", v.author ? json(*v.author) : json(nullptr)},
           {"status", word(v.status)},
           {"votes", v.votes},
           {"pinned", v.pinned},
           {"asked_at", v.asked_at},
           {"segment", v.segment ? json(format_segment(*v.segment)) : json(nullptr)}};
  if (v.anonymous) j["anonymous"] = *v.anonymous;
  if (v.reason) j["reason"] = *v.reason;
  if (v.flag) j["flag"] = *v.flag;
  if (v.before) {
    json b{{"by", v.before->by}, {"kind", v.before->argument ? "argument" : "question"}};
    if (v.before->stance != side::none) b["side"] = word(v.before->stance);
    j["before_show"] = std::move(b);
  }
}

void to_json(json& j, const log_entry& v) {
  j = json{{"seq", v.seq}, {"at", v.at}, {"action", word(v.action)}};
  const auto item = [](std::string id, const logged_item& i) {
    json out{{"id", std::move(id)}};
    if (i.text) out["text"] = *i.text;
    return out;
  };
  if (v.question) j["question"] = item(format_question(v.question->id), *v.question);
  if (v.argument) j["argument"] = item(format_argument(v.argument->id), *v.argument);
  if (v.participant) j["participant"] = *v.participant;
  if (v.reason) j["reason"] = *v.reason;
  if (v.into) j["into"] = item(format_question(v.into->id), *v.into);
  if (v.by) j["by"] = *v.by;
}

void to_json(json& j, const segment& v) {
  j = json{{"id", format_segment(v.id)},
           {"name", v.name},
           {"kind", word(v.kind)},
           {"minutes", v.minutes},
           {"speakers", bit_words<speaker_class>(v.speakers)},
           {"audience", bit_words<audience_right>(v.audience)},
           {"speaker_seconds", v.speaker_seconds}};
}

void to_json(json& j, const run_of_show& v) {
  j = json{{"format", word(v.format)}, {"segments", v.segments}, {"seats", v.seats}, {"automatic", v.automatic}};
}

void to_json(json& j, const speaker_ref& v) {
  j = json{{"id", format_speaker(v.id)}, {"name", v.name}, {"role", word(v.role)}, {"side", word(v.stance)}};
}

void to_json(json& j, const floor_turn& v) {
  j = json{
      {"speaker", v.speaker}, {"started_at", v.started_at}, {"allotted_ms", v.allotted_ms}, {"paused_ms", v.paused_ms}};
}

void to_json(json& j, const show& v) {
  j = json{{"status", word(v.status)},
           {"segment", or_null(v.segment, format_segment)},
           {"segment_started_at", v.segment_started_at},
           {"segment_paused_ms", v.segment_paused_ms},
           {"paused_at", or_null(v.paused_at, [](std::int64_t t) { return t; })},
           {"floor", or_null(v.floor, [](const floor_turn& f) { return json(f); })}};
  if (!v.seat_ends.empty()) j["seat_ends"] = v.seat_ends;
}

void to_json(json& j, const panelist& v) {
  j = json{{"id", format_panelist(v.id)},
           {"name", v.name},
           {"role", word(v.role)},
           {"side", word(v.stance)},
           {"on_stage", v.on_stage}};
}

void to_json(json& j, const hand& v) {
  j = json{{"speaker", v.speaker}, {"lane", word(v.in)}, {"raised_at", v.raised_at}};
}

void to_json(json& j, const seats& v) {
  j = json{{"total", v.total}, {"seated", v.seated}};
  if (v.requests) j["requests"] = *v.requests;
}

void to_json(json& j, const talk_time& v) {
  j = json{{"speakers", v.speakers}, {"sides", {{"none", v.none}, {"for", v.for_side}, {"against", v.against_side}}}};
}

void to_json(json& j, const figures& v) {
  j = json{{"agree", v.agree},
           {"disagree", v.disagree},
           {"pass", v.pass},
           {"agreement", v.agreement},
           {"divisiveness", v.divisiveness}};
}

void to_json(json& j, const argument& v) {
  j = json{{"id", format_argument(v.id)},
           {"text", v.text},
           {"stance", word(v.stance)},
           {"parent", or_null(v.parent, format_argument)},
           {"relation", or_null(v.answers, [](relation r) { return word(r); })},
           {"source", or_null(v.source, [](const std::string& s) { return s; })},
           {"author", v.author},
           {"status", word(v.status)},
           {"segment", or_null(v.segment, format_segment)},
           {"speaker", or_null(v.on_floor, [](const speaker_ref& s) { return json(s); })},
           {"at", v.at},
           {"addressed", v.addressed},
           {"figures", v.counts}};
  if (v.reason) j["reason"] = *v.reason;
  if (v.flag) j["flag"] = *v.flag;
}

void to_json(json& j, const pending_argument& v) {
  j = json{{"id", format_argument(v.id)}, {"status", word(argument_status::pending)}};
}

void to_json(json& j, const tally& v) {
  j = json{{"ballots", v.ballots}, {"counts", v.counts}};
  if (v.mean) j["mean"] = *v.mean ? json(**v.mean) : json(nullptr);
  if (v.words) {
    json cloud = json::array();
    for (const auto& w : *v.words) cloud.push_back(json{{"word", w.word}, {"count", w.count}});
    j["words"] = std::move(cloud);
  }
  if (!v.changed_by.empty()) {
    json changed = json::object();
    for (const auto& [a, n] : v.changed_by) changed[format_argument(a)] = n;
    j["changed_by"] = std::move(changed);
  }
}

void to_json(json& j, const poll& v) {
  j = json{{"id", format_poll(v.id)},
           {"kind", word(v.kind)},
           {"question", v.question},
           {"options", v.options},
           {"status", word(v.status)},
           {"revealed", v.revealed},
           {"oxford", v.phase == oxford_phase::none ? json(nullptr) : json(word(v.phase))},
           {"ballots", v.ballots}};
  if (v.figures) j["tally"] = *v.figures;
}

void to_json(json& j, const shares& v) {
  const auto one = [](const share& s) { return json{{"votes", s.votes}, {"percent", s.percent}}; };
  j = json{
      {"for", one(v.for_side)}, {"against", one(v.against_side)}, {"undecided", one(v.undecided)}, {"total", v.total}};
}

void to_json(json& j, const oxford_result& v) {
  j = json{{"before", v.before},
           {"after", v.after},
           {"swing", {{"for", v.swing_for}, {"against", v.swing_against}}},
           {"winner", v.winner == side::none ? std::string_view("tie") : word(v.winner)}};
}

void to_json(json& j, const participant_row& v) {
  j = json{{"id", format_participant(v.id)}, {"name", v.name}, {"muted", v.muted}, {"banned", v.banned}};
  if (v.flag) j["flag"] = *v.flag;
}

}  // namespace tribune::protocol::wire
