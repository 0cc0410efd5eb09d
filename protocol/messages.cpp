// How every WebSocket message from the server is written (see messages.hpp).
#include "protocol/messages.hpp"

#include "protocol/words.hpp"

namespace tribune::protocol {
namespace {

using json = nlohmann::json;

struct result_writer {
  json operator()(const result::none&) const { return nullptr; }
  json operator()(const result::question_asked& r) const { return json{{"question", format_question(r.question)}}; }
  json operator()(const result::votes& r) const { return json{{"votes", r.votes}}; }
  json operator()(const result::changed& r) const { return json{{"changed", r.changed}}; }
  json operator()(const result::joined& r) const {
    return json{{"participant", format_participant(r.participant)}, {"name", r.name}};
  }
  json operator()(const result::argument_posted& r) const {
    return json{{"argument", format_argument(r.argument)}, {"published", r.published}};
  }
  json operator()(const result::poll_created& r) const { return json{{"poll", format_poll(r.poll)}}; }
  json operator()(const result::prediction_created& r) const {
    return json{{"prediction", format_prediction(r.prediction)}};
  }
  json operator()(const result::quiz_question_started& r) const {
    return json{{"quiz_question", format_quiz_question(r.quiz_question)}};
  }
  json operator()(const result::quiz_answered& r) const {
    return json{{"quiz_question", format_quiz_question(r.quiz_question)}, {"choice", r.choice}, {"points", r.points}};
  }
  json operator()(const result::panelist_added& r) const {
    return json{{"panelist", format_panelist(r.panelist)}, {"name", r.name}};
  }
  json operator()(const result::moderator_added& r) const {
    return json{{"moderator", format_moderator(r.moderator)}, {"name", r.name}};
  }
  json operator()(const result::duplicate&) const { return json{{"duplicate", true}}; }
};

json choice_json(const choice& c) {
  json out;
  std::visit([&out](const auto& v) { out = v; }, c);
  return out;
}

json me_json(const me& m) {
  json votes = json::array();
  for (const auto q : m.votes) votes.push_back(format_question(q));
  json ratings = json::object();
  for (const auto& [a, r] : m.ratings) ratings[format_argument(a)] = word(r);
  json ballots = json::object();
  for (const auto& [p, c] : m.ballots) ballots[format_poll(p)] = choice_json(c);
  json predictions = json::object();
  for (const auto& [p, outcome] : m.predictions) predictions[format_prediction(p)] = outcome;
  return json{{"id", format_participant(m.id)},
              {"name", m.name},
              {"muted", m.muted},
              {"banned", m.banned},
              {"votes", votes},
              {"questions", m.questions},
              {"arguments", m.arguments},
              {"ratings", ratings},
              {"ballots", ballots},
              {"predictions", predictions},
              {"quiz", my_quiz_json(m.quiz)},
              {"seated", m.seated},
              {"contact", m.contact ? json{{"contact", m.contact->contact},
                                           {"brand", m.contact->brand},
                                           {"sponsor", m.contact->sponsor},
                                           {"at", m.contact->at}}
                                    : json(nullptr)}};
}

template <class T, class F>
json or_null(const std::optional<T>& v, F&& write) {
  return v ? json(write(*v)) : json(nullptr);
}

}  // namespace

std::string encode_welcome(const welcome& w) {
  json j{{"type", "welcome"},
         {"seq", w.seq},
         {"role", word(w.as)},
         {"debate", w.debate},
         {"resume", w.resume_by_events ? "events" : "snapshot"},
         {"server_time", w.server_time}};
  if (w.participant) {
    j["participant"] = format_participant(w.participant->id);
    j["name"] = w.participant->name;
  }
  if (w.panelist) {
    j["panelist"] = format_panelist(w.panelist->id);
    j["name"] = w.panelist->name;
    j["side"] = word(w.panelist->stance);
    j["panel_role"] = word(w.panelist->role);
    j["cues"] = w.panelist->cues;
  }
  if (w.moderator) {
    j["moderator"] = format_moderator(w.moderator->id);
    j["name"] = w.moderator->name;
  }
  return j.dump();
}

namespace {

// The replies every command gets are written field by field, in the order nlohmann writes an object
// (its keys sorted): the same bytes as dumping a json object, without building one per reply.
class reply_writer {
 public:
  // `value` is JSON text; keys must come in sorted order.
  reply_writer& add(std::string_view key, std::string_view value) {
    out_ += out_.empty() ? R"({")" : R"(,")";
    out_ += key;
    out_ += R"(":)";
    out_ += value;
    return *this;
  }
  std::string close() {
    out_ += '}';
    return std::move(out_);
  }

