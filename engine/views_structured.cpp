#include "engine/views_structured.hpp"

#include <algorithm>
#include <cmath>

namespace tribune::engine::structured {
namespace {

using json = nlohmann::json;
using protocol::format_argument;
using protocol::format_panelist;
using protocol::format_participant;
using protocol::format_poll;
using protocol::format_segment;
using protocol::format_speaker;

constexpr std::size_t max_cloud_words = 50;

json segment_json(const segment_spec& seg, segment_id id) {
  json speakers = json::array();
  for (std::uint8_t bit = 1; bit != 0 && bit <= protocol::may_speak::seat; bit = static_cast<std::uint8_t>(bit << 1)) {
    if ((seg.speakers & bit) != 0) speakers.push_back(protocol::speaker_word(bit));
  }
  json audience = json::array();
  for (std::uint8_t bit = 1; bit <= protocol::audience_may::vote; bit = static_cast<std::uint8_t>(bit << 1)) {
    if ((seg.audience & bit) != 0) audience.push_back(protocol::audience_word(bit));
  }
  return json{{"id", format_segment(id)},
              {"name", seg.name},
              {"kind", protocol::to_string(seg.kind)},
              {"minutes", seg.minutes},
              {"speakers", std::move(speakers)},
              {"audience", std::move(audience)},
              {"speaker_seconds", seg.speaker_seconds}};
}

json panelist_json(const panelist& p) {
  return json{{"id", format_panelist(p.id)},
              {"name", p.name},
              {"role", protocol::to_string(p.role)},
              {"side", protocol::to_string(p.side)},
              {"on_stage", p.on_stage}};
}

json floor_json(const state& s) {
  if (!s.show.floor) return nullptr;
  const auto& f = *s.show.floor;
  return json{{"speaker", speaker_json(s, f.who)},
              {"started_at", f.started_at},
              {"allotted_ms", f.allotted_ms},
              {"paused_ms", f.paused_ms}};
}

json show_json(const state& s) {
  const auto& st = s.show;
  return json{{"status", to_string(st.status)},
              {"segment", st.segment == 0 ? json(nullptr) : json(format_segment(st.segment))},
              {"segment_started_at", st.segment_started_at},
              {"segment_paused_ms", st.segment_paused_ms},
              {"paused_at", st.paused_at == 0 ? json(nullptr) : json(st.paused_at)},
              {"floor", floor_json(s)}};
}

json run_of_show_json(const state& s) {
  json segments = json::array();
  for (std::size_t i = 0; i < s.show.segments.size(); ++i) {
    segments.push_back(segment_json(s.show.segments[i], static_cast<segment_id>(i + 1)));
  }
  return json{{"format", s.show.format}, {"segments", std::move(segments)}, {"seats", s.show.seats}};
}

json hands_json(const state& s) {
  json hands = json::array();
  for (const auto& h : s.show.hands) {
    hands.push_back(
        json{{"speaker", speaker_json(s, h.who)}, {"lane", protocol::to_string(h.in)}, {"raised_at", h.raised_at}});
  }
  return hands;
}

json seats_json(const state& s, view v) {
  json seated = json::array();
  for (const auto id : s.show.seated) seated.push_back(speaker_json(s, speaker{true, id}));
  json out{{"total", s.show.seats}, {"seated", std::move(seated)}};
  if (v == view::moderator_view) {
    json requests = json::array();
    for (const auto id : s.show.seat_requests) requests.push_back(speaker_json(s, speaker{true, id}));
    out["requests"] = std::move(requests);
  }
  return out;
}

json talk_time_json(const state& s) {
  json by_speaker = json::object();
  for (const auto& [id, ms] : s.show.talk_ms) by_speaker[id] = ms;
  return json{
      {"speakers", std::move(by_speaker)},
      {"sides",
       {{"none", s.show.side_talk_ms[0]}, {"for", s.show.side_talk_ms[1]}, {"against", s.show.side_talk_ms[2]}}}};
}

bool visible(const argument& a, view v) { return v == view::moderator_view || a.status == argument_status::published; }
bool tally_visible(const poll& p, view v) { return v == view::moderator_view || p.revealed; }

json shares(const poll& p) {
  const auto total = std::accumulate(p.counts.begin(), p.counts.end(), std::uint64_t{0});
  json out = json::object();
  const std::array<const char*, 3> names = {"for", "against", "undecided"};
  for (std::size_t i = 0; i < names.size() && i < p.counts.size(); ++i) {
    const double pct = total == 0 ? 0.0 : 100.0 * static_cast<double>(p.counts[i]) / static_cast<double>(total);
    out[names[i]] = json{{"votes", p.counts[i]}, {"percent", std::round(pct * 10.0) / 10.0}};
  }
  out["total"] = total;
  return out;
}

struct data_builder {
  const state& s;
  view v;

