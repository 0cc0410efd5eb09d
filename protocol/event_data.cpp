// How the `data` of each event is written (see event_data.hpp for who sees what).
#include "protocol/event_data.hpp"

namespace tribune::protocol::data {
namespace {

template <class T, class F>
json or_null(const std::optional<T>& v, F&& write) {
  return v ? json(write(*v)) : json(nullptr);
}

json with_entry(json j, const wire::log_entry& entry, const std::optional<std::string>& reason) {
  j["entry"] = entry;
  if (reason) j["reason"] = *reason;
  return j;
}

}  // namespace

void to_json(json& j, const debate_created& v) { j = json{{"debate", v.debate}}; }
void to_json(json& j, const participant_joined& v) {
  j = json{{"participant", v.participant}};
  if (v.flag) j["flag"] = *v.flag;
}
void to_json(json& j, const nothing&) { j = json::object(); }

void to_json(json& j, const question_asked& v) {
  if (const auto* pending = std::get_if<pending_question_ref>(&v.question)) {
    j = json{{"question", {{"id", format_question(pending->id)}}}};
  } else {
    j = json{{"question", std::get<wire::question>(v.question)}};
  }
}
void to_json(json& j, const question_changed& v) { j = json{{"question", v.question}}; }
void to_json(json& j, const question_dismissed& v) {
  j = with_entry(json{{"question", format_question(v.question)}}, v.entry, v.reason);
}
void to_json(json& j, const question_merged& v) {
  j = json{{"question", format_question(v.question)},
           {"into", format_question(v.into)},
           {"votes", v.votes},
           {"entry", v.entry}};
}
void to_json(json& j, const question_ref& v) { j = json{{"question", format_question(v.question)}}; }
void to_json(json& j, const question_pinned& v) {
  j = json{{"question", format_question(v.question)}, {"pinned", v.pinned}};
}
void to_json(json& j, const on_air_changed& v) { j = json{{"question", or_null(v.question, format_question)}}; }
void to_json(json& j, const upvote_changed& v) {
  j = json{{"question", format_question(v.question)}, {"votes", v.votes}};
  if (v.participant) j["participant"] = format_participant(*v.participant);
  if (v.on) j["on"] = *v.on;
}
void to_json(json& j, const participant_muted& v) {
  j = json{{"participant", format_participant(v.participant)}, {"muted", v.muted}, {"entry", v.entry}};
}
void to_json(json& j, const participant_banned& v) {
  j = json{{"participant", format_participant(v.participant)}, {"entry", v.entry}};
}
void to_json(json& j, const moderation_changed& v) { j = json{{"private", v.is_private}, {"entry", v.entry}}; }

void to_json(json& j, const reactions_recorded& v) { j = json{{"counts", wire::reaction_counts_json(v.counts)}}; }

void to_json(json& j, const format_set& v) { j = json{{"run_of_show", v.run_of_show}}; }
void to_json(json& j, const panelist_added& v) { j = json{{"panelist", v.panelist}}; }
void to_json(json& j, const show_changed& v) {
  j = json{{"show", v.show}};
  if (v.talk_time) j["talk_time"] = *v.talk_time;
}
void to_json(json& j, const show_ended& v) {
  j = json{{"show", v.show}, {"oxford", or_null(v.oxford, [](const wire::oxford_result& o) { return json(o); })}};
  if (v.talk_time) j["talk_time"] = *v.talk_time;
}
void to_json(json& j, const panelist_stage_changed& v) {
  j = json{{"panelist", v.panelist}, {"show", v.show}, {"hands", v.hands}};
  if (v.talk_time) j["talk_time"] = *v.talk_time;
}
void to_json(json& j, const floor_changed& v) {
  j = json{{"show", v.show}, {"hands", v.hands}};
  if (v.talk_time) j["talk_time"] = *v.talk_time;
}
void to_json(json& j, const hands_changed& v) { j = json{{"hands", v.hands}}; }
void to_json(json& j, const seats_changed& v) {
  j = json{{"participant", format_participant(v.participant)}, {"seats", v.seats}, {"show", v.show}};
  if (v.talk_time) j["talk_time"] = *v.talk_time;
}

void to_json(json& j, const argument_posted& v) {
  std::visit([&j](const auto& a) { j = json{{"argument", a}}; }, v.argument);
}
void to_json(json& j, const argument_changed& v) { j = json{{"argument", v.argument}}; }
void to_json(json& j, const argument_dismissed& v) {
  j = with_entry(json{{"argument", format_argument(v.argument)}}, v.entry, v.reason);
}
void to_json(json& j, const argument_featured& v) { j = json{{"argument", or_null(v.argument, format_argument)}}; }
void to_json(json& j, const argument_ref& v) { j = json{{"argument", format_argument(v.argument)}}; }

void to_json(json& j, const poll_created& v) { j = json{{"poll", v.poll}}; }
void to_json(json& j, const poll_changed& v) {
  j = json{{"poll", v.poll}, {"oxford", or_null(v.oxford, [](const wire::oxford_result& o) { return json(o); })}};
}

}  // namespace tribune::protocol::data
