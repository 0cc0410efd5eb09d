// Flags, given events, when a command, then events: a question, an argument or a name holding a word
// of the debate's list arrives flagged with that word (accents, case and punctuation aside, whole
// words or word starts); nothing is removed; moderators alone see flags; the organizer replaces the
// list, and what was flagged stays flagged as the log says.
#include "engine/flags/flags.hpp"

#include <gtest/gtest.h>

#include "engine/archive.hpp"
#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

std::string asked_flag(room& r, participant_id who, const std::string& text) {
  const auto e = r.fold_as(audience(who), r.decide(audience(who), protocol::ask{text, false}));
  return e.empty() ? "(refused)" : std::get<ev::question_asked>(e.back().body).flag;
}

TEST(flags, a_question_holding_a_shipped_word_arrives_flagged_and_stays_in_the_queue) {
  auto r = two_people();
  EXPECT_EQ(asked_flag(r, 1, "Quel CON, ce maire !"), "con");
  EXPECT_EQ(asked_flag(r, 2, "Espèce d'ENCULÉ."), "enculé*") << "accents and case aside, a word start";
  EXPECT_EQ(asked_flag(r, 1, "Un conseil municipal, pour quoi faire ?"), "") << "a whole word, not a part of one";
  EXPECT_EQ(asked_flag(r, 2, "You moron"), "moron*") << "English too";
  EXPECT_EQ(asked_flag(r, 1, "Va te faire voir"), "va te faire") << "several words in sequence";

  ASSERT_EQ(r.s.questions.size(), 5u);
  EXPECT_EQ(r.s.questions[0].status, question_status::pending) << "a flag removes nothing";
  const auto staff = snapshot_state(r, view::moderator_view, std::nullopt)["questions"];
  EXPECT_EQ(staff[0]["flag"], "con");
  EXPECT_FALSE(staff[2].contains("flag"));
  EXPECT_EQ(data_of(r, r.log[r.log.size() - 2], view::moderator_view)["question"]["flag"], "moron*");

  r.fold_as(moderator, r.decide(moderator, protocol::approve{1}));
  const auto shown = snapshot_state(r, view::public_view, std::nullopt);
  ASSERT_EQ(shown["questions"].size(), 1u);
  EXPECT_FALSE(shown["questions"][0].contains("flag")) << "the public never sees a flag";
  EXPECT_FALSE(data_of(r, r.log.back(), view::public_view)["question"].contains("flag"));
}

// A flag that fires on everyday words would bury the real ones: the shipped list is checked against
// ordinary French and English questions, accents and case aside.
TEST(flags, the_shipped_list_leaves_everyday_words_alone) {
  const auto& words = protocol::shipped_flag_words();
  const auto patterns = protocol::flag_patterns(words);
  for (const std::string text :
       {"Who pays for the pedestrians' crossing?", "Le train est en retard, encore", "Un tramway à Puteaux ?",
        "Le conseil municipal consulte-t-il ?", "A pedagogical question about the bus", "Idéalement, un débat",
        "Shitake mushrooms at the market", "Les pétanqueurs et le parking", "Computer science at school",
        "La concertation, concrètement ?", "Retardataires bienvenus", "Scunthorpe United"}) {
    EXPECT_EQ(protocol::find_flag(text, words, patterns), "") << text;
  }
  EXPECT_EQ(protocol::find_flag("Sale pédé", words, patterns), "pédé");
  EXPECT_EQ(protocol::find_flag("You are retarded", words, patterns), "retarded");
}

TEST(flags, names_and_arguments_are_flagged_for_the_moderators_alone) {
  auto r = oxford();
  r.fold_as(system_actor, r.decide(system_actor, cmd::join{"Connard du 93", cred("p4")}));
  const auto rows = snapshot_state(r, view::moderator_view, std::nullopt)["participants"];
  EXPECT_EQ(rows.back()["flag"], "connard*");
  EXPECT_FALSE(rows.front().contains("flag"));
  EXPECT_EQ(snapshot_state(r, view::public_view, 4).dump().find("\"flag\""), std::string::npos);

  r.fold_as(moderator, r.decide(moderator, protocol::start_show{}));
  r.fold_as(moderator, r.decide(moderator, protocol::advance{}));  // opening statements: arguments open
  const auto posted =
      r.fold_as(audience(1), r.decide(audience(1), protocol::post_argument{"Ce projet, c'est de la merde",
                                                                           protocol::side::against_motion,
                                                                           std::nullopt,
                                                                           protocol::relation::none,
                                                                           {}}));
  ASSERT_EQ(posted.size(), 1u);
  EXPECT_EQ(std::get<ev::argument_posted>(posted[0].body).flag, "merde");
  EXPECT_EQ(snapshot_state(r, view::moderator_view, std::nullopt)["arguments"][0]["flag"], "merde");
  EXPECT_EQ(snapshot_state(r, view::public_view, 1).dump().find("\"flag\""), std::string::npos)
      << "not even to its author";
}

TEST(flags, the_organizer_replaces_the_list_and_what_was_flagged_stays_flagged) {
  auto r = two_people();
  EXPECT_EQ(asked_flag(r, 1, "Quel con"), "con");
  for (const auto& who : {moderator, audience(1), stage}) {
    EXPECT_EQ(rejected(r.decide(who, cmd::set_flag_words{{"bouffon*"}, false})), error_code::forbidden);
  }
  EXPECT_EQ(rejected(r.decide(organizer, cmd::set_flag_words{{"x"}, true})), error_code::invalid_field);
  EXPECT_TRUE(no_events(r.decide(organizer, cmd::set_flag_words{{}, true}))) << "the shipped list already";
  r.fold_as(organizer, r.decide(organizer, cmd::set_flag_words{{"bouffon*", "Lobby pétrolier"}, false}));
  EXPECT_TRUE(backstage_only(r.log.back().body));
  EXPECT_FALSE(public_in_archive(r.s, r.log.back().body));
  EXPECT_EQ(data_of(r, r.log.back(), view::moderator_view),
            (json{{"words", {"bouffon*", "Lobby pétrolier"}}, {"shipped", false}}));
  EXPECT_TRUE(no_events(r.decide(organizer, cmd::set_flag_words{{"bouffon*", "Lobby pétrolier"}, false})));

  EXPECT_EQ(asked_flag(r, 2, "Quel con"), "") << "no longer on the list";
  EXPECT_EQ(asked_flag(r, 2, "Les BOUFFONS du conseil"), "bouffon*");
  EXPECT_EQ(asked_flag(r, 1, "Le lobby petrolier paie ?"), "Lobby pétrolier");
  EXPECT_EQ(r.s.questions[0].flag, "con") << "flagged when it arrived, as the log says";

  // Folded again from its log, the debate has the same flags.
  state again;
  for (const auto& e : r.log) evolve(again, e);
  EXPECT_EQ(encode_snapshot(again, view::moderator_view, std::nullopt),
            encode_snapshot(r.s, view::moderator_view, std::nullopt));

  r.fold_as(organizer, r.decide(organizer, cmd::set_flag_words{{}, true}));
  EXPECT_EQ(asked_flag(r, 1, "Quel con"), "con") << "back to the shipped list";
  EXPECT_TRUE(flag_words_view(r.s).shipped);
}

}  // namespace
}  // namespace tribune::engine::testing
