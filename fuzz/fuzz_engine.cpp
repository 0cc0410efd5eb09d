// libFuzzer target: the pure debate engine under a random command sequence.
//
// The input drives a whole debate: it is created, then each step picks an actor of any role
// (organizer, moderator, stage, system, an audience member or a panelist, known or not) and a
// command from the whole command set, with fields inside the bounds protocol::decode and the REST
// API enforce. Each step runs decide, then evolve for every produced event, and checks:
//   - seq is gapless: the n-th event has seq n and the state's seq follows;
//   - a rejected (or no-op) command leaves the state unchanged;
//   - every event survives its storage round trip (to_record, from_record, to_record);
//   - every view of every event encodes, with its seq;
//   - tallies equal the ballots and ratings, one ballot per participant per poll, and the show's
//     bookkeeping (floor, hands, seats, talk time) is consistent.
// At the end, the events read back from their records rebuild, from scratch, a state whose
// snapshots are identical to the live one's.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/engine.hpp"
#include "engine/snapshot.hpp"
#include "protocol/limits.hpp"
#include "protocol/words.hpp"

namespace {

using namespace tribune;
using namespace tribune::engine;
using protocol::role;
using json = nlohmann::json;
namespace p = tribune::protocol;
using p::argument_status;
using p::poll_status;
using p::question_status;
using p::show_status;

constexpr std::int64_t t0 = 1764000000000;
constexpr int max_steps = 96;

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "fuzz_engine: %s %s\n", what, detail.c_str());
  std::abort();
}

void check(bool ok, const char* what, const std::string& detail = {}) {
  if (!ok) fail(what, detail);
}

// Texts as decode lets them through: trimmed, valid UTF-8, within bounds.
const std::array<std::string, 8> texts = {
    "Who pays for the buses?",
    "Zoë",
    "Ann",
    "日本語のテキスト",
    "a\nb",
    "Bob le connard",
    std::string(40, 'x'),
    "Les vélos d'abord, les voitures ensuite: un débat qui revient chaque hiver."};
const std::array<std::string, 5> words = {"velo", "bus", "tram", "😀", "metro"};
const std::array<std::string, 3> sources = {"", "https://example.org/study", "http://a.b/c?d=e"};

std::string pick_text(FuzzedDataProvider& in) { return texts[in.ConsumeIntegralInRange<std::size_t>(0, 7)]; }

credential pick_cred(FuzzedDataProvider& in) {
  // A small pool, so selectors sometimes collide.
  const auto n = std::to_string(in.ConsumeIntegralInRange<int>(0, 5));
  return credential{"sel" + n, "hash" + n};
}

template <class E>
E pick_enum(FuzzedDataProvider& in, int count) {
  return static_cast<E>(in.ConsumeIntegralInRange<int>(0, count - 1));
}

// An id that usually exists, sometimes just past the end, sometimes 0 or far out.
std::uint32_t pick_id(FuzzedDataProvider& in, std::size_t existing) {
  switch (in.ConsumeIntegralInRange<int>(0, 7)) {
    case 0: return 0;
    case 1: return static_cast<std::uint32_t>(existing + 1);
    case 2: return 4000000000u;
    default:
      return static_cast<std::uint32_t>(in.ConsumeIntegralInRange<std::size_t>(1, std::max<std::size_t>(existing, 1)));
  }
}

actor pick_actor(FuzzedDataProvider& in, const state& s) {
  switch (in.ConsumeIntegralInRange<int>(0, 7)) {
    case 0: return actor{role::organizer};
    case 1:
    case 2: {
      // One of the debate's moderator links (1: the first), or one that never existed.
      const auto link = static_cast<p::moderator_id>(in.ConsumeIntegralInRange<std::size_t>(1, s.members.size() + 2));
      return actor{role::moderator, 0, 0, link};
    }
    case 3: return actor{role::stage};
    case 4: return actor{role::system};
    case 5: return actor{role::panelist, 0, pick_id(in, s.panelists.size())};
    default: return actor{role::audience, pick_id(in, s.participants.size())};
  }
}

std::vector<segment_spec> pick_segments(FuzzedDataProvider& in) {
  std::vector<segment_spec> out(in.ConsumeIntegralInRange<std::size_t>(1, 6));
  for (auto& seg : out) {
    seg.name = pick_text(in);
    seg.kind = pick_enum<protocol::segment_kind>(in, 11);
    seg.minutes = in.ConsumeIntegralInRange<std::uint32_t>(1, 600);
    seg.speakers = in.ConsumeIntegralInRange<std::uint8_t>(0, 63);
    seg.audience = in.ConsumeIntegralInRange<std::uint8_t>(0, 7);
    seg.speaker_seconds = in.ConsumeIntegralInRange<std::uint32_t>(10, 3600);
  }
  return out;
}

