#include "protocol/commands.hpp"

#include <algorithm>

namespace tribune::protocol {
namespace {

bool is_web_url(std::string_view s) {
  if (!(s.starts_with("https://") || s.starts_with("http://"))) return false;
  const auto rest = s.substr(s.find("//") + 2);
  if (rest.empty() || rest.front() == '/') return false;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\') return false;
  }
  return true;
}

std::uint32_t choice_index(const nlohmann::json& v, std::string_view what) {
  if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > max_choice_index) {
    throw field_error{invalid("choice", what)};
  }
  return static_cast<std::uint32_t>(v.get<std::int64_t>());
}

choice read_choice(const fields& f) {
  const auto* v = f.find("choice");
  if (v == nullptr) throw field_error{invalid("choice", "missing")};
  if (v->is_number_integer()) return choice_index(*v, "out of range");
  if (v->is_array()) {
    if (v->empty() || v->size() > max_poll_options) throw field_error{invalid("choice", "pick 1 to 10 options")};
    std::vector<std::uint32_t> picks;
    for (const auto& item : *v) picks.push_back(choice_index(item, "options are integers"));
    return picks;
  }
  if (v->is_string()) {
    auto folded = fold_word(f.text("choice", {max_word_chars}));
    if (folded.empty()) throw field_error{error{error_code::empty_text, "choice is empty"}};
    return folded;
  }
  throw field_error{invalid("choice", "an option index, a list of them, or a word")};
}

// The `questions` field of a command acting on several: 1 to `max` question ids, duplicates
// dropped, in the order given.
std::vector<question_id> distinct_questions(const fields& f, std::size_t max) {
  const auto* v = f.find("questions");
  if (v == nullptr || !v->is_array() || v->empty() || v->size() > max) {
    throw field_error{invalid("questions", "a list of 1 to " + std::to_string(max) + " question ids")};
  }
  std::vector<question_id> out;
  for (const auto& id : *v) {
    const auto q = id.is_string() ? parse_question(id.get_ref<const std::string&>()) : std::nullopt;
    if (!q) throw field_error{invalid("questions", "not a valid question id")};
    if (std::find(out.begin(), out.end(), *q) == out.end()) out.push_back(*q);
  }
  return out;
}

}  // namespace

hello hello::read(const fields& f) {
  hello h{f.string("debate", max_debate_id_chars), f.string("token", max_token_chars), std::nullopt};
  if (f.given("last_seq")) {
    const auto& v = *f.find("last_seq");
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0)) {
      throw field_error{invalid("last_seq", "must be a non-negative integer")};
    }
    h.last_seq = v.get<seq_t>();
  }
  return h;
}

put_on_air put_on_air::read(const fields& f) {
  if (!f.has("question")) throw field_error{invalid("question", "missing (null clears the stage)")};
  return {f.optional_id<question_id>("question", parse_question)};
}

grant_floor grant_floor::read(const fields& f) {
  grant_floor g{f.id<speaker>("speaker", parse_speaker), std::nullopt};
  if (f.given("seconds")) g.seconds = f.number("seconds", 1, max_floor_seconds);
  return g;
}

move_segment move_segment::read(const fields& f) {
  return {f.id<segment_id>("segment", parse_segment), f.id<segment_id>("to", parse_segment)};
}

post_argument post_argument::read(const fields& f) {
  post_argument a;
  a.text = f.text("text", {max_argument_chars, false, true});
  a.stance = f.word<side>("stance");
  a.parent = f.optional_id<argument_id>("parent", parse_argument);
  if (a.parent) {
    a.answers = f.word<relation>("relation");
    if (a.answers == relation::none) throw field_error{invalid("relation", "supports, opposes or rebuts")};
  }
  if (const auto* v = f.find("source");
      v != nullptr && !v->is_null() && !(v->is_string() && v->get_ref<const std::string&>().empty())) {
    a.source = f.string("source", max_source_chars);
    if (!is_web_url(a.source)) throw field_error{invalid("source", "must be an http or https link")};
  }
  return a;
}

feature_argument feature_argument::read(const fields& f) {
  if (!f.has("argument")) throw field_error{invalid("argument", "missing (null clears the stage)")};
  return {f.optional_id<argument_id>("argument", parse_argument)};
}

moderate_questions moderate_questions::read(const fields& f) {
  moderate_questions m;
  m.action = f.word<bulk_action>("action");
  m.questions = distinct_questions(f, max_bulk_questions);
  if (m.action == bulk_action::dismiss) m.reason = f.text("reason", {max_reason_chars});
  return m;
}

merge_questions merge_questions::read(const fields& f) {
  merge_questions m;
  m.into = f.id<question_id>("into", parse_question);
  m.questions = distinct_questions(f, max_merged_questions);
  if (std::find(m.questions.begin(), m.questions.end(), m.into) != m.questions.end()) {
    throw field_error{invalid("questions", "a question cannot be merged into itself")};
  }
  return m;
}

create_poll create_poll::read(const fields& f) {
  create_poll p;
  p.kind = f.word<poll_kind>("kind");
  p.question = f.text("question", {max_poll_question_chars});
  if (p.kind == poll_kind::single || p.kind == poll_kind::multiple) {
    const auto* v = f.find("options");
    if (v == nullptr || !v->is_array() || v->size() < min_poll_options || v->size() > max_poll_options) {
      throw field_error{invalid("options", "a list of 2 to 10 options")};
    }
    for (const auto& option : *v) {
      if (!option.is_string()) throw field_error{invalid("option", "must be a string")};
      p.options.push_back(checked_text("option", option.get_ref<const std::string&>(), {max_option_chars}));
    }
  }
  return p;
}

create_oxford_poll create_oxford_poll::read(const fields& f) {
  const auto phase = f.word<oxford_phase>("phase");
  if (phase == oxford_phase::none) throw field_error{invalid("phase", "before or after")};
  return {phase};
}

leave_contact leave_contact::read(const fields& f) {
  leave_contact out{f.text("contact", {max_contact_chars}), f.flag("brand", false), f.flag("sponsor", false)};
  if (!out.brand && !out.sponsor) {
    throw field_error{invalid("brand", "a contact is kept only with a consent: brand or sponsor must be true")};
  }
  return out;
}

vote vote::read(const fields& f) {
  return {f.id<poll_id>("poll", parse_poll), read_choice(f), f.optional_id<argument_id>("changed_by", parse_argument)};
}

}  // namespace tribune::protocol
