#include "engine/views.hpp"

#include "engine/views_structured.hpp"

#include <algorithm>

namespace tribune::engine {
namespace {

using json = nlohmann::json;
using protocol::format_participant;
using protocol::format_question;

json reactions_json(const protocol::reaction_counts& counts) {
  json j = json::object();
  for (std::size_t i = 0; i < counts.size(); ++i) {
    j[std::string(protocol::to_string(static_cast<protocol::reaction_kind>(i)))] = counts[i];
  }
  return j;
}

json participant_ref(const state& s, participant_id id) {
  const auto* p = s.find_participant(id);
  return json{{"id", format_participant(id)}, {"name", p != nullptr ? p->name : std::string()}};
}

json question_json(const state& s, const question& q, view v) {
  json j{{"id", format_question(q.id)}, {"text", q.text},     {"status", to_string(q.status)},
         {"votes", q.voters.size()},    {"pinned", q.pinned}, {"asked_at", q.asked_at}};
  if (v == view::moderator_view) {
    j["author"] = participant_ref(s, q.author);
    j["anonymous"] = q.anonymous;
    if (q.status == question_status::dismissed) j["reason"] = q.dismiss_reason;
  } else {
    j["author"] = q.anonymous ? json(nullptr) : participant_ref(s, q.author);
  }
  return j;
}

}  // namespace

json log_entry_view(const state& s, const log_entry& e, view v) {
  const bool hide = v == view::public_view && s.moderation_private;
  json j{{"seq", e.seq}, {"at", e.at}, {"action", to_string(e.action)}};
  if (e.question != 0) {
    json q{{"id", format_question(e.question)}};
    if (!hide) q["text"] = s.find_question(e.question)->text;
    j["question"] = std::move(q);
  }
  if (e.argument != 0) {
    json a{{"id", protocol::format_argument(e.argument)}};
    if (!hide) a["text"] = s.find_argument(e.argument)->text;
    j["argument"] = std::move(a);
  }
  if (e.participant != 0) j["participant"] = participant_ref(s, e.participant);
  if (!e.reason.empty() && !hide) j["reason"] = e.reason;
  return j;
}

namespace {

const log_entry& last_log(const state& s) { return s.log.back(); }

struct data_builder {
  const state& s;
  view v;

