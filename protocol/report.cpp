// The report's and the replay's JSON.
#include "protocol/report.hpp"

namespace tribune::protocol {
namespace {

using nlohmann::json;

json counts_json(const report_counts& c) {
  return json{{"participants", c.participants}, {"peak_audience", c.peak_audience}, {"asked", c.asked},
              {"approved", c.approved},         {"answered", c.answered},           {"dismissed", c.dismissed},
              {"pending", c.pending},           {"arguments", c.arguments},         {"ballots", c.ballots},
              {"reactions", c.reactions}};
}

json segment_json(const segment_run& s) {
  json j{{"segment", format_segment(s.segment)},
         {"name", s.name},
         {"started_at", s.started_at},
         {"ended_at", s.ended_at == 0 ? json(nullptr) : json(s.ended_at)},
         {"talk", {{"none", s.none_ms}, {"for", s.for_ms}, {"against", s.against_ms}}}};
  return j;
}

json moment_json(const moment& m) {
  json j{{"seq", m.seq}, {"at", m.at}, {"type", m.type}};
  if (m.question) j["question"] = format_question(*m.question);
  if (m.argument) j["argument"] = format_argument(*m.argument);
  if (m.poll) j["poll"] = format_poll(*m.poll);
  if (m.speaker_id) j["speaker"] = format_speaker(*m.speaker_id);
  if (m.segment) j["segment"] = format_segment(*m.segment);
  return j;
}

json or_null(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

std::string encode_report(const report& r) {
  json segments = json::array();
  for (const auto& s : r.segments) segments.push_back(segment_json(s));
  json mood = json::array();
  for (const auto& m : r.mood) {
    mood.push_back(json{{"minute", m.minute}, {"reactions", wire::reaction_counts_json(m.counts)}});
  }
  json moments = json::array();
  for (const auto& m : r.moments) moments.push_back(moment_json(m));
  json minutes = json::array();
  for (const auto& m : r.opinion.minutes) {
    json groups = json::array();
    for (const auto& g : m.groups) groups.push_back(opinion_wire::group_place_json(g));
    minutes.push_back(json{{"minute", m.minute}, {"counted", m.counted}, {"groups", std::move(groups)}});
  }
  const json opinion{
      {"final",
       r.opinion.final ? opinion_wire::body_json(*r.opinion.final, opinion_wire::audience::screens) : json(nullptr)},
      {"minutes", std::move(minutes)}};
  return json{{"seq", r.seq},
              {"head", r.head},
              {"started_at", or_null(r.started_at)},
              {"ended_at", or_null(r.ended_at)},
              {"counts", counts_json(r.counts)},
              {"talk_time", r.talk_time},
              {"speakers", r.speakers},
              {"segments", std::move(segments)},
              {"mood", std::move(mood)},
              {"moments", std::move(moments)},
              {"opinion", opinion},
              {"state", snapshot_state_json(r.room)}}
      .dump();
}

std::string encode_replay_frame(const replay_frame& f) {
  return json{{"seq", f.seq}, {"at", f.at}, {"state", snapshot_state_json(f.room)}}.dump();
}

}  // namespace tribune::protocol