  std::optional<json> operator()(const ev::format_set&) const { return json{{"run_of_show", run_of_show_json(s)}}; }
  std::optional<json> operator()(const ev::panelist_added& x) const {
    return json{{"panelist", panelist_json(*s.find_panelist(x.panelist))}};
  }
  std::optional<json> operator()(const ev::segment_started&) const { return json{{"show", show_json(s)}}; }
  std::optional<json> operator()(const ev::show_paused&) const { return json{{"show", show_json(s)}}; }
  std::optional<json> operator()(const ev::show_resumed&) const { return json{{"show", show_json(s)}}; }
  std::optional<json> operator()(const ev::show_ended&) const {
    json j{{"show", show_json(s)}, {"oxford", oxford_result(s)}};
    if (v == view::moderator_view) j["talk_time"] = talk_time_json(s);
    return j;
  }
  std::optional<json> operator()(const ev::panelist_stage_changed& x) const {
    return json{
        {"panelist", panelist_json(*s.find_panelist(x.panelist))}, {"show", show_json(s)}, {"hands", hands_json(s)}};
  }
  std::optional<json> floor_change() const {
    json j{{"show", show_json(s)}, {"hands", hands_json(s)}};
    if (v == view::moderator_view) j["talk_time"] = talk_time_json(s);
    return j;
  }
  std::optional<json> operator()(const ev::floor_granted&) const { return floor_change(); }
  std::optional<json> operator()(const ev::floor_extended&) const { return floor_change(); }
  std::optional<json> operator()(const ev::floor_ended&) const { return floor_change(); }
  std::optional<json> operator()(const ev::hand_raised&) const { return json{{"hands", hands_json(s)}}; }
  std::optional<json> operator()(const ev::hand_lowered&) const { return json{{"hands", hands_json(s)}}; }
  std::optional<json> seats_change(participant_id p) const {
    return json{{"participant", format_participant(p)}, {"seats", seats_json(s, v)}, {"show", show_json(s)}};
  }
  std::optional<json> operator()(const ev::seat_requested& x) const { return seats_change(x.participant); }
  std::optional<json> operator()(const ev::seat_request_cancelled& x) const { return seats_change(x.participant); }
  std::optional<json> operator()(const ev::participant_seated& x) const { return seats_change(x.participant); }
  std::optional<json> operator()(const ev::participant_unseated& x) const { return seats_change(x.participant); }
  std::optional<json> operator()(const ev::argument_posted& x) const {
    const auto& a = *s.find_argument(x.argument);
    if (!visible(a, v)) return json{{"argument", json{{"id", format_argument(a.id)}, {"status", "pending"}}}};
    return json{{"argument", argument_json(s, a, v)}};
  }
  std::optional<json> operator()(const ev::argument_approved& x) const {
    return json{{"argument", argument_json(s, *s.find_argument(x.argument), v)}};
  }
  std::optional<json> operator()(const ev::argument_dismissed& x) const {
    json j{{"argument", format_argument(x.argument)}, {"entry", log_entry_view(s, s.log.back(), v)}};
    if (v == view::moderator_view) j["reason"] = x.reason;
    return j;
  }
  std::optional<json> operator()(const ev::argument_featured& x) const {
    return json{{"argument", x.argument ? json(format_argument(*x.argument)) : json(nullptr)}};
  }
  std::optional<json> operator()(const ev::argument_addressed& x) const {
    return json{{"argument", format_argument(x.argument)}};
  }
  std::optional<json> operator()(const ev::argument_rated& x) const {
    return json{{"argument", format_argument(x.argument)}, {"figures", argument_figures(*s.find_argument(x.argument))}};
  }
  std::optional<json> operator()(const ev::poll_created& x) const {
    return json{{"poll", poll_json(s, *s.find_poll(x.poll), v)}};
  }
  std::optional<json> poll_change(poll_id id) const {
    return json{{"poll", poll_json(s, *s.find_poll(id), v)}, {"oxford", oxford_result(s)}};
  }
  std::optional<json> operator()(const ev::poll_opened& x) const { return poll_change(x.poll); }
  std::optional<json> operator()(const ev::poll_closed& x) const { return poll_change(x.poll); }
  std::optional<json> operator()(const ev::poll_revealed& x) const { return poll_change(x.poll); }
  std::optional<json> operator()(const ev::ballot_cast& x) const {
    const auto& p = *s.find_poll(x.poll);
    json j{{"poll", format_poll(x.poll)}, {"ballots", p.ballots.size()}};
    if (tally_visible(p, v)) j["tally"] = poll_tally(p);
    return j;
  }
  template <class T>
  std::optional<json> operator()(const T&) const {
    return std::nullopt;
  }
};

}  // namespace

json speaker_json(const state& s, const speaker& who) {
  json j{{"id", format_speaker(who)}};
  if (who.seated) {
    const auto* p = s.find_participant(who.id);
    j["name"] = p != nullptr ? p->name : "";
    j["role"] = "seat";
    j["side"] = "none";
  } else if (const auto* p = s.find_panelist(who.id)) {
    j["name"] = p->name;
    j["role"] = protocol::to_string(p->role);
    j["side"] = protocol::to_string(p->side);
  }
  return j;
}

json argument_figures(const argument& a) {
  const auto agree = a.counts[0];
  const auto disagree = a.counts[1];
  const auto sided = agree + disagree;
  const double agreement = sided == 0 ? 0.0 : static_cast<double>(agree) / static_cast<double>(sided);
  const double divisiveness = sided == 0 ? 0.0
                                         : 1.0 - std::fabs(static_cast<double>(agree) - static_cast<double>(disagree)) /
                                                     static_cast<double>(sided);
  return json{{"agree", agree},
              {"disagree", disagree},
              {"pass", a.counts[2]},
              {"agreement", std::round(agreement * 1000.0) / 1000.0},
              {"divisiveness", std::round(divisiveness * 1000.0) / 1000.0}};
}

json argument_json(const state& s, const argument& a, view v) {
  json j{{"id", format_argument(a.id)},
         {"text", a.text},
         {"stance", protocol::to_string(a.stance)},
         {"parent", a.parent == 0 ? json(nullptr) : json(format_argument(a.parent))},
         {"relation", a.parent == 0 ? json(nullptr) : json(protocol::to_string(a.answers))},
         {"source", a.source.empty() ? json(nullptr) : json(a.source)},
         {"author", speaker_json(s, a.author)},
         {"status", to_string(a.status)},
         {"segment", a.segment == 0 ? json(nullptr) : json(format_segment(a.segment))},
         {"speaker", a.on_floor ? speaker_json(s, *a.on_floor) : json(nullptr)},
         {"at", a.at},
         {"addressed", a.addressed},
         {"figures", argument_figures(a)}};
  if (a.author.seated) j["author"]["role"] = "audience";
  if (v == view::moderator_view && a.status == argument_status::dismissed) j["reason"] = a.dismiss_reason;
  return j;
}

json poll_tally(const poll& p) {
  json j{{"ballots", p.ballots.size()}, {"counts", p.counts}};
  if (p.kind == protocol::poll_kind::scale) {
    std::uint64_t n = 0;
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < p.counts.size(); ++i) {
      n += p.counts[i];
      sum += p.counts[i] * (i + 1);
    }
    j["mean"] =
        n == 0 ? json(nullptr) : json(std::round(10.0 * static_cast<double>(sum) / static_cast<double>(n)) / 10.0);
  }
  if (p.kind == protocol::poll_kind::word_cloud) {
    std::vector<std::pair<std::string, std::uint64_t>> words(p.words.begin(), p.words.end());
    std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (words.size() > max_cloud_words) words.resize(max_cloud_words);
    json cloud = json::array();
    for (const auto& [w, n] : words) cloud.push_back(json{{"word", w}, {"count", n}});
    j["words"] = std::move(cloud);
  }
  if (!p.changed_by.empty()) {
    json changed = json::object();
    for (const auto& [a, n] : p.changed_by) changed[format_argument(a)] = n;
    j["changed_by"] = std::move(changed);
  }
  return j;
}