protocol::choice pick_choice(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 2)) {
    case 0: return in.ConsumeIntegralInRange<std::uint32_t>(0, in.ConsumeBool() ? 6 : 1000);
    case 1: {
      std::vector<std::uint32_t> picks(in.ConsumeIntegralInRange<std::size_t>(1, protocol::max_poll_options));
      for (auto& p : picks) p = in.ConsumeIntegralInRange<std::uint32_t>(0, 11);
      return picks;
    }
    default: return words[in.ConsumeIntegralInRange<std::size_t>(0, words.size() - 1)];
  }
}

protocol::speaker pick_speaker(FuzzedDataProvider& in, const state& s) {
  const bool seated = in.ConsumeBool();
  return {seated, pick_id(in, seated ? s.participants.size() : s.panelists.size())};
}

command pick_command(FuzzedDataProvider& in, const state& s) {
  const auto q = [&] { return pick_id(in, s.questions.size()); };
  const auto part = [&] { return pick_id(in, s.participants.size()); };
  const auto arg = [&] { return pick_id(in, s.arguments.size()); };
  const auto pol = [&] { return pick_id(in, s.polls.size()); };
  const auto pre = [&] { return pick_id(in, s.predictions.size()); };
  const auto outcome = [&] { return in.ConsumeIntegralInRange<std::uint32_t>(0, 10); };
  switch (in.ConsumeIntegralInRange<int>(0, 67)) {
    case 0:
      return cmd::create_debate{
          {"k3f9x2m4qa", "KX7P2M", "Again", "", "", t0}, pick_cred(in), pick_cred(in), pick_cred(in)};
    case 1:
    case 2: return cmd::join{in.ConsumeBool() ? std::string() : pick_text(in), pick_cred(in)};
    case 3: return p::ask{pick_text(in), in.ConsumeBool()};
    case 4: return p::upvote{q(), in.ConsumeBool()};
    case 5: return p::approve{q()};
    case 6: return p::dismiss{q(), pick_text(in)};
    case 7: return p::mark_answered{q()};
    case 8: return p::pin{q(), in.ConsumeBool()};
    case 9: return p::put_on_air{in.ConsumeBool() ? std::optional<p::question_id>() : q()};
    case 10: return p::mute{part(), in.ConsumeBool()};
    case 11: return p::ban{part(), pick_text(in)};
    case 12: return cmd::set_moderation_private{in.ConsumeBool()};
    case 13: return cmd::rotate_links{pick_cred(in), pick_cred(in), pick_cred(in)};
    case 14: {
      p::reaction_counts counts{};
      for (auto& c : counts) c = in.ConsumeIntegralInRange<std::uint64_t>(0, in.ConsumeBool() ? 3 : 100000);
      return cmd::record_reactions{counts};
    }
    case 15:
      return cmd::add_panelist{pick_text(in), pick_enum<p::panel_role>(in, 3), pick_enum<p::side>(in, 3),
                               pick_cred(in)};
    case 16: {
      const auto names = format_names();
      if (in.ConsumeBool()) return *format_template(names[in.ConsumeIntegralInRange<std::size_t>(0, names.size() - 1)]);
      return cmd::set_format{p::show_format::custom, pick_segments(in), in.ConsumeIntegralInRange<std::uint32_t>(0, 20),
                             in.ConsumeBool()};
    }
    case 17: return p::start_show{};
    case 18: return p::advance{};
    case 19: return p::pause{};
    case 20: return p::resume{};
    case 21: return p::end_show{};
    case 22: return p::set_on_stage{pick_id(in, s.panelists.size()), in.ConsumeBool()};
    case 23: {
      p::grant_floor g{pick_speaker(in, s), std::nullopt};
      if (in.ConsumeBool()) g.seconds = in.ConsumeIntegralInRange<std::uint32_t>(1, p::max_floor_seconds);
      return g;
    }
    case 24: return p::extend_floor{in.ConsumeIntegralInRange<std::uint32_t>(1, p::max_extend_seconds)};
    case 25: return p::end_floor{};
    case 26: return p::raise_hand{pick_enum<p::lane>(in, 2)};
    case 27: return p::lower_hand{};
    case 28: return p::request_seat{};
    case 29: return p::cancel_seat_request{};
    case 30: return p::seat{part()};
    case 31: return p::unseat{part()};
    case 32: {
      p::post_argument a;
      a.text = pick_text(in);
      a.stance = pick_enum<p::side>(in, 3);
      if (in.ConsumeBool()) {
        a.parent = arg();
        a.answers = static_cast<p::relation>(in.ConsumeIntegralInRange<int>(1, 3));
      }
      a.source = sources[in.ConsumeIntegralInRange<std::size_t>(0, sources.size() - 1)];
      return a;
    }
    case 33: return p::approve_argument{arg()};
    case 34: return p::dismiss_argument{arg(), pick_text(in)};
    case 35: return p::feature_argument{in.ConsumeBool() ? std::optional<p::argument_id>() : arg()};
    case 36: return p::mark_addressed{arg()};
    case 37: return p::rate_argument{arg(), pick_enum<p::rating>(in, 3)};
    case 38: {
      p::create_poll c;
      c.kind = pick_enum<p::poll_kind>(in, 4);
      c.question = pick_text(in);
      if (c.kind == p::poll_kind::single || c.kind == p::poll_kind::multiple) {
        const auto n = in.ConsumeIntegralInRange<std::size_t>(p::min_poll_options, p::max_poll_options);
        for (std::size_t i = 0; i < n; ++i) c.options.push_back(pick_text(in));
      }
      return c;
    }
    case 39: return p::create_oxford_poll{in.ConsumeBool() ? p::oxford_phase::before : p::oxford_phase::after};
    case 40: return p::open_poll{pol()};
    case 41: return p::close_poll{pol()};
    case 42: return p::reveal_poll{pol()};
    case 43: return p::leave_contact{pick_text(in), in.ConsumeBool(), in.ConsumeBool()};
    case 44: return p::erase_me{};
    case 45: return cmd::record_audience{in.ConsumeIntegral<std::uint32_t>()};
    case 46: return p::send_cue{pick_id(in, s.panelists.size()), pick_enum<p::cue_kind>(in, 5), pick_text(in)};
    case 47: return p::acknowledge_cue{pick_id(in, s.cues.size())};
    case 48: return p::post_staff_message{pick_text(in)};
    case 49: return cmd::clock_tick{};
    case 50: {
      p::create_prediction c{pick_text(in), {}};
      const auto n = in.ConsumeIntegralInRange<std::size_t>(p::min_outcomes, p::max_outcomes);
      for (std::size_t i = 0; i < n; ++i) c.outcomes.push_back(pick_text(in));
      return c;
    }
    case 51: return p::lock_prediction{pre()};
    case 52: return p::resolve_prediction{pre(), outcome()};
    case 53: return p::cancel_prediction{pre()};
    case 54: return p::predict{pre(), outcome()};
    case 55: {
      p::moderate_questions m{{}, in.ConsumeBool() ? p::bulk_action::approve : p::bulk_action::dismiss, {}};
      const auto n = in.ConsumeIntegralInRange<std::size_t>(1, 8);
      for (std::size_t i = 0; i < n; ++i) m.questions.push_back(q());
      if (m.action == p::bulk_action::dismiss) m.reason = pick_text(in);
      return m;
    }
    case 56: {
      p::merge_questions m{q(), {}};
      const auto n = in.ConsumeIntegralInRange<std::size_t>(1, 4);
      for (std::size_t i = 0; i < n; ++i) m.questions.push_back(q());
      return m;
    }
    case 57: return cmd::add_moderator{pick_text(in), pick_cred(in)};
    case 58: return cmd::rename_moderator{pick_id(in, s.members.size() + 1), pick_text(in)};
    case 59: return cmd::remove_moderator{pick_id(in, s.members.size() + 1)};
    case 60: return cmd::show_moderator_names{in.ConsumeBool()};
    case 61: {
      cmd::set_flag_words w{{}, in.ConsumeIntegralInRange<int>(0, 3) == 0};
      const auto n = in.ConsumeIntegralInRange<std::size_t>(0, 3);
      for (std::size_t i = 0; i < n; ++i) w.words.push_back(pick_text(in) + (in.ConsumeBool() ? "*" : ""));
      return w;
    }
    case 62: {
      p::start_quiz_question z{pick_text(in),
                               {},
                               in.ConsumeIntegralInRange<std::uint32_t>(0, 6),
                               in.ConsumeIntegralInRange<std::uint32_t>(0, 130)};
      const auto n = in.ConsumeIntegralInRange<std::size_t>(1, p::max_quiz_choices + 1);
      for (std::size_t i = 0; i < n; ++i) z.choices.push_back(pick_text(in));
      return z;
    }
    case 63: return p::close_quiz_question{pick_id(in, s.quiz.size())};
    case 64: return p::answer_quiz{pick_id(in, s.quiz.size()), in.ConsumeIntegralInRange<std::uint32_t>(0, 6)};
    case 65: return p::extend_segment{in.ConsumeIntegralInRange<std::uint32_t>(0, 70)};
    case 66: return p::move_segment{pick_id(in, s.show.segments.size()), pick_id(in, s.show.segments.size())};
    default: {
      p::vote v{pol(), pick_choice(in), std::nullopt};
      if (in.ConsumeIntegralInRange<int>(0, 3) == 0) v.changed_by = arg();
      return v;
    }
  }
}

