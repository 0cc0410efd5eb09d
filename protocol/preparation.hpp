#pragma once
// A topic's preparation: notes the organizer writes for the panel, and a questionnaire (free text,
// single choice, scale) each panelist answers before the show. Only the organizer, the moderators
// and the panelists of the topic's debate ever read them; a panelist reads their own answers, the
// organizer and the moderators everyone's. The requests' words and bounds, their decoders, and the
// view the server answers with.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/errors.hpp"
#include "protocol/ids.hpp"

namespace tribune::protocol::channels {

enum class question_kind : std::uint8_t { text, choice, scale };
NLOHMANN_JSON_SERIALIZE_ENUM(question_kind, {{question_kind::text, "text"},
                                             {question_kind::choice, "choice"},
                                             {question_kind::scale, "scale"}})

constexpr std::size_t max_notes_chars = 8000;
constexpr std::size_t max_questions = 20;
constexpr std::size_t max_prompt_chars = 300;
constexpr std::size_t min_choices = 2;
constexpr std::size_t max_choices = 8;
constexpr std::size_t max_choice_chars = 120;
constexpr std::uint32_t min_scale = 3;  // a scale runs from 1 to its top, 3 to 10
constexpr std::uint32_t max_scale = 10;
constexpr std::size_t max_text_answer_chars = 2000;
// A question's id, as the engine numbers them per topic.
constexpr std::uint32_t max_question_id = 1000000;

// A question of the questionnaire. `id` 0 in a request: a new question, numbered by the engine;
// a known id keeps its answers (as long as its kind and range still take them).
struct question {
  std::uint32_t id = 0;
  question_kind kind = question_kind::text;
  std::string prompt;
  std::vector<std::string> choices;  // for a choice: 2 to 8
  std::uint32_t top = 0;             // for a scale: 1 to `top`
};

// PUT …/topics/{t}/preparation: the whole preparation, replacing the previous one.
struct set_preparation {
  topic_id topic = 0;
  std::string notes;
  std::vector<question> questions;
};

// One answer: a text for a text question, a choice's index (from 0) or a point of the scale.
struct answer {
  std::uint32_t question = 0;
  std::string text;
  std::uint32_t value = 0;
  bool is_text = false;
};
// PUT /api/debates/{d}/preparation/answers: a panelist's answers, replacing theirs (unanswered
// questions may be left out).
struct answer_questionnaire {
  topic_id topic = 0;
  std::vector<answer> answers;
};

struct panel_answers {
  panelist_id panelist = 0;
  std::string name;
  std::int64_t at = 0;
  std::vector<answer> answers;
};

struct preparation_view {
  topic_id topic = 0;
  std::string title;
  std::string notes;
  std::vector<question> questions;
  std::int64_t updated_at = 0;  // 0: nothing written yet
  // The organizer and the moderators: every panelist's; a panelist: their own.
  std::vector<panel_answers> answers;
};

// Their stored form, in a channel's events.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(question, id, kind, prompt, choices, top)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(answer, question, text, value, is_text)

std::variant<set_preparation, error> decode_set_preparation(std::string_view body, topic_id topic);
std::variant<answer_questionnaire, error> decode_answer_questionnaire(std::string_view body, topic_id topic);

nlohmann::json preparation_json(const preparation_view& v);
std::string encode_preparation(const preparation_view& v);

}  // namespace tribune::protocol::channels
