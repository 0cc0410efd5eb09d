// Given a topic, when the organizer prepares its panel and the panelists answer, then who may do
// and read what.
#include <gtest/gtest.h>

#include "engine/channel/channel.hpp"
#include "engine/testing/channel_given.hpp"

namespace tribune::engine::channel {
namespace {

using protocol::error_code;
using testing_channel::channel_under_test;
using testing_channel::open_channel;
using testing_channel::organizer;
using testing_channel::rejected;

pc::question text_q(std::string prompt, std::uint32_t id = 0) {
  return pc::question{id, pc::question_kind::text, std::move(prompt), {}, 0};
}
pc::question choice_q(std::string prompt, std::uint32_t id = 0) {
  return pc::question{id, pc::question_kind::choice, std::move(prompt), {"Pour", "Contre", "Partagé"}, 0};
}
pc::question scale_q(std::string prompt, std::uint32_t top, std::uint32_t id = 0) {
  return pc::question{id, pc::question_kind::scale, std::move(prompt), {}, top};
}
pc::answer text_a(std::uint32_t q, std::string text) { return pc::answer{q, std::move(text), 0, true}; }
pc::answer value_a(std::uint32_t q, std::uint32_t v) { return pc::answer{q, {}, v, false}; }

who panelist_of(topic_id t, protocol::panelist_id p) { return who{false, 0, debate_member{t, p, false}}; }
who moderators_of(topic_id t) { return who{false, 0, debate_member{t, 0, true}}; }

struct prepared {
  channel_under_test c = open_channel();
  topic_id topic = 0;
  topic_id other = 0;
};

// Two accepted topics; the first prepared with a text, a choice and a 1-to-5 scale question.
prepared prepare() {
  prepared p;
  const auto ana = p.c.visitor("Ana");
  p.topic = p.c.propose(ana, "Le télétravail");
  p.other = p.c.propose(ana, "La semaine de quatre jours");
  p.c.run(organizer, pc::answer_topic{p.topic, pc::answer_kind::accept, "Oui", 0});
  p.c.run(organizer, pc::answer_topic{p.other, pc::answer_kind::accept, "Oui", 0});
  p.c.run(organizer, pc::set_preparation{p.topic,
                                         "Arrivez 30 minutes avant.",
                                         {text_q("Votre angle ?"), choice_q("Votre camp ?"), scale_q("Certitude", 5)}});
  return p;
}

TEST(channel_preparation, only_the_organizer_writes_it_and_its_questions_are_numbered) {
  auto p = prepare();
  const auto& prep = p.c.s.topics[p.topic - 1].prep;
  ASSERT_EQ(prep.questions.size(), 3U);
  EXPECT_EQ(prep.questions[0].id, 1U);
  EXPECT_EQ(prep.questions[2].id, 3U);
  EXPECT_EQ(prep.notes, "Arrivez 30 minutes avant.");
  const pc::set_preparation again{p.topic, "x", {}};
  EXPECT_EQ(rejected(p.c.decide(who{false, 1, {}}, again)), error_code::forbidden);
  EXPECT_EQ(rejected(p.c.decide(panelist_of(p.topic, 1), again)), error_code::forbidden);
  EXPECT_EQ(rejected(p.c.decide(moderators_of(p.topic), again)), error_code::forbidden);
  EXPECT_EQ(rejected(p.c.decide(organizer, pc::set_preparation{99, "x", {}})), error_code::unknown_topic);
}

TEST(channel_preparation, the_same_preparation_again_changes_nothing_and_a_new_question_takes_the_next_number) {
  auto p = prepare();
  const auto same = p.c.run(organizer, pc::set_preparation{p.topic,
                                                           "Arrivez 30 minutes avant.",
                                                           {text_q("Votre angle ?", 1), choice_q("Votre camp ?", 2),
                                                            scale_q("Certitude", 5, 3)}});
  EXPECT_TRUE(same.empty());
  p.c.run(organizer, pc::set_preparation{p.topic, "", {text_q("Votre angle ?", 1), text_q("Un exemple ?")}});
  const auto& qs = p.c.s.topics[p.topic - 1].prep.questions;
  ASSERT_EQ(qs.size(), 2U);
  EXPECT_EQ(qs[1].id, 4U);  // numbers are never given twice, even after question 3 was removed
  EXPECT_EQ(rejected(p.c.decide(organizer, pc::set_preparation{p.topic, "", {text_q("?", 3)}})),
            error_code::invalid_field);
}

TEST(channel_preparation, a_declined_topic_is_not_prepared) {
  auto c = open_channel();
  const auto t = c.propose(c.visitor("Ana"), "Hors sujet");
  c.run(organizer, pc::answer_topic{t, pc::answer_kind::decline, "Hors ligne éditoriale", 0});
  EXPECT_EQ(rejected(c.decide(organizer, pc::set_preparation{t, "x", {}})), error_code::topic_closed);
}

TEST(channel_preparation, only_a_panelist_of_the_topics_debate_answers_and_each_answer_fits_its_question) {
  auto p = prepare();
  const panel_answers good{{p.topic, {text_a(1, "La productivité"), value_a(2, 1), value_a(3, 5)}}, "Bea"};
  EXPECT_EQ(rejected(p.c.decide(panelist_of(p.other, 1), good)), error_code::forbidden);
  EXPECT_EQ(rejected(p.c.decide(moderators_of(p.topic), good)), error_code::forbidden);
  EXPECT_EQ(rejected(p.c.decide(organizer, good)), error_code::forbidden);
  EXPECT_EQ(rejected(p.c.decide(who{false, 1, {}}, good)), error_code::forbidden);
  const auto bea = panelist_of(p.topic, 1);
  for (const auto& wrong :
       {value_a(1, 1), text_a(2, "Pour"), value_a(2, 3), value_a(3, 0), value_a(3, 6), text_a(9, "?")}) {
    EXPECT_EQ(rejected(p.c.decide(bea, panel_answers{{p.topic, {wrong}}, "Bea"})), error_code::invalid_field);
  }
  EXPECT_EQ(p.c.run(bea, good).size(), 1U);
  EXPECT_TRUE(p.c.run(bea, good).empty());  // the same answers again change nothing
  const auto& kept = p.c.s.topics[p.topic - 1].prep.answers.at(1);
  EXPECT_EQ(kept.name, "Bea");
  EXPECT_EQ(kept.answers.size(), 3U);
}

TEST(channel_preparation, answers_that_no_longer_fit_a_changed_questionnaire_are_dropped) {
  auto p = prepare();
  p.c.run(panelist_of(p.topic, 1), panel_answers{{p.topic, {text_a(1, "Angle"), value_a(2, 2), value_a(3, 5)}}, "Bea"});
  // Question 1 stays, 2 becomes a scale (its index 2 still fits 1..3), 3 shrinks to 1..4 (5 no longer fits).
  p.c.run(organizer,
          pc::set_preparation{p.topic, "", {text_q("Angle ?", 1), scale_q("Camp", 3, 2), scale_q("C", 4, 3)}});
  const auto& kept = p.c.s.topics[p.topic - 1].prep.answers.at(1).answers;
  ASSERT_EQ(kept.size(), 2U);
  EXPECT_EQ(kept[0].question, 1U);
  EXPECT_EQ(kept[1].question, 2U);
}

TEST(channel_preparation, the_panel_reads_it_a_panelist_their_own_answers_and_nobody_else_anything) {
  auto p = prepare();
  p.c.run(panelist_of(p.topic, 1), panel_answers{{p.topic, {text_a(1, "Celle de Bea")}}, "Bea"});
  p.c.run(panelist_of(p.topic, 2), panel_answers{{p.topic, {text_a(1, "Celle de Carl")}}, "Carl"});
  const auto bea = preparation_for(p.c.s, p.topic, panelist_of(p.topic, 1));
  ASSERT_TRUE(std::holds_alternative<pc::preparation_view>(bea));
  const auto& mine = std::get<pc::preparation_view>(bea);
  EXPECT_EQ(mine.notes, "Arrivez 30 minutes avant.");
  ASSERT_EQ(mine.answers.size(), 1U);
  EXPECT_EQ(mine.answers[0].name, "Bea");
  for (const auto& everyone : {organizer, moderators_of(p.topic)}) {
    const auto all = preparation_for(p.c.s, p.topic, everyone);
    ASSERT_TRUE(std::holds_alternative<pc::preparation_view>(all));
    EXPECT_EQ(std::get<pc::preparation_view>(all).answers.size(), 2U);
  }
  for (const auto& outsider : {who{}, who{false, 1, {}}, panelist_of(p.other, 1), moderators_of(p.other)}) {
    const auto refused = preparation_for(p.c.s, p.topic, outsider);
    ASSERT_TRUE(std::holds_alternative<rejection>(refused));
    EXPECT_EQ(std::get<rejection>(refused).code, error_code::forbidden);
  }
  // Only the organizer's view of the topic carries it.
  EXPECT_FALSE(topic_view(p.c.s, p.topic, who{})->preparation.has_value());
  EXPECT_FALSE(topic_view(p.c.s, p.topic, who{false, 1, {}})->preparation.has_value());
  ASSERT_TRUE(topic_view(p.c.s, p.topic, organizer)->preparation.has_value());
  EXPECT_EQ(topic_view(p.c.s, p.topic, organizer)->preparation->answers.size(), 2U);
}

TEST(channel_preparation, read_back_from_its_storage_form_the_log_folds_to_the_same_preparation) {
  auto p = prepare();
  p.c.run(panelist_of(p.topic, 1), panel_answers{{p.topic, {text_a(1, "Angle"), value_a(3, 4)}}, "Bea"});
  state again;
  for (const auto& r : p.c.log) evolve(again, read_record(r));
  const auto& a = again.topics[p.topic - 1].prep;
  const auto& b = p.c.s.topics[p.topic - 1].prep;
  EXPECT_EQ(a.notes, b.notes);
  EXPECT_EQ(a.next_question, b.next_question);
  ASSERT_EQ(a.questions.size(), b.questions.size());
  EXPECT_EQ(a.questions[1].choices, b.questions[1].choices);
  EXPECT_EQ(a.questions[2].top, 5U);
  ASSERT_EQ(a.answers.at(1).answers.size(), 2U);
  EXPECT_EQ(a.answers.at(1).answers[0].text, "Angle");
  EXPECT_EQ(a.answers.at(1).answers[1].value, 4U);
}

}  // namespace
}  // namespace tribune::engine::channel
