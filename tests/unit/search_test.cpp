// Words to search by: folded, cut at punctuation, matched as word prefixes.
#include "protocol/search.hpp"

#include <gtest/gtest.h>

namespace tribune::protocol {
namespace {

TEST(search, text_is_folded_and_cut_at_everything_but_letters_and_digits) {
  EXPECT_EQ(search_text("L'Été du TÉLÉTRAVAIL, 2026 !"), " l ete du teletravail 2026 ");
  EXPECT_EQ(search_text(""), " ");
  EXPECT_EQ(search_text("<b>gras</b>"), " b gras b ");
}

TEST(search, a_query_matches_when_each_word_starts_a_word_of_the_text) {
  const auto text = search_text("Le télétravail change-t-il le management ?");
  EXPECT_TRUE(matches(text, search_words("Télé")));
  EXPECT_TRUE(matches(text, search_words("manag TELETRAVAIL")));
  EXPECT_FALSE(matches(text, search_words("travail"))) << "inside a word is no match";
  EXPECT_FALSE(matches(text, search_words("télétravail semaine")));
  EXPECT_TRUE(matches(text, search_words(""))) << "no words: everything";
}

TEST(search, query_words_are_distinct_and_bounded) {
  EXPECT_EQ(search_words("a a b").size(), 2U);
  EXPECT_EQ(search_words("a b c d e f g h i j k", 8).size(), 8U);
  EXPECT_EQ(search_words("  ,;  ").size(), 0U);
}

}  // namespace
}  // namespace tribune::protocol