json poll_json(const state& s, const poll& p, view v) {
  (void)s;
  json j{{"id", format_poll(p.id)},
         {"kind", protocol::to_string(p.kind)},
         {"question", p.question},
         {"options", p.options},
         {"status", to_string(p.status)},
         {"revealed", p.revealed},
         {"oxford", p.phase == protocol::oxford_phase::none ? json(nullptr) : json(protocol::to_string(p.phase))},
         {"ballots", p.ballots.size()}};
  if (tally_visible(p, v)) j["tally"] = poll_tally(p);
  return j;
}

json oxford_result(const state& s) {
  const poll* before = nullptr;
  const poll* after = nullptr;
  for (const auto& p : s.polls) {
    if (p.phase == protocol::oxford_phase::before) before = &p;
    if (p.phase == protocol::oxford_phase::after) after = &p;
  }
  if (before == nullptr || after == nullptr || after->status != poll_status::closed ||
      before->status == poll_status::draft) {
    return nullptr;
  }
  const auto b = shares(*before);
  const auto a = shares(*after);
  const double swing_for = a["for"]["percent"].get<double>() - b["for"]["percent"].get<double>();
  const double swing_against = a["against"]["percent"].get<double>() - b["against"]["percent"].get<double>();
  const auto round1 = [](double x) { return std::round(x * 10.0) / 10.0; };
  const char* winner = swing_for > swing_against ? "for" : swing_against > swing_for ? "against" : "tie";
  return json{{"before", b},
              {"after", a},
              {"swing", {{"for", round1(swing_for)}, {"against", round1(swing_against)}}},
              {"winner", winner}};
}

