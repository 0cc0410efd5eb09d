// The report's pass over the log (report.hpp).
#include "engine/report/report.hpp"

#include "engine/engine.hpp"
#include "engine/stage/stage.hpp"

namespace tribune::engine {
namespace {

using protocol::moment;

void close_segment(history& h, const state& after, std::int64_t at) {
  if (h.segments.empty() || h.segments.back().ended_at != 0) return;
  auto& run = h.segments.back();
  const auto& now = after.show.side_talk_ms;
  run.ended_at = at;
  run.none_ms = now[0] - h.side_ms_at_segment[0];
  run.for_ms = now[1] - h.side_ms_at_segment[1];
  run.against_ms = now[2] - h.side_ms_at_segment[2];
}

struct observer {
  history& h;
  const state& after;
  const event& e;

  moment at_now() const { return moment{e.seq, e.at, std::string(event_name(e.body)), {}, {}, {}, {}, {}}; }

  void operator()(const ev::segment_started& x) const {
    if (!h.started_at) h.started_at = e.at;
    close_segment(h, after, e.at);
    const auto& spec = after.show.segments[x.segment - 1];
    h.segments.push_back(protocol::segment_run{x.segment, spec.name, e.at, 0, 0, 0, 0});
    h.side_ms_at_segment = after.show.side_talk_ms;
    auto m = at_now();
    m.segment = x.segment;
    h.moments.push_back(std::move(m));
  }
  void operator()(const ev::show_ended&) const {
    h.ended_at = e.at;
    close_segment(h, after, e.at);
    h.moments.push_back(at_now());
  }
  void operator()(const ev::show_paused&) const { h.moments.push_back(at_now()); }
  void operator()(const ev::show_resumed&) const { h.moments.push_back(at_now()); }
  void operator()(const ev::floor_granted& x) const {
    auto m = at_now();
    m.speaker_id = x.who;
    h.moments.push_back(std::move(m));
  }
  void operator()(const ev::on_air_changed& x) const {
    if (!x.question) return;
    auto m = at_now();
    m.question = *x.question;
    h.moments.push_back(std::move(m));
  }
  void operator()(const ev::argument_posted& x) const {
    auto m = at_now();
    m.argument = x.argument;
    h.moments.push_back(std::move(m));
  }
  void operator()(const ev::poll_opened& x) const { poll_moment(x.poll); }
  void operator()(const ev::poll_closed& x) const { poll_moment(x.poll); }
  void operator()(const ev::poll_revealed& x) const { poll_moment(x.poll); }
  void operator()(const ev::ballot_cast&) const { ++h.ballots; }
  void operator()(const ev::reactions_recorded& x) const {
    const auto minute = h.started_at && e.at > *h.started_at ? (e.at - *h.started_at) / 60'000 : 0;
    auto& counts = h.mood[minute];
    for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += x.counts[i];
  }
  template <class Other>
  void operator()(const Other&) const {}

  void poll_moment(poll_id id) const {
    auto m = at_now();
    m.poll = id;
    h.moments.push_back(std::move(m));
  }
};

protocol::report_counts counts_of(const state& s, const history& h) {
  protocol::report_counts c;
  c.participants = s.participants.size();
  c.peak_audience = s.peak_audience;
  c.asked = s.questions.size();
  for (const auto& q : s.questions) {
    switch (q.status) {
      case protocol::question_status::pending: ++c.pending; break;
      case protocol::question_status::approved: ++c.approved; break;
      case protocol::question_status::answered:
        ++c.approved;
        ++c.answered;
        break;
      case protocol::question_status::dismissed: ++c.dismissed; break;
    }
  }
  for (const auto& a : s.arguments) c.arguments += a.status == protocol::argument_status::published ? 1 : 0;
  c.ballots = h.ballots;
  for (const auto n : s.reactions) c.reactions += n;
  return c;
}

// Whether the view shows what the moment names.
bool shown(const state& s, const moment& m, view v) {
  if (v == view::moderator_view) return true;
  if (m.argument) {
    const auto* a = s.find_argument(*m.argument);
    return a != nullptr && a->status == protocol::argument_status::published;
  }
  return true;
}

}  // namespace

void observe(history& h, const state& after, const event& e) {
  std::visit(observer{h, after, e}, e.body);
  follow(h.opinion, h.started_at, after, e);
}

protocol::report report_of(const state& s, const history& h, view v) {
  protocol::report r;
  r.seq = s.seq;
  r.started_at = h.started_at;
  r.ended_at = h.ended_at;
  r.counts = counts_of(s, h);
  const auto& sides = s.show.side_talk_ms;
  r.talk_time = protocol::wire::talk_time{{s.show.talk_ms.begin(), s.show.talk_ms.end()}, sides[0], sides[1], sides[2]};
  r.segments = h.segments;
  if (!r.segments.empty() && r.segments.back().ended_at == 0) {
    // The segment running now: its talk so far.
    auto& run = r.segments.back();
    run.none_ms = sides[0] - h.side_ms_at_segment[0];
    run.for_ms = sides[1] - h.side_ms_at_segment[1];
    run.against_ms = sides[2] - h.side_ms_at_segment[2];
  }
  r.mood.reserve(h.mood.size());
  for (const auto& [minute, counts] : h.mood) r.mood.push_back(protocol::mood_minute{minute, counts});
  for (const auto& m : h.moments) {
    if (shown(s, m, v)) r.moments.push_back(m);
  }
  // Names for the ids talk time and moments give, even of an audience member no longer seated.
  for (const auto& [id, ms] : s.show.talk_ms) {
    if (const auto who = protocol::parse_speaker(id)) r.speakers[id] = speaker_view(s, *who).name;
  }
  for (const auto& m : r.moments) {
    if (m.speaker_id) r.speakers[protocol::format_speaker(*m.speaker_id)] = speaker_view(s, *m.speaker_id).name;
  }
  r.opinion = h.opinion.report;
  r.room = snapshot_of(s, v, std::nullopt);
  return r;
}

}  // namespace tribune::engine
