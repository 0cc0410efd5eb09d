#include "engine/events.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace tribune::protocol {

NLOHMANN_JSON_SERIALIZE_ENUM(side, {{side::none, "none"}, {side::for_motion, "for"}, {side::against_motion, "against"}})
NLOHMANN_JSON_SERIALIZE_ENUM(panel_role, {{panel_role::host, "host"},
                                          {panel_role::guest, "guest"},
                                          {panel_role::panelist, "panelist"}})
NLOHMANN_JSON_SERIALIZE_ENUM(lane, {{lane::new_point, "new_point"}, {lane::direct_reply, "direct_reply"}})
NLOHMANN_JSON_SERIALIZE_ENUM(relation, {{relation::none, "none"},
                                        {relation::supports, "supports"},
                                        {relation::opposes, "opposes"},
                                        {relation::rebuts, "rebuts"}})
NLOHMANN_JSON_SERIALIZE_ENUM(rating, {{rating::agree, "agree"}, {rating::disagree, "disagree"}, {rating::pass, "pass"}})
NLOHMANN_JSON_SERIALIZE_ENUM(poll_kind, {{poll_kind::single, "single"},
                                         {poll_kind::multiple, "multiple"},
                                         {poll_kind::scale, "scale"},
                                         {poll_kind::word_cloud, "word_cloud"}})
NLOHMANN_JSON_SERIALIZE_ENUM(oxford_phase, {{oxford_phase::none, "none"},
                                            {oxford_phase::before, "before"},
                                            {oxford_phase::after, "after"}})
NLOHMANN_JSON_SERIALIZE_ENUM(segment_kind, {{segment_kind::intro, "intro"},
                                            {segment_kind::vote_before, "vote_before"},
                                            {segment_kind::opening, "opening"},
                                            {segment_kind::free_debate, "free_debate"},
                                            {segment_kind::questions, "questions"},
                                            {segment_kind::closing, "closing"},
                                            {segment_kind::vote_after, "vote_after"},
                                            {segment_kind::conversation, "conversation"},
                                            {segment_kind::round, "round"},
                                            {segment_kind::fishbowl, "fishbowl"},
                                            {segment_kind::wrap_up, "wrap_up"}})

void to_json(nlohmann::json& j, const speaker& s) { j = format_speaker(s); }
void from_json(const nlohmann::json& j, speaker& s) {
  const auto parsed = parse_speaker(j.get<std::string>());
  if (!parsed) throw std::runtime_error("bad speaker id");
  s = *parsed;
}

}  // namespace tribune::protocol

namespace nlohmann {
template <>
struct adl_serializer<tribune::protocol::choice> {
  static void to_json(json& j, const tribune::protocol::choice& c) {
    std::visit([&j](const auto& v) { j = v; }, c);
  }
  static void from_json(const json& j, tribune::protocol::choice& c) {
    if (j.is_number_integer()) {
      c = j.get<std::uint32_t>();
    } else if (j.is_array()) {
      c = j.get<std::vector<std::uint32_t>>();
    } else {
      c = j.get<std::string>();
    }
  }
};
template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& v) {
    if (v) {
      j = *v;
    } else {
      j = nullptr;
    }
  }
  static void from_json(const json& j, std::optional<T>& v) {
    if (j.is_null()) {
      v.reset();
    } else {
      v = j.get<T>();
    }
  }
};
}  // namespace nlohmann

namespace tribune::engine {

using json = nlohmann::json;

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(credential, selector, verifier_hash)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(debate_info, id, code, title, motion, description, created_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(segment_spec, name, kind, minutes, speakers, audience, speaker_seconds)

namespace ev {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(debate_created, debate, moderator, stage)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_joined, participant, display_name, cred)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_asked, question, author, text, anonymous)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_approved, question)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_dismissed, question, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_answered, question)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question_pinned, question, pinned)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(upvote_changed, question, participant, on)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_muted, participant, muted)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_banned, participant, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(moderation_visibility_changed, is_private)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(links_rotated, moderator, stage)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(reactions_recorded, counts)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(on_air_changed, question)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(format_set, format, segments, seats)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(panelist_added, panelist, display_name, role, side, cred)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(segment_started, segment)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(panelist_stage_changed, panelist, on)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(floor_granted, who, allotted_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(floor_extended, ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(floor_ended, who)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(hand_raised, who, in)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(hand_lowered, who)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(seat_requested, participant)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(seat_request_cancelled, participant)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_seated, participant)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_unseated, participant)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(argument_posted, argument, author, text, stance, parent, answers, source, published,
                                   segment, on_floor)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(argument_approved, argument)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(argument_dismissed, argument, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(argument_featured, argument)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(argument_addressed, argument)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(argument_rated, argument, participant, value)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(poll_created, poll, kind, question, options, phase)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(poll_opened, poll)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(poll_closed, poll)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(poll_revealed, poll)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ballot_cast, poll, participant, pick, changed_by)

// Events without fields are stored as an empty object.
template <class T>
requires std::is_empty_v<T>
void to_json(json& j, const T&) { j = json::object(); }
template <class T>
requires std::is_empty_v<T>
void from_json(const json&, T&) {}
}  // namespace ev

std::string_view event_name(const event_body& body) noexcept {
  return std::visit([](const auto& e) { return std::decay_t<decltype(e)>::name; }, body);
}

event_record to_record(const event& e) {
  const auto body = std::visit([](const auto& b) { return json(b); }, e.body);
  return event_record{e.seq, e.at, std::string(event_name(e.body)), body.dump(), e.key};
}

namespace {

template <std::size_t I = 0>
event_body parse_body(std::string_view type, const json& j) {
  if constexpr (I == std::variant_size_v<event_body>) {
    throw std::runtime_error("unknown event type in log: " + std::string(type));
  } else {
    using alternative = std::variant_alternative_t<I, event_body>;
    if (alternative::name == type) return j.get<alternative>();
    return parse_body<I + 1>(type, j);
  }
}

}  // namespace

event from_record(const event_record& r) {
  try {
    return event{r.seq, r.at, parse_body(r.type, json::parse(r.body)), r.key};
  } catch (const json::exception& e) {
    throw std::runtime_error("unreadable event " + std::to_string(r.seq) + " (" + r.type + "): " + e.what());
  }
}

}  // namespace tribune::engine