std::string snapshot(const state& s) { return encode_snapshot(s, view::moderator_view, std::nullopt); }

void check_record_round_trip(const event& e) {
  const auto r = to_record(e);
  check(r.seq == e.seq && r.at == e.at && r.type == event_name(e.body), "record header differs");
  const auto back = from_record(r);
  check(back.body.index() == e.body.index(), "record read back as another event", r.type);
  check(back.by == e.by, "record read back with another moderator", r.type);
  const auto again = to_record(back);
  check(again.seq == r.seq && again.at == r.at && again.type == r.type && again.body == r.body,
        "record round trip differs", r.body + " vs " + again.body);
}

void check_polls(const state& s) {
  for (std::size_t i = 0; i < s.polls.size(); ++i) {
    const auto& p = s.polls[i];
    check(p.id == i + 1, "poll ids are not 1..n");
    const bool scale = p.kind == protocol::poll_kind::scale;
    check(p.counts.size() == (scale ? 5 : p.options.size()), "poll counts sized wrong");
    if (p.status == poll_status::draft) check(p.ballots.empty(), "ballots in a draft poll");
    std::vector<std::uint64_t> counts(p.counts.size(), 0);
    std::map<std::string, std::uint64_t> cloud;
    // ballots is keyed by participant: one ballot per participant per poll by construction; each
    // ballot must belong to a participant that exists and fit the poll.
    for (const auto& [who, pick] : p.ballots) {
      check(s.find_participant(who) != nullptr, "ballot from an unknown participant");
      if (const auto* one = std::get_if<std::uint32_t>(&pick)) {
        const auto slot = scale ? *one - 1 : *one;
        check(slot < counts.size(), "ballot outside the poll");
        ++counts[slot];
      } else if (const auto* many = std::get_if<std::vector<std::uint32_t>>(&pick)) {
        check(p.kind == protocol::poll_kind::multiple, "a list ballot in a poll of another kind");
        for (const auto k : *many) {
          check(k < counts.size(), "ballot outside the poll");
          ++counts[k];
        }
      } else {
        check(p.kind == protocol::poll_kind::word_cloud, "a word ballot in a poll of another kind");
        ++cloud[std::get<std::string>(pick)];
      }
    }
    check(counts == p.counts, "poll tallies differ from its ballots", "poll " + std::to_string(p.id));
    check(cloud == p.words, "word cloud differs from its ballots", "poll " + std::to_string(p.id));
    for (const auto& [a, n] : p.changed_by)
      check(s.find_argument(a) != nullptr && n > 0, "changed_by names no argument");
  }
}

