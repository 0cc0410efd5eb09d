// Given a channel, when visitors propose and comment with words of its list, then the proposal or
// the comment arrives flagged for the organizer alone, waits in the flagged lane until it is hidden,
// and the organizer's own list replaces the shipped one from then on.
#include <gtest/gtest.h>

#include "engine/channel/flags.hpp"
#include "engine/testing/channel_given.hpp"

namespace tribune::engine::channel {
namespace {

using protocol::error_code;
using testing_channel::open_channel;
using testing_channel::organizer;
using testing_channel::rejected;

pc::post_comment comment_on(topic_id t, std::string text) { return pc::post_comment{t, std::move(text), 0}; }

TEST(channel_flags, a_comment_with_a_shipped_word_is_flagged_for_the_organizer_only) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto t = c.propose(ana, "Le travail hybride");
  c.run(ana, comment_on(t, "Quel con !"));
  c.run(ana, comment_on(t, "Un bon conseil"));
  const auto mine = topic_view(c.s, t, organizer);
  ASSERT_EQ(mine->comments.size(), 2U);
  EXPECT_EQ(mine->comments[0].flag, "con");
  EXPECT_EQ(mine->comments[1].flag, "") << "whole words: \"conseil\" holds no flag";
  EXPECT_EQ(mine->comments[0].text, "Quel con !") << "a flag removes nothing";
  for (const auto& viewer : {who{}, ana}) {
    const auto seen = topic_view(c.s, t, viewer);
    for (const auto& m : seen->comments) EXPECT_EQ(m.flag, "");
  }
}

TEST(channel_flags, the_lane_holds_flagged_proposals_and_comments_until_they_are_hidden) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto bob = c.visitor("Bob");
  c.run(ana, pc::propose_topic{"Les élus", "Tous des connards", "Politique", protocol::show_format::oxford,
                               pc::treatment::controversy, ""});
  const auto t = static_cast<topic_id>(c.s.topics.size());
  c.run(bob, comment_on(t, "Fuck this"));
  EXPECT_EQ(topic_view(c.s, t, organizer)->flag, "connard*") << "the pitch is read too";
  EXPECT_EQ(topic_view(c.s, t, who{})->flag, "");
  auto lane = word_flags::lane(c.s);
  ASSERT_EQ(lane.size(), 2U);
  EXPECT_EQ(lane[0].comment, 1U) << "newest first";
  EXPECT_EQ(lane[0].flag, "fuck*");
  EXPECT_EQ(lane[0].by, "Bob");
  EXPECT_EQ(lane[1].comment, 0U);
  EXPECT_EQ(lane[1].text, "Les élus");
  c.run(organizer, pc::hide_comment{t, 1, "Insulte"});
  c.run(organizer, pc::hide_topic{t, "Insulte"});
  EXPECT_TRUE(word_flags::lane(c.s).empty());
}

TEST(channel_flags, a_name_that_holds_a_word_flags_what_its_visitor_proposes_and_writes) {
  auto c = open_channel();
  const auto troll = c.visitor("Connard du 93");
  const auto t = c.propose(troll, "Le travail hybride");
  c.run(troll, comment_on(t, "Un bon conseil"));
  c.run(troll, comment_on(t, "Quel con !"));
  EXPECT_EQ(topic_view(c.s, t, organizer)->flag, "connard*") << "the name shows beside the proposal";
  EXPECT_EQ(topic_view(c.s, t, who{})->flag, "");
  auto lane = word_flags::lane(c.s);
  ASSERT_EQ(lane.size(), 3U);
  EXPECT_EQ(lane[0].flag, "con") << "the text's own word comes first";
  EXPECT_FALSE(lane[0].in_name);
  EXPECT_EQ(lane[1].flag, "connard*");
  EXPECT_TRUE(lane[1].in_name);
  EXPECT_EQ(lane[1].text, "Un bon conseil");
  EXPECT_EQ(lane[1].by, "Connard du 93");
  EXPECT_TRUE(lane[2].in_name);
  EXPECT_EQ(lane[2].comment, 0U);
  // A visitor with a plain name writing plain words flags nothing.
  const auto ana = c.visitor("Ana");
  c.run(ana, comment_on(t, "Un bon conseil"));
  EXPECT_EQ(word_flags::lane(c.s).size(), 3U);
}

TEST(channel_flags, the_organizer_replaces_the_list_and_goes_back_to_the_shipped_one) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto t = c.propose(ana, "Le travail hybride");
  const cmd::set_flag_words own{{"vélo"}, false};
  EXPECT_EQ(rejected(c.decide(ana, own)), error_code::forbidden);
  EXPECT_EQ(rejected(c.decide(organizer, cmd::set_flag_words{{"x"}, true})), error_code::invalid_field);
  EXPECT_EQ(c.run(organizer, own).size(), 1U);
  EXPECT_TRUE(c.run(organizer, own).empty()) << "the same list again changes nothing";
  c.run(ana, comment_on(t, "Le VELO, quel con"));
  EXPECT_EQ(topic_view(c.s, t, organizer)->comments.back().flag, "vélo") << "the shipped words no longer count";
  EXPECT_EQ(flag_words_view(c.s.flags).words, std::vector<std::string>{"vélo"});
  c.run(organizer, cmd::set_flag_words{{}, true});
  EXPECT_TRUE(flag_words_view(c.s.flags).shipped);
  EXPECT_TRUE(c.run(organizer, cmd::set_flag_words{{}, true}).empty());
  c.run(ana, comment_on(t, "Quel con"));
  EXPECT_EQ(topic_view(c.s, t, organizer)->comments.back().flag, "con");
  EXPECT_EQ(topic_view(c.s, t, organizer)->comments.front().flag, "vélo") << "a flag given stays";
}

TEST(channel_flags, folding_the_log_again_gives_the_same_lane) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto t = c.propose(ana, "Le travail hybride");
  c.run(organizer, cmd::set_flag_words{{"patate*"}, false});
  c.run(ana, comment_on(t, "Patates !"));
  state again;
  for (const auto& r : c.log) evolve(again, read_record(r));
  const auto lane = word_flags::lane(again);
  ASSERT_EQ(lane.size(), 1U);
  EXPECT_EQ(lane[0].flag, "patate*");
  EXPECT_EQ(again.flags.flag_words, c.s.flags.flag_words);
}

}  // namespace
}  // namespace tribune::engine::channel