std::optional<json> event_data(const state& after, const event_body& body, view v) {
  return std::visit(data_builder{after, v}, body);
}

void add_to_snapshot(json& st, const state& s, view v, std::optional<participant_id> me) {
  st["run_of_show"] = run_of_show_json(s);
  st["show"] = show_json(s);
  json panel = json::array();
  for (const auto& p : s.panelists) panel.push_back(panelist_json(p));
  st["panelists"] = std::move(panel);
  st["hands"] = hands_json(s);
  st["seats"] = seats_json(s, v);
  json args = json::array();
  json mine = json::array();
  json my_ratings = json::object();
  for (const auto& a : s.arguments) {
    if (visible(a, v)) args.push_back(argument_json(s, a, v));
    if (me && a.author == speaker{true, *me} && !visible(a, v)) mine.push_back(argument_json(s, a, v));
    if (me) {
      if (const auto it = a.ratings.find(*me); it != a.ratings.end()) {
        my_ratings[format_argument(a.id)] = protocol::to_string(it->second);
      }
    }
  }
  st["arguments"] = std::move(args);
  st["featured_argument"] = s.featured_argument ? json(format_argument(*s.featured_argument)) : json(nullptr);
  json polls = json::array();
  json my_ballots = json::object();
  for (const auto& p : s.polls) {
    polls.push_back(poll_json(s, p, v));
    if (me) {
      if (const auto it = p.ballots.find(*me); it != p.ballots.end()) {
        json pick;
        std::visit([&pick](const auto& c) { pick = c; }, it->second);
        my_ballots[format_poll(p.id)] = std::move(pick);
      }
    }
  }
  st["polls"] = std::move(polls);
  st["oxford"] = oxford_result(s);
  if (v == view::moderator_view) st["talk_time"] = talk_time_json(s);
  if (me && st.contains("me")) {
    st["me"]["arguments"] = std::move(mine);
    st["me"]["ratings"] = std::move(my_ratings);
    st["me"]["ballots"] = std::move(my_ballots);
    st["me"]["seated"] = s.on_stage(speaker{true, *me});
  }
}

}  // namespace tribune::engine::structured