void check_arguments(const state& s) {
  for (std::size_t i = 0; i < s.arguments.size(); ++i) {
    const auto& a = s.arguments[i];
    check(a.id == i + 1, "argument ids are not 1..n");
    std::array<std::uint64_t, 3> counts{};
    for (const auto& [who, value] : a.ratings) {
      check(s.find_participant(who) != nullptr, "rating from an unknown participant");
      ++counts[static_cast<std::size_t>(value)];
    }
    check(counts == a.counts, "argument figures differ from its ratings", "argument " + std::to_string(a.id));
    if (a.parent != 0) check(a.parent < a.id, "argument answers a later one");
  }
  if (s.featured_argument) {
    const auto* a = s.find_argument(*s.featured_argument);
    check(a != nullptr && a->status == argument_status::published, "featured argument is not published");
  }
}

template <class T>
bool unique(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return std::adjacent_find(v.begin(), v.end()) == v.end();
}

void check_show(const state& s) {
  const auto& st = s.show;
  if (st.status == show_status::not_started) {
    // The floor may be given before the show starts (no segment restricts it yet).
    check(st.segment == 0, "a show not started has a current segment");
  } else {
    check(st.segment >= 1 && st.segment <= st.segments.size(), "current segment out of the run of show");
  }
  if (st.status == show_status::ended) check(!st.floor && st.hands.empty(), "an ended show keeps a floor or hands");
  check((st.status == show_status::paused) == (st.paused_at != 0), "paused_at disagrees with the status");
  if (st.floor) {
    check(on_stage(s, st.floor->who), "the floor is held by someone off stage",
          protocol::format_speaker(st.floor->who));
    check(st.floor->allotted_ms > 0 && st.floor->paused_ms >= 0, "floor times out of range");
  }
  std::vector<std::string> hands;
  for (const auto& h : st.hands) hands.push_back(protocol::format_speaker(h.who));
  check(unique(hands), "a speaker raised two hands");
  check(unique(st.seated) && unique(st.seat_requests), "seated or seat requests repeat a participant");
  for (const auto p : st.seated) {
    check(s.find_participant(p) != nullptr, "an unknown participant is seated");
    check(std::find(st.seat_requests.begin(), st.seat_requests.end(), p) == st.seat_requests.end(),
          "a seated participant still requests a seat");
  }
  std::int64_t total = 0;
  for (const auto& [who, ms] : st.talk_ms) {
    check(ms >= 0, "negative talk time", who);
    total += ms;
  }
  const auto sides = std::accumulate(st.side_talk_ms.begin(), st.side_talk_ms.end(), std::int64_t{0});
  check(total == sides, "talk time by speaker and by side disagree");
}

