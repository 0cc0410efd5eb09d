// Snapshots are only a cache: the state restored from a snapshot and folded with the events after
// it is the state folded from the whole log, and a snapshot this version cannot read is refused.
#include "engine/snapshot.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

using protocol::side;
using protocol::speaker;

// A debate that touches every slice: questions and moderation, reactions, the stage and its floor,
// seats, arguments with ratings, polls with ballots.
room busy_debate() {
  auto r = oxford();
  r.ask(1, "Who pays?", true);
  r.approved(2, "And vans?");
  r.fold(ev::upvote_changed{2, 3, true});
  r.fold(ev::question_pinned{2, true});
  r.fold(ev::participant_muted{3, true});
  r.fold(ev::question_dismissed{1, "off topic"});
  r.fold(ev::reactions_recorded{{4, 0, 1, 0, 2}});
  commit(r, r.decide(moderator, protocol::start_show{}));
  commit(r, r.decide(moderator, protocol::advance{}));
  commit(r, r.decide(moderator, protocol::grant_floor{speaker{false, 1}, std::nullopt}));
  commit(r, r.decide(panelist_actor(2), protocol::raise_hand{protocol::lane::direct_reply}));
  commit(r, r.decide(panelist_actor(1), protocol::post_argument{"Cleaner air", side::for_motion, std::nullopt,
                                                                protocol::relation::none, "https://example.org"}));
  commit(r, r.decide(audience(1), protocol::rate_argument{1, protocol::rating::agree}));
  commit(r, r.decide(moderator, protocol::create_poll{protocol::poll_kind::word_cloud, "One word?", {}}));
  commit(r, r.decide(moderator, protocol::open_poll{1}));
  commit(r, r.decide(audience(2), protocol::vote{1, std::string("velo"), std::nullopt}));
  commit(r, r.decide(organizer, cmd::set_flag_words{{"bouffon*", "tais-toi"}, false}));
  commit(r, r.decide(moderator, protocol::pause{}));
  return r;
}

TEST(snapshot, a_restored_state_folded_with_the_rest_equals_the_whole_log_folded) {
  const auto full = busy_debate();
  for (const seq_t cut : {seq_t{1}, seq_t{5}, full.s.seq / 2, full.s.seq - 1, full.s.seq}) {
    state partial;
    for (const auto& e : full.log) {
      if (e.seq <= cut) evolve(partial, e);
    }
    auto restored = decode_state(encode_state(partial));
    ASSERT_TRUE(restored) << "cut at " << cut;
    EXPECT_EQ(flag_for(*restored, "Bouffonnerie ! Tais-toi."), flag_for(partial, "Bouffonnerie ! Tais-toi."));
    for (const auto& e : full.log) {
      if (e.seq > cut) evolve(*restored, e);
    }
    EXPECT_EQ(encode_state(*restored), encode_state(full.s)) << "cut at " << cut;
    for (const auto v : {view::public_view, view::moderator_view}) {
      EXPECT_EQ(encode_snapshot(*restored, v, 1), encode_snapshot(full.s, v, 1)) << "cut at " << cut;
    }
  }
}

TEST(snapshot, a_restored_state_decides_as_the_original_does) {
  const auto full = busy_debate();
  const auto restored = decode_state(encode_state(full.s));
  ASSERT_TRUE(restored);
  const context ctx{audience(3), full.next_at()};
  // Muted Chloe still may not ask; Ann may; the floor is still Green's.
  EXPECT_EQ(rejected(decide(*restored, ctx, protocol::ask{"Hi", false})), error_code::muted);
  EXPECT_TRUE(produced_one<ev::question_asked>(decide(*restored, {audience(1), ctx.now}, protocol::ask{"Hi", false})));
  ASSERT_TRUE(restored->show.floor);
  EXPECT_EQ(restored->show.floor->who, (speaker{false, 1}));
  // The organizer's word list flags as before: its patterns are folded again from the stored words.
  EXPECT_EQ(flag_for(*restored, "Quel BOUFFON"), "bouffon*");
  EXPECT_EQ(flag_for(*restored, "tais toi !"), "tais-toi");
  EXPECT_EQ(flag_for(*restored, "un conseil"), "");
}

TEST(snapshot, text_that_is_not_a_snapshot_of_this_version_is_refused) {
  const auto full = busy_debate();
  auto text = encode_state(full.s);
  EXPECT_FALSE(decode_state(""));
  EXPECT_FALSE(decode_state("not json"));
  EXPECT_FALSE(decode_state(R"({"version": 999})"));
  const auto pos = text.find("\"version\":");
  ASSERT_NE(pos, std::string::npos);
  text.replace(pos, text.find(',', pos) - pos, "\"version\":0");
  EXPECT_FALSE(decode_state(text));
  const auto version = nlohmann::json::parse(encode_state(full.s)).at("version");
  EXPECT_FALSE(decode_state(nlohmann::json{{"version", version}, {"seq", 3}}.dump())) << "a snapshot missing its parts";
}

}  // namespace
}  // namespace tribune::engine::testing
