#include "protocol/preparation.hpp"

#include <algorithm>

#include "protocol/body.hpp"
#include "protocol/fields.hpp"
#include "protocol/terms.hpp"

namespace tribune::protocol::channels {
namespace {

using json = nlohmann::json;

// "questions[2].prompt": where in the list a field failed.
std::string at(const char* list, std::size_t i, const char* field) {
  return std::string(list) + "[" + std::to_string(i) + "]." + field;
}

// Re-throws a field's error under its place in the list.
template <class Read>
auto in_item(const char* list, std::size_t i, Read read) {
  try {
    return read();
  } catch (const field_error& e) {
    auto err = e.err;
    err.detail = std::string(list) + "[" + std::to_string(i) + "]: " + err.detail;
    throw field_error{std::move(err)};
  }
}

std::vector<std::string> read_choices(const fields& f) {
  const auto* list = f.find("choices");
  if (list == nullptr || !list->is_array() || list->size() < min_choices || list->size() > max_choices) {
    throw field_error{invalid("choices", "a choice question lists 2 to 8 choices")};
  }
  std::vector<std::string> out;
  out.reserve(list->size());
  for (const auto& item : *list) {
    if (!item.is_string()) throw field_error{invalid("choices", "each choice is a text")};
    auto text = checked_text("choices", item.get_ref<const std::string&>(), {max_choice_chars});
    if (std::find(out.begin(), out.end(), text) != out.end()) {
      throw field_error{invalid("choices", "each choice is given once")};
    }
    out.push_back(std::move(text));
  }
  return out;
}

question read_question(const json& item, std::size_t i) {
  if (!item.is_object()) throw field_error{invalid(at("questions", i, "kind"), "each question is an object")};
  return in_item("questions", i, [&] {
    const fields f(item);
    question q;
    q.id = f.number("id", 0, max_question_id, 0);
    q.kind = f.word<question_kind>("kind");
    q.prompt = f.text("prompt", {max_prompt_chars});
    if (q.kind == question_kind::choice) q.choices = read_choices(f);
    if (q.kind == question_kind::scale) q.top = f.number("top", min_scale, max_scale);
    return q;
  });
}

answer read_answer(const json& item, std::size_t i) {
  if (!item.is_object()) throw field_error{invalid(at("answers", i, "question"), "each answer is an object")};
  return in_item("answers", i, [&] {
    const fields f(item);
    answer a;
    a.question = f.number("question", 1, max_question_id);
    const auto* value = f.find("value");
    if (value != nullptr && value->is_string()) {
      a.is_text = true;
      a.text = f.text("value", {max_text_answer_chars, false, true});
    } else {
      a.value = f.number("value", 0, max_scale);
    }
    return a;
  });
}

json question_json(const question& q) {
  json j = {{"id", q.id}, {"kind", q.kind}, {"prompt", q.prompt}};
  if (q.kind == question_kind::choice) j["choices"] = q.choices;
  if (q.kind == question_kind::scale) j["top"] = q.top;
  return j;
}

json answer_json(const answer& a) {
  return {{"question", a.question}, {"value", a.is_text ? json(a.text) : json(a.value)}};
}

}  // namespace

std::variant<set_preparation, error> decode_set_preparation(std::string_view body, topic_id topic) {
  return read_body<set_preparation>(body, [topic](const json& obj) {
    const fields f(obj);
    set_preparation p{topic, f.optional_text("notes", {max_notes_chars, true, true}), {}};
    const auto* list = f.find("questions");
    if (list != nullptr && !list->is_null()) {
      if (!list->is_array() || list->size() > max_questions) {
        throw field_error{invalid("questions", "a list of at most 20 questions")};
      }
      p.questions.reserve(list->size());
      for (std::size_t i = 0; i < list->size(); ++i) {
        auto q = read_question((*list)[i], i);
        const bool twice = q.id != 0 && std::any_of(p.questions.begin(), p.questions.end(),
                                                    [&q](const question& o) { return o.id == q.id; });
        if (twice) throw field_error{invalid(at("questions", i, "id"), "each question id is given once")};
        p.questions.push_back(std::move(q));
      }
    }
    return p;
  });
}

std::variant<answer_questionnaire, error> decode_answer_questionnaire(std::string_view body, topic_id topic) {
  return read_body<answer_questionnaire>(body, [topic](const json& obj) {
    const auto it = obj.find("answers");
    if (it == obj.end() || !it->is_array() || it->size() > max_questions) {
      throw field_error{invalid("answers", "a list of at most 20 answers")};
    }
    answer_questionnaire q{topic, {}};
    q.answers.reserve(it->size());
    for (std::size_t i = 0; i < it->size(); ++i) {
      auto a = read_answer((*it)[i], i);
      const bool twice =
          std::any_of(q.answers.begin(), q.answers.end(), [&a](const answer& o) { return o.question == a.question; });
      if (twice) throw field_error{invalid(at("answers", i, "question"), "each question is answered once")};
      q.answers.push_back(std::move(a));
    }
    return q;
  });
}

json preparation_json(const preparation_view& v) {
  json questions = json::array();
  for (const auto& q : v.questions) questions.push_back(question_json(q));
  json answers = json::array();
  for (const auto& p : v.answers) {
    json list = json::array();
    for (const auto& a : p.answers) list.push_back(answer_json(a));
    answers.push_back({{"panelist", format_panelist(p.panelist)}, {"name", p.name}, {"at", p.at}, {"answers", list}});
  }
  return {{"topic", format_topic(v.topic)},    {"title", v.title},           {"notes", v.notes},
          {"questions", std::move(questions)}, {"updated_at", v.updated_at}, {"answers", std::move(answers)}};
}

std::string encode_preparation(const preparation_view& v) { return preparation_json(v).dump(); }

}  // namespace tribune::protocol::channels
