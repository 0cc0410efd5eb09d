// Given a topic, when visitors send questions and arguments before its show and the show opens,
// then who may send, what each role reads, and that none is taken after the show opened.
#include <gtest/gtest.h>

#include "engine/channel/advance.hpp"
#include "engine/testing/channel_given.hpp"

namespace tribune::engine::channel {
namespace {

using protocol::error_code;
using testing_channel::open_channel;
using testing_channel::organizer;
using testing_channel::rejected;

pc::send_advance question(topic_id t, std::string text) {
  return pc::send_advance{t, pc::advance_kind::question, std::move(text), protocol::side::none};
}

TEST(channel_advance, a_visitor_sends_on_an_accepted_topic_until_the_show_opens) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto t = c.propose(ana, "Le travail hybride");
  EXPECT_EQ(rejected(c.decide(ana, question(t, "Et les PME ?"))), error_code::topic_not_accepted);
  c.run(organizer, pc::answer_topic{t, pc::answer_kind::accept, "Oui", 0});
  EXPECT_EQ(rejected(c.decide(who{}, question(t, "?"))), error_code::forbidden);
  EXPECT_EQ(rejected(c.decide(organizer, question(t, "?"))), error_code::forbidden);
  EXPECT_EQ(rejected(c.decide(ana, question(99, "?"))), error_code::unknown_topic);
  c.run(ana, question(t, "Et les PME ?"));
  c.run(ana, pc::send_advance{t, pc::advance_kind::argument, "Moins de trajets", protocol::side::for_motion});
  EXPECT_EQ(advance::not_taken(c.s.topics[t - 1]).size(), 2U);
  EXPECT_EQ(rejected(c.decide(ana, take_advance{t, 2})), error_code::forbidden) << "only the server takes them";
  EXPECT_EQ(rejected(c.decide(organizer, take_advance{t, 3})), error_code::invalid_field);
  c.run(organizer, take_advance{t, 2});
  EXPECT_TRUE(advance::not_taken(c.s.topics[t - 1]).empty());
  EXPECT_EQ(rejected(c.decide(ana, question(t, "Trop tard ?"))), error_code::advance_closed);
  EXPECT_TRUE(c.run(organizer, take_advance{t, 2}).empty()) << "taken again: nothing changes";
  EXPECT_EQ(c.s.topics[t - 1].status, pc::topic_status::live);
  EXPECT_EQ(rejected(c.decide(ana, end_show{t})), error_code::forbidden);
  c.run(organizer, end_show{t});
  EXPECT_EQ(c.s.topics[t - 1].status, pc::topic_status::ended);
  EXPECT_TRUE(c.run(organizer, end_show{t}).empty());
  EXPECT_EQ(rejected(c.decide(organizer, pc::schedule_topic{t, 1800000000000, "UTC", ""})), error_code::topic_closed);
}

TEST(channel_advance, the_public_reads_how_many_the_sender_their_own_the_organizer_all) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto bob = c.visitor("Bob");
  const auto t = c.propose(ana, "Le travail hybride");
  c.run(organizer, pc::answer_topic{t, pc::answer_kind::accept, "Oui", 0});
  c.run(ana, question(t, "Celle d'Ana"));
  c.run(bob, question(t, "Celle de Bob"));
  const auto pub = topic_view(c.s, t, who{});
  EXPECT_EQ(pub->advance_count, 2U);
  EXPECT_TRUE(pub->advance_open);
  EXPECT_TRUE(pub->advance.empty());
  EXPECT_TRUE(pub->my_advance.empty());
  const auto mine = topic_view(c.s, t, ana);
  ASSERT_EQ(mine->my_advance.size(), 1U);
  EXPECT_EQ(mine->my_advance[0].text, "Celle d'Ana");
  EXPECT_EQ(topic_view(c.s, t, organizer)->advance.size(), 2U);
}

TEST(channel_advance, at_most_five_in_ten_minutes_per_visitor) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto t = c.propose(ana, "Le travail hybride");
  c.run(organizer, pc::answer_topic{t, pc::answer_kind::accept, "Oui", 0});
  for (std::size_t i = 0; i < pc::advance_per_window; ++i) c.run(ana, question(t, "Q" + std::to_string(i)));
  EXPECT_EQ(rejected(c.decide(ana, question(t, "Une de trop"))), error_code::rate_limited);
  c.now += pc::advance_window_ms;
  EXPECT_EQ(c.run(ana, question(t, "Plus tard")).size(), 1U);
}

}  // namespace
}  // namespace tribune::engine::channel