void check_state(const state& s, const std::vector<event>& log) {
  check(s.exists, "the debate vanished");
  check(s.seq == log.size(), "state seq differs from the number of events");
  std::size_t pending = 0;
  for (std::size_t i = 0; i < s.questions.size(); ++i) {
    const auto& q = s.questions[i];
    check(q.id == i + 1, "question ids are not 1..n");
    check(s.find_participant(q.author) != nullptr, "question by an unknown participant");
    if (q.status == question_status::pending) ++pending;
    for (const auto v : q.voters) check(s.find_participant(v) != nullptr, "upvote by an unknown participant");
    if (!q.voters.empty()) check(q.status != question_status::pending, "upvotes on a pending question");
  }
  check(pending == s.pending_count, "pending_count differs from the pending questions");
  for (std::size_t i = 0; i < s.participants.size(); ++i) {
    check(s.participants[i].id == i + 1, "participant ids are not 1..n");
  }
  for (std::size_t i = 0; i < s.panelists.size(); ++i) check(s.panelists[i].id == i + 1, "panelist ids are not 1..n");
  if (s.on_air) {
    const auto* q = s.find_question(*s.on_air);
    check(q != nullptr && (q->status == question_status::approved || q->status == question_status::answered),
          "the question on air is not open");
  }
  for (std::size_t i = 1; i < s.log.size(); ++i) check(s.log[i - 1].seq < s.log[i].seq, "moderation log out of order");
  check_polls(s);
  check_arguments(s);
  check_show(s);
}

// A cheap digest of what commands change, compared around every rejected or no-op command; the
// last command of each input is also checked against a full snapshot (JSON encoding is the
// costly part of this target, so it runs a few times per input, not at every step).
std::vector<std::uint64_t> digest(const state& s) {
  std::vector<std::uint64_t> d{s.seq,
                               s.participants.size(),
                               s.questions.size(),
                               s.panelists.size(),
                               s.arguments.size(),
                               s.polls.size(),
                               s.log.size(),
                               s.pending_count,
                               s.on_air.value_or(0),
                               s.featured_argument.value_or(0),
                               static_cast<std::uint64_t>(s.show.status),
                               s.show.segment,
                               s.show.hands.size(),
                               s.show.seated.size(),
                               s.show.seat_requests.size(),
                               s.show.floor.has_value(),
                               s.moderation_private};
  for (const auto& q : s.questions)
    d.push_back(q.voters.size() * 8 + static_cast<std::uint64_t>(q.status) * 2 + q.pinned);
  for (const auto& p : s.participants) d.push_back(p.muted + 2 * p.banned);
  for (const auto& p : s.polls)
    d.push_back(p.ballots.size() * 8 + static_cast<std::uint64_t>(p.status) * 2 + p.revealed);
  for (const auto& a : s.arguments)
    d.push_back(a.ratings.size() * 8 + static_cast<std::uint64_t>(a.status) * 2 + a.addressed);
  for (const auto r : s.reactions) d.push_back(r);
  return d;
}