  json operator()(const ev::debate_created& x) const { return json{{"debate", debate_json(x.debate)}}; }
  json operator()(const ev::participant_joined& x) const {
    return json{{"participant", participant_ref(s, x.participant)}};
  }
  json operator()(const ev::question_asked& x) const {
    if (v == view::public_view) return json{{"question", json{{"id", format_question(x.question)}}}};
    return json{{"question", question_json(s, *s.find_question(x.question), v)}};
  }
  json operator()(const ev::question_approved& x) const {
    return json{{"question", question_json(s, *s.find_question(x.question), v)}};
  }
  json operator()(const ev::question_dismissed& x) const {
    json j{{"question", format_question(x.question)}, {"entry", log_entry_view(s, last_log(s), v)}};
    if (v == view::moderator_view) j["reason"] = x.reason;
    return j;
  }
  json operator()(const ev::question_answered& x) const { return json{{"question", format_question(x.question)}}; }
  json operator()(const ev::question_pinned& x) const {
    return json{{"question", format_question(x.question)}, {"pinned", x.pinned}};
  }
  json operator()(const ev::on_air_changed& x) const {
    return json{{"question", x.question ? json(format_question(*x.question)) : json(nullptr)}};
  }
  json operator()(const ev::upvote_changed& x) const {
    json j{{"question", format_question(x.question)}, {"votes", s.find_question(x.question)->voters.size()}};
    if (v == view::moderator_view) {
      j["participant"] = format_participant(x.participant);
      j["on"] = x.on;
    }
    return j;
  }
  json operator()(const ev::participant_muted& x) const {
    return json{{"participant", format_participant(x.participant)},
                {"muted", x.muted},
                {"entry", log_entry_view(s, last_log(s), v)}};
  }
  json operator()(const ev::participant_banned& x) const {
    return json{{"participant", format_participant(x.participant)}, {"entry", log_entry_view(s, last_log(s), v)}};
  }
  json operator()(const ev::moderation_visibility_changed& x) const {
    return json{{"private", x.is_private}, {"entry", log_entry_view(s, last_log(s), v)}};
  }
  json operator()(const ev::links_rotated&) const { return json::object(); }
  json operator()(const ev::reactions_recorded& x) const { return json{{"counts", reactions_json(x.counts)}}; }
  template <class T>
  json operator()(const T& x) const {
    return structured::event_data(s, event_body{x}, v).value_or(json::object());
  }
};

// Pinned first, then by votes, then oldest first: the order a moderator reads the queue in.
std::vector<const question*> ordered(const state& s) {
  std::vector<const question*> out;
  out.reserve(s.questions.size());
  for (const auto& q : s.questions) out.push_back(&q);
  std::stable_sort(out.begin(), out.end(), [](const question* a, const question* b) {
    if (a->pinned != b->pinned) return a->pinned;
    return a->voters.size() > b->voters.size();
  });
  return out;
}

}  // namespace

json debate_json(const debate_info& d) {
  return json{{"id", d.id},
              {"code", d.code},
              {"title", d.title},
              {"motion", d.motion},
              {"description", d.description},
              {"created_at", d.created_at}};
}

bool is_silent(const event_body& body) noexcept {
  return std::holds_alternative<ev::ballot_cast>(body) || std::holds_alternative<ev::argument_rated>(body);
}

std::string encode_event(const state& after, const event& e, view v) { return encode_event(after, e, v, e.seq - 1); }

std::string encode_event(const state& after, const event& e, view v, seq_t prev) {
  json j{{"type", "event"},
         {"seq", e.seq},
         {"prev", prev},
         {"at", e.at},
         {"event", event_name(e.body)},
         {"data", std::visit(data_builder{after, v}, e.body)}};
  return j.dump();
}

std::string encode_snapshot(const state& s, view v, std::optional<participant_id> me) {
  json questions = json::array();
  json mine = json::array();
  json my_votes = json::array();
  for (const auto* q : ordered(s)) {
    const bool open = q->status == question_status::approved || q->status == question_status::answered;
    if (v == view::moderator_view || open) questions.push_back(question_json(s, *q, v));
    if (me && q->author == *me) mine.push_back(question_json(s, *q, v));
    if (me && q->voters.contains(*me)) my_votes.push_back(format_question(q->id));
  }
  json log = json::array();
  for (const auto& entry : s.log) log.push_back(log_entry_view(s, entry, v));

  json st{{"debate", debate_json(s.debate)},
          {"moderation", s.moderation_private ? "private" : "public"},
          {"questions", std::move(questions)},
          {"pending_count", s.pending_count},
          {"on_air", s.on_air ? json(format_question(*s.on_air)) : json(nullptr)},
          {"log", std::move(log)},
          {"reactions", reactions_json(s.reactions)}};
  if (me) {
    if (const auto* p = s.find_participant(*me)) {
      st["me"] = json{{"id", format_participant(p->id)},
                      {"name", p->name},
                      {"muted", p->muted},
                      {"banned", p->banned},
                      {"votes", my_votes},
                      {"questions", mine}};
    }
  }
  if (v == view::moderator_view) {
    json people = json::array();
    for (const auto& p : s.participants) {
      people.push_back(
          json{{"id", format_participant(p.id)}, {"name", p.name}, {"muted", p.muted}, {"banned", p.banned}});
    }
    st["participants"] = std::move(people);
  }
  structured::add_to_snapshot(st, s, v, me);
  return json{{"type", "snapshot"}, {"seq", s.seq}, {"state", std::move(st)}}.dump();
}

std::string encode_tallies(const state& s, view v, const std::set<poll_id>& polls,
                           const std::set<argument_id>& arguments) {
  json poll_figures = json::object();
  for (const auto id : polls) {
    const auto* p = s.find_poll(id);
    if (p == nullptr) continue;
    json entry{{"ballots", p->ballots.size()}};
    if (v == view::moderator_view || p->revealed) entry["tally"] = structured::poll_tally(*p);
    poll_figures[protocol::format_poll(id)] = std::move(entry);
  }
  json argument_figures = json::object();
  for (const auto id : arguments) {
    const auto* a = s.find_argument(id);
    if (a == nullptr || (v == view::public_view && a->status != argument_status::published)) continue;
    argument_figures[protocol::format_argument(id)] = structured::argument_figures(*a);
  }
  return json{{"type", "tallies"},
              {"seq", s.seq},
              {"polls", std::move(poll_figures)},
              {"arguments", std::move(argument_figures)}}
      .dump();
}

json command_result(const state& after, const std::vector<event_body>& produced) {
  for (const auto& body : produced) {
    if (const auto* asked = std::get_if<ev::question_asked>(&body)) {
      return json{{"question", format_question(asked->question)}};
    }
    if (const auto* vote = std::get_if<ev::upvote_changed>(&body)) {
      return json{{"votes", after.find_question(vote->question)->voters.size()}};
    }
    if (const auto* joined = std::get_if<ev::participant_joined>(&body)) {
      return json{{"participant", format_participant(joined->participant)}, {"name", joined->display_name}};
    }
    if (const auto* posted = std::get_if<ev::argument_posted>(&body)) {
      return json{{"argument", protocol::format_argument(posted->argument)}, {"published", posted->published}};
    }
    if (const auto* created = std::get_if<ev::poll_created>(&body)) {
      return json{{"poll", protocol::format_poll(created->poll)}};
    }
    if (const auto* added = std::get_if<ev::panelist_added>(&body)) {
      return json{{"panelist", protocol::format_panelist(added->panelist)}, {"name", added->display_name}};
    }
  }
  return nullptr;
}

}  // namespace tribune::engine
