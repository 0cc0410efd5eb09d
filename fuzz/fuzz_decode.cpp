// libFuzzer target: protocol::decode on arbitrary bytes.
//
// decode must never throw or crash, and what it accepts must be well formed: every text within its
// bounds, valid UTF-8 and trimmed, every id non-zero, every number in its range. An accepted frame
// must also survive a round trip: the request re-encoded as a client would send it decodes to the
// same request, and the frame's own JSON, re-serialized, decodes to the same result.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "protocol/decode.hpp"
#include "protocol/errors.hpp"
#include "protocol/limits.hpp"
#include "protocol/terms.hpp"
#include "protocol/text.hpp"
#include "protocol/words.hpp"

namespace {

using namespace tribune::protocol;
using json = nlohmann::json;

[[noreturn]] void fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "fuzz_decode: %s: %.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

void check(bool ok, const char* what, std::string_view detail = {}) {
  if (!ok) fail(what, detail);
}

void check_text(const std::string& s, std::size_t max_chars, bool may_be_empty, const char* field) {
  const auto n = utf8_length(s);
  check(n.has_value(), "text is not valid UTF-8", field);
  check(*n <= max_chars, "text over its bound", field);
  check(may_be_empty || *n > 0, "empty text accepted", field);
  check(trim(s).size() == s.size(), "text not trimmed", field);
}

// Ids in the wire format are never 0 (p0, q0, g0… are refused).
template <class Format>
std::string id(std::uint32_t v, Format format) {
  check(v != 0, "id 0 accepted");
  return format(v);
}

json optional_id(const auto& v, auto format) { return v ? json(id(*v, format)) : json(nullptr); }

// The request as a client sends it (docs/protocol.md), checking each field on the way.
struct encoder {
  json operator()(const hello& m) const {
    check(m.debate.size() <= max_debate_id_chars && m.token.size() <= max_token_chars, "hello field too long");
    json j{{"type", "hello"}, {"debate", m.debate}, {"token", m.token}};
    if (m.last_seq) j["last_seq"] = *m.last_seq;
    return j;
  }
  json operator()(const ask& m) const {
    check_text(m.text, max_question_chars, false, "ask.text");
    return {{"type", "ask"}, {"text", m.text}, {"anonymous", m.anonymous}};
  }
  json operator()(const upvote& m) const {
    return {{"type", "upvote"}, {"question", id(m.question, format_question)}, {"on", m.on}};
  }
  json operator()(const react& m) const { return {{"type", "react"}, {"kind", word(m.kind)}}; }
  json operator()(const approve& m) const {
    return {{"type", "approve"}, {"question", id(m.question, format_question)}};
  }
  json operator()(const dismiss& m) const {
    check_text(m.reason, max_reason_chars, false, "dismiss.reason");
    return {{"type", "dismiss"}, {"question", id(m.question, format_question)}, {"reason", m.reason}};
  }
  json operator()(const moderate_questions& m) const {
    check(!m.questions.empty() && m.questions.size() <= max_bulk_questions, "bulk question count");
    if (m.action == bulk_action::dismiss) check_text(m.reason, max_reason_chars, false, "moderate_questions.reason");
    check(m.action == bulk_action::dismiss || m.reason.empty(), "a reason kept for an approval");
    json ids = json::array();
    for (const auto q : m.questions) ids.push_back(id(q, format_question));
    json j{{"type", "moderate_questions"}, {"questions", ids}, {"action", word(m.action)}};
    if (m.action == bulk_action::dismiss) j["reason"] = m.reason;
    return j;
  }
  json operator()(const merge_questions& m) const {
    check(!m.questions.empty() && m.questions.size() <= max_merged_questions, "merged question count");
    json ids = json::array();
    for (const auto q : m.questions) {
      check(q != m.into, "a question merged into itself");
      ids.push_back(id(q, format_question));
    }
    return {{"type", "merge_questions"}, {"into", id(m.into, format_question)}, {"questions", ids}};
  }
  json operator()(const mark_answered& m) const {
    return {{"type", "mark_answered"}, {"question", id(m.question, format_question)}};
  }
  json operator()(const pin& m) const {
    return {{"type", "pin"}, {"question", id(m.question, format_question)}, {"pinned", m.pinned}};
  }
  json operator()(const put_on_air& m) const {
    return {{"type", "put_on_air"}, {"question", optional_id(m.question, format_question)}};
  }
  json operator()(const mute& m) const {
    return {{"type", "mute"}, {"participant", id(m.participant, format_participant)}, {"muted", m.muted}};
  }
  json operator()(const ban& m) const {
    check_text(m.reason, max_reason_chars, false, "ban.reason");
    return {{"type", "ban"}, {"participant", id(m.participant, format_participant)}, {"reason", m.reason}};
  }
  json operator()(const tribune::protocol::start_show&) const { return {{"type", "start_show"}}; }
  json operator()(const tribune::protocol::advance&) const { return {{"type", "advance"}}; }
  json operator()(const tribune::protocol::pause&) const { return {{"type", "pause"}}; }
  json operator()(const tribune::protocol::resume&) const { return {{"type", "resume"}}; }
  json operator()(const tribune::protocol::end_show&) const { return {{"type", "end_show"}}; }
  json operator()(const set_on_stage& m) const {
    return {{"type", "set_on_stage"}, {"panelist", id(m.panelist, format_panelist)}, {"on", m.on}};
  }
  json operator()(const grant_floor& m) const {
    check(m.who.id != 0, "speaker id 0");
    json j{{"type", "grant_floor"}, {"speaker", format_speaker(m.who)}};
    if (m.seconds) {
      check(*m.seconds >= 1 && *m.seconds <= max_floor_seconds, "floor seconds out of range");
      j["seconds"] = *m.seconds;
    }
    return j;
  }
  json operator()(const extend_floor& m) const {
    check(m.seconds >= 1 && m.seconds <= max_extend_seconds, "extend seconds out of range");
    return {{"type", "extend_floor"}, {"seconds", m.seconds}};
  }
  json operator()(const end_floor&) const { return {{"type", "end_floor"}}; }
  json operator()(const raise_hand& m) const { return {{"type", "raise_hand"}, {"lane", word(m.in)}}; }
  json operator()(const lower_hand&) const { return {{"type", "lower_hand"}}; }
  json operator()(const request_seat&) const { return {{"type", "request_seat"}}; }
  json operator()(const cancel_seat_request&) const { return {{"type", "cancel_seat_request"}}; }
  json operator()(const seat& m) const {
    return {{"type", "seat"}, {"participant", id(m.participant, format_participant)}};
  }
  json operator()(const unseat& m) const {
    return {{"type", "unseat"}, {"participant", id(m.participant, format_participant)}};
  }
  json operator()(const post_argument& m) const {
    check_text(m.text, max_argument_chars, false, "post_argument.text");
    check(m.parent.has_value() == (m.answers != relation::none), "relation without parent, or parent without one");
    check(m.source.size() <= max_source_chars, "source too long");
    json j{{"type", "post_argument"}, {"text", m.text}, {"stance", word(m.stance)}};
    if (m.parent) {
      j["parent"] = id(*m.parent, format_argument);
      j["relation"] = word(m.answers);
    }
    if (!m.source.empty()) j["source"] = m.source;
    return j;
  }
  json operator()(const approve_argument& m) const {
    return {{"type", "approve_argument"}, {"argument", id(m.argument, format_argument)}};
  }
  json operator()(const dismiss_argument& m) const {
    check_text(m.reason, max_reason_chars, false, "dismiss_argument.reason");
    return {{"type", "dismiss_argument"}, {"argument", id(m.argument, format_argument)}, {"reason", m.reason}};
  }
  json operator()(const feature_argument& m) const {
    return {{"type", "feature_argument"}, {"argument", optional_id(m.argument, format_argument)}};
  }
  json operator()(const mark_addressed& m) const {
    return {{"type", "mark_addressed"}, {"argument", id(m.argument, format_argument)}};
  }
  json operator()(const rate_argument& m) const {
    return {{"type", "rate_argument"}, {"argument", id(m.argument, format_argument)}, {"rating", word(m.value)}};
  }
  json operator()(const create_poll& m) const {
    check_text(m.question, max_poll_question_chars, false, "create_poll.question");
    const bool listed = m.kind == poll_kind::single || m.kind == poll_kind::multiple;
    if (listed) {
      check(m.options.size() >= min_poll_options && m.options.size() <= max_poll_options, "poll option count");
    }
    for (const auto& o : m.options) check_text(o, max_option_chars, false, "create_poll.option");
    json j{{"type", "create_poll"}, {"kind", word(m.kind)}, {"question", m.question}};
    if (listed) j["options"] = m.options;
    return j;
  }
  json operator()(const create_oxford_poll& m) const {
    check(m.phase != oxford_phase::none, "oxford poll without a phase");
    return {{"type", "create_oxford_poll"}, {"phase", word(m.phase)}};
  }
  json operator()(const open_poll& m) const { return {{"type", "open_poll"}, {"poll", id(m.poll, format_poll)}}; }
  json operator()(const close_poll& m) const { return {{"type", "close_poll"}, {"poll", id(m.poll, format_poll)}}; }
  json operator()(const reveal_poll& m) const { return {{"type", "reveal_poll"}, {"poll", id(m.poll, format_poll)}}; }
  json operator()(const vote& m) const {
    json j{{"type", "vote"}, {"poll", id(m.poll, format_poll)}};
    if (const auto* i = std::get_if<std::uint32_t>(&m.pick)) {
      check(*i <= 1000, "choice out of range");
      j["choice"] = *i;
    } else if (const auto* many = std::get_if<std::vector<std::uint32_t>>(&m.pick)) {
      check(!many->empty() && many->size() <= max_poll_options, "choice list size");
      for (const auto k : *many) check(k <= 1000, "choice out of range");
      j["choice"] = *many;
    } else {
      const auto& word = std::get<std::string>(m.pick);
      check(utf8_length(word).has_value() && !word.empty(), "folded word is empty or not UTF-8");
      // Folding is idempotent: an answer typed in its folded form lands in the same bucket.
      check(fold_word(word) == word, "fold_word is not idempotent", word);
      j["choice"] = word;
    }
    if (m.changed_by) j["changed_by"] = id(*m.changed_by, format_argument);
    return j;
  }
  json operator()(const leave_contact& m) const {
    check_text(m.contact, max_contact_chars, false, "leave_contact.contact");
    check(m.brand || m.sponsor, "a contact kept without a consent");
    return {{"type", "leave_contact"}, {"contact", m.contact}, {"brand", m.brand}, {"sponsor", m.sponsor}};
  }
  json operator()(const erase_me&) const { return {{"type", "erase_me"}}; }
  json operator()(const send_cue& m) const {
    check_text(m.text, max_cue_chars, m.cue != cue_kind::note, "send_cue.text");
    json j{{"type", "send_cue"}, {"panelist", id(m.panelist, format_panelist)}, {"cue", word(m.cue)}};
    if (!m.text.empty()) j["text"] = m.text;
    return j;
  }
  json operator()(const acknowledge_cue& m) const {
    return {{"type", "acknowledge_cue"}, {"cue", id(m.cue, format_cue)}};
  }
  json operator()(const post_staff_message& m) const {
    check_text(m.text, max_staff_message_chars, false, "post_staff_message.text");
    return {{"type", "post_staff_message"}, {"text", m.text}};
  }
  json operator()(const create_prediction& m) const {
    check_text(m.title, max_prediction_title_chars, false, "create_prediction.title");
    check(m.outcomes.size() >= min_outcomes && m.outcomes.size() <= max_outcomes, "prediction outcome count");
    for (const auto& o : m.outcomes) check_text(o, max_outcome_chars, false, "create_prediction.outcome");
    return {{"type", "create_prediction"}, {"title", m.title}, {"outcomes", m.outcomes}};
  }
  json operator()(const lock_prediction& m) const {
    return {{"type", "lock_prediction"}, {"prediction", id(m.prediction, format_prediction)}};
  }
  json operator()(const cancel_prediction& m) const {
    return {{"type", "cancel_prediction"}, {"prediction", id(m.prediction, format_prediction)}};
  }
  json operator()(const resolve_prediction& m) const {
    check(m.outcome < max_outcomes, "outcome over its bound");
    return {
        {"type", "resolve_prediction"}, {"prediction", id(m.prediction, format_prediction)}, {"outcome", m.outcome}};
  }
  json operator()(const predict& m) const {
    check(m.outcome < max_outcomes, "outcome over its bound");
    return {{"type", "predict"}, {"prediction", id(m.prediction, format_prediction)}, {"outcome", m.outcome}};
  }
  json operator()(const start_quiz_question& m) const {
    check_text(m.text, max_quiz_text_chars, false, "start_quiz_question.text");
    check(m.choices.size() >= min_quiz_choices && m.choices.size() <= max_quiz_choices, "quiz choice count");
    for (const auto& c : m.choices) check_text(c, max_quiz_choice_chars, false, "start_quiz_question.choice");
    check(m.correct < m.choices.size(), "the correct choice is one of them");
    check(m.seconds >= min_quiz_seconds && m.seconds <= max_quiz_seconds, "quiz seconds within bounds");
    return {{"type", "start_quiz_question"},
            {"text", m.text},
            {"choices", m.choices},
            {"correct", m.correct},
            {"seconds", m.seconds}};
  }
  json operator()(const close_quiz_question& m) const {
    return {{"type", "close_quiz_question"}, {"quiz_question", id(m.quiz_question, format_quiz_question)}};
  }
  json operator()(const answer_quiz& m) const {
    check(m.choice < max_quiz_choices, "choice over its bound");
    return {
        {"type", "answer_quiz"}, {"quiz_question", id(m.quiz_question, format_quiz_question)}, {"choice", m.choice}};
  }
  json operator()(const extend_segment& m) const {
    check(m.minutes >= 1 && m.minutes <= max_extend_segment_minutes, "segment extension within bounds");
    return {{"type", "extend_segment"}, {"minutes", m.minutes}};
  }
  json operator()(const move_segment& m) const {
    return {{"type", "move_segment"}, {"segment", id(m.segment, format_segment)}, {"to", id(m.to, format_segment)}};
  }
  json operator()(const time_sync&) const { return {{"type", "time"}}; }
};

// A comparable form of a decode result.
json summary(const decoded& d) {
  if (const auto* f = std::get_if<decode_failure>(&d)) {
    return {{"failure", to_string(f->err.code)}, {"id", f->id}};
  }
  const auto& r = std::get<request>(d);
  return {{"request", std::visit(encoder{}, r.body)}, {"id", r.id}};
}

void check_id(const json& id) {
  if (id.is_null() || id.is_number_integer()) return;
  check(id.is_string(), "request id of another type", id.dump());
  const auto n = utf8_length(id.get_ref<const std::string&>());
  check(n && *n <= max_request_id_chars, "request id over its bound");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view frame(reinterpret_cast<const char*>(data), size);
  const auto first = decode(frame);
  const auto first_summary = summary(first);

  if (const auto* f = std::get_if<decode_failure>(&first)) {
    check(to_string(f->err.code) != "unknown", "failure with an unnamed code");
    check_id(f->id);
    return 0;
  }
  const auto& req = std::get<request>(first);
  check_id(req.id);
  auto encoded = std::visit(encoder{}, req.body);

  // Re-encoded as a client would send it, the request decodes to itself.
  if (!req.id.is_null()) encoded["id"] = req.id;
  const auto wire = encoded.dump();
  const bool word_fits =
      !std::holds_alternative<vote>(req.body) || !std::holds_alternative<std::string>(std::get<vote>(req.body).pick) ||
      utf8_length(std::get<std::string>(std::get<vote>(req.body).pick)).value_or(0) <= max_word_chars;
  if (wire.size() <= max_frame_bytes && word_fits) {
    const auto again = summary(decode(wire));
    check(again == first_summary, "re-encoded request decodes differently", wire + " -> " + again.dump());
  }

  // The frame's own JSON, re-serialized compactly, means the same thing.
  const auto parsed = json::parse(frame, nullptr, false);
  check(!parsed.is_discarded() && parsed.is_object(), "accepted a frame that is not one JSON object");
  const auto compact = parsed.dump();
  if (compact.size() <= max_frame_bytes) {
    const auto again = summary(decode(compact));
    check(again == first_summary, "re-serialized frame decodes differently", compact + " -> " + again.dump());
  }
  return 0;
}