struct played_debate {
  state s;
  std::vector<event> log;

  void apply(const actor& who, const command& c, std::int64_t now, bool last) {
    const auto before = digest(s);
    const auto before_snapshot = last ? snapshot(s) : std::string();
    const auto decided = decide(s, context{who, now}, c);
    const auto* bodies = std::get_if<events>(&decided);
    if (const auto* r = std::get_if<rejection>(&decided)) {
      check(p::word(r->code) != "unknown" && !r->detail.empty(), "rejection without a code or detail");
    }
    if (bodies == nullptr || bodies->empty()) {
      check(digest(s) == before, "a rejected or no-op command changed the state");
      if (last) check(snapshot(s) == before_snapshot, "a rejected or no-op command changed the snapshot");
      return;
    }
    std::vector<event> produced;
    for (const auto& body : *bodies) {
      const event e{s.seq + 1, now, body, {}, signed_by(who)};
      produced.push_back(e);
      check_record_round_trip(e);
      evolve(s, e);
      check(s.seq == e.seq && e.seq == log.size() + 1, "seq is not gapless");
      log.push_back(e);
      if (coalesced(e.body)) continue;
      for (const auto v : {view::public_view, view::moderator_view}) {
        check(encode_event(s, e, v).find("\"seq\":" + std::to_string(e.seq)) != std::string::npos,
              "event message without its seq");
      }
    }
    (void)p::encode_ack(nullptr, s.seq, result_of(s, c, produced));
    check_state(s, log);
  }
};

void check_rebuild(const played_debate& d) {
  // What storage would keep beside the log: every text the records name, less those erased.
  kept_rows kept;
  for (const auto& e : d.log) {
    const auto r = to_record(e);
    kept.insert(kept.end(), r.contacts.begin(), r.contacts.end());
    for (const auto ref : r.erased) std::erase_if(kept, [ref](const contact_row& c) { return c.ref == ref; });
  }
  std::sort(kept.begin(), kept.end(), [](const contact_row& a, const contact_row& b) { return a.ref < b.ref; });
  state fresh;
  for (const auto& e : d.log) {
    auto back = from_record(to_record(e));
    restore_texts(back, kept);
    evolve(fresh, back);
  }
  const auto live = snapshot(d.s);
  check(snapshot(fresh) == live, "events rebuild another state", snapshot(fresh) + "\nvs\n" + live);
  check(
      encode_snapshot(fresh, view::public_view, std::nullopt) == encode_snapshot(d.s, view::public_view, std::nullopt),
      "events rebuild another public view");
  if (!d.s.participants.empty()) {
    const auto me = static_cast<participant_id>(d.s.participants.size());
    check(encode_snapshot(fresh, view::public_view, me) == encode_snapshot(d.s, view::public_view, me),
          "events rebuild another audience view");
  }
  // A snapshot of the state is only a cache: restoring it gives the same state.
  const auto restored = decode_state(encode_state(d.s));
  check(restored.has_value() && encode_state(*restored) == encode_state(d.s), "a snapshot restores another state");
  const auto all = all_figures(d.s);
  for (const auto v : {view::public_view, view::moderator_view}) {
    (void)encode_tallies(d.s, v, all);
    for (const auto& entry : d.s.log) (void)nlohmann::json(log_view(d.s, entry, v)).dump();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  played_debate d;
  std::int64_t now = t0;
  d.apply(actor{role::organizer},
          cmd::create_debate{{"k3f9x2m4qa", "KX7P2M", "Should cities ban cars?",
                              in.ConsumeBool() ? "" : "This house would ban cars", "", t0},
                             credential{"mod", "modhash"},
                             credential{"stage", "stagehash"},
                             credential{"overlay", "overlayhash"}},
          now, false);
  check(d.s.exists && d.log.size() == 1, "the debate was not created");
  for (int step = 0; step < max_steps && in.remaining_bytes() > 0; ++step) {
    now += in.ConsumeIntegralInRange<std::int64_t>(0, in.ConsumeBool() ? 2000 : 900000);
    const auto who = pick_actor(in, d.s);
    const auto c = pick_command(in, d.s);
    d.apply(who, c, now, step + 1 == max_steps || in.remaining_bytes() == 0);
  }
  check_rebuild(d);
  return 0;
}