 private:
  std::string out_;
};

}  // namespace

std::string encode_ack(const json& id, seq_t seq, const ack_result& r) {
  reply_writer w;
  w.add("id", id.dump());
  if (auto result = std::visit(result_writer{}, r); !result.is_null()) w.add("result", result.dump());
  return w.add("seq", std::to_string(seq)).add("type", R"("ack")").close();
}

std::string encode_error(const json& id, seq_t seq, const error& err) {
  reply_writer w;
  w.add("code", json(word(err.code)).dump()).add("detail", json(err.detail).dump()).add("id", id.dump());
  return w.add("seq", std::to_string(seq)).add("type", R"("error")").close();
}

std::string encode_time(const json& id, seq_t seq, std::int64_t server_time) {
  reply_writer w;
  w.add("id", id.dump()).add("seq", std::to_string(seq)).add("server_time", std::to_string(server_time));
  return w.add("type", R"("time")").close();
}

std::string encode_event(const event_header& h, const json& data) {
  json j{{"type", "event"}, {"seq", h.seq}, {"prev", h.prev}, {"at", h.at}, {"event", h.name}, {"data", data}};
  if (!h.by.empty()) j["by"] = h.by;
  return j.dump();
}

nlohmann::json snapshot_state_json(const snapshot& s) {
  json st{{"debate", s.debate},
          {"moderation", s.moderation_private ? "private" : "public"},
          {"questions", s.questions},
          {"pending_count", s.pending_count},
          {"on_air", or_null(s.on_air, format_question)},
          {"log", s.log},
          {"reactions", wire::reaction_counts_json(s.reactions)},
          {"run_of_show", s.run_of_show},
          {"show", s.show},
          {"panelists", s.panelists},
          {"hands", s.hands},
          {"seats", s.seats},
          {"arguments", s.arguments},
          {"featured_argument", or_null(s.featured_argument, format_argument)},
          {"polls", s.polls},
          {"predictions", s.predictions},
          {"quiz", s.quiz},
          {"quiz_leaderboard", s.quiz_leaderboard},
          {"oxford", or_null(s.oxford, [](const wire::oxford_result& o) { return json(o); })}};
  if (s.mine) st["me"] = me_json(*s.mine);
  if (s.participants) st["participants"] = *s.participants;
  if (s.talk_time) st["talk_time"] = *s.talk_time;
  if (s.backstage) st["backstage"] = *s.backstage;
  if (s.team) st["team"] = *s.team;
  return st;
}

std::string encode_snapshot(const snapshot& s) {
  return json{{"type", "snapshot"}, {"seq", s.seq}, {"state", snapshot_state_json(s)}}.dump();
}

std::string encode_tallies(const tallies& t) {
  json polls = json::object();
  for (const auto& [id, p] : t.polls) {
    json entry{{"ballots", p.ballots}};
    if (p.figures) entry["tally"] = *p.figures;
    polls[format_poll(id)] = std::move(entry);
  }
  json arguments = json::object();
  for (const auto& [id, f] : t.arguments) arguments[format_argument(id)] = f;
  json out{{"type", "tallies"}, {"seq", t.seq}, {"polls", std::move(polls)}, {"arguments", std::move(arguments)}};
  if (!t.predictions.empty()) out["predictions"] = prediction_counts_json(t.predictions);
  if (!t.quiz.empty()) out["quiz"] = quiz_answer_counts_json(t.quiz);
  return out.dump();
}

std::string encode_reactions(const reactions& r) {
  return json{{"type", "reactions"},
              {"seq", r.seq},
              {"totals", wire::reaction_counts_json(r.totals)},
              {"recent", wire::reaction_counts_json(r.recent)}}
      .dump();
}

}  // namespace tribune::protocol
