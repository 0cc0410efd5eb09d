// A topic's preparation and a panelist's answers: every bound, and one past it; wrong types and
// kinds; each refusal names its place in the list.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "protocol/preparation.hpp"
#include "protocol/testing/expect.hpp"

namespace tribune::protocol::channels {
namespace {

using json = nlohmann::json;

json choices(std::size_t n) {
  json list = json::array();
  for (std::size_t i = 0; i < n; ++i) list.push_back("choix " + std::to_string(i));
  return list;
}

TEST(preparation_requests, notes_and_each_kind_of_question_are_read_with_their_bounds) {
  const auto p = accepted(
      decode_set_preparation(json{{"notes", "Ligne 1\nLigne 2"},
                                  {"questions",
                                   {{{"kind", "text"}, {"prompt", "Votre angle ?"}},
                                    {{"kind", "choice"}, {"prompt", "Camp ?"}, {"choices", choices(max_choices)}},
                                    {{"id", 7}, {"kind", "scale"}, {"prompt", "Certitude"}, {"top", max_scale}}}}}
                                 .dump(),
                             3));
  EXPECT_EQ(p.topic, 3U);
  EXPECT_EQ(p.notes, "Ligne 1\nLigne 2");
  ASSERT_EQ(p.questions.size(), 3U);
  EXPECT_EQ(p.questions[1].choices.size(), max_choices);
  EXPECT_EQ(p.questions[2].id, 7U);
  EXPECT_EQ(p.questions[2].top, max_scale);
  EXPECT_TRUE(accepted(decode_set_preparation("", 3)).questions.empty()) << "an empty body clears the preparation";
  EXPECT_EQ(accepted(decode_set_preparation(json{{"notes", std::string(max_notes_chars, 'x')}}.dump(), 3)).notes.size(),
            max_notes_chars);
}

TEST(preparation_requests, one_past_each_bound_is_refused_with_its_place) {
  EXPECT_EQ(refusal(decode_set_preparation(json{{"notes", std::string(max_notes_chars + 1, 'x')}}.dump(), 1)).code,
            error_code::text_too_long);
  json many = json::array();
  for (std::size_t i = 0; i <= max_questions; ++i) many.push_back({{"kind", "text"}, {"prompt", "?"}});
  EXPECT_EQ(refusal(decode_set_preparation(json{{"questions", many}}.dump(), 1)).code, error_code::invalid_field);
  const auto long_prompt = refusal(decode_set_preparation(
      json{{"questions", {{{"kind", "text"}, {"prompt", "?"}}, {{"kind", "text"}, {"prompt", std::string(301, 'x')}}}}}
          .dump(),
      1));
  EXPECT_EQ(long_prompt.code, error_code::text_too_long);
  EXPECT_NE(long_prompt.detail.find("questions[1]"), std::string::npos) << long_prompt.detail;
  for (const auto& bad :
       {json{{"kind", "choice"}, {"prompt", "?"}, {"choices", choices(max_choices + 1)}},
        json{{"kind", "choice"}, {"prompt", "?"}, {"choices", choices(1)}},
        json{{"kind", "choice"}, {"prompt", "?"}, {"choices", {"a", "a"}}},
        json{{"kind", "scale"}, {"prompt", "?"}, {"top", max_scale + 1}},
        json{{"kind", "scale"}, {"prompt", "?"}, {"top", min_scale - 1}}, json{{"kind", "scale"}, {"prompt", "?"}},
        json{{"kind", "essay"}, {"prompt", "?"}}, json{{"kind", "text"}, {"prompt", ""}},
        json{{"kind", "text"}, {"prompt", "a\u0007b"}}, json{{"kind", "text"}, {"prompt", 3}}, json("text")}) {
    EXPECT_TRUE(
        std::holds_alternative<error>(decode_set_preparation(json{{"questions", json::array({bad})}}.dump(), 1)))
        << bad;
  }
  const auto twice = json{
      {"questions", {{{"id", 2}, {"kind", "text"}, {"prompt", "a"}}, {{"id", 2}, {"kind", "text"}, {"prompt", "b"}}}}};
  EXPECT_EQ(refusal(decode_set_preparation(twice.dump(), 1)).code, error_code::invalid_field);
  EXPECT_EQ(refusal(decode_set_preparation(std::string(100 * 1024, ' ') + "{", 1)).code, error_code::bad_json);
}

TEST(preparation_requests, answers_are_a_text_or_a_number_each_question_once) {
  const auto a = accepted(decode_answer_questionnaire(
      json{{"answers", {{{"question", 1}, {"value", "Mon angle"}}, {{"question", 2}, {"value", 0}}}}}.dump(), 4));
  EXPECT_EQ(a.topic, 4U);
  ASSERT_EQ(a.answers.size(), 2U);
  EXPECT_TRUE(a.answers[0].is_text);
  EXPECT_EQ(a.answers[0].text, "Mon angle");
  EXPECT_FALSE(a.answers[1].is_text);
  EXPECT_EQ(a.answers[1].value, 0U);
  EXPECT_TRUE(accepted(decode_answer_questionnaire(R"({"answers":[]})", 4)).answers.empty());
  for (const auto& bad :
       {json{{"question", 1}, {"value", std::string(max_text_answer_chars + 1, 'x')}},
        json{{"question", 1}, {"value", ""}}, json{{"question", 1}, {"value", -1}},
        json{{"question", 1}, {"value", max_scale + 1}}, json{{"question", 0}, {"value", 1}},
        json{{"question", "1"}, {"value", 1}}, json{{"question", 1}, {"value", true}}, json{{"question", 1}}}) {
    EXPECT_TRUE(
        std::holds_alternative<error>(decode_answer_questionnaire(json{{"answers", json::array({bad})}}.dump(), 1)))
        << bad;
  }
  const auto twice = json{{"answers", {{{"question", 1}, {"value", 1}}, {{"question", 1}, {"value", 2}}}}};
  EXPECT_EQ(refusal(decode_answer_questionnaire(twice.dump(), 1)).code, error_code::invalid_field);
  EXPECT_EQ(refusal(decode_answer_questionnaire("{}", 1)).code, error_code::invalid_field);
  EXPECT_EQ(refusal(decode_answer_questionnaire("[]", 1)).code, error_code::bad_json);
}

}  // namespace
}  // namespace tribune::protocol::channels
