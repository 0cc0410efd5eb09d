// The moderators by name, given events, when a command, then events or a rejection: who manages the
// team, which link acts as whom, who did what in the moderators' view, and that the public sees a
// moderator's name only once the organizer names moderators in public.
#include "engine/team/team.hpp"

#include <gtest/gtest.h>

#include "engine/archive.hpp"
#include "engine/testing/given.hpp"

namespace tribune::engine::testing {
namespace {

const actor lea{role::moderator, 0, 0, 2};

// A debate with Ann's pending question (q1) and Léa, a second moderator link (o2).
room with_lea() {
  auto r = with_pending_question();
  r.fold_as(organizer, r.decide(organizer, cmd::add_moderator{"Léa", cred("o2")}));
  return r;
}

TEST(team, only_the_organizer_adds_names_and_removes_moderator_links) {
  auto r = with_pending_question();
  for (const auto& who : {moderator, audience(1), stage, system_actor}) {
    EXPECT_EQ(rejected(r.decide(who, cmd::add_moderator{"Léa", cred("o2")})), error_code::forbidden)
        << to_string(who.role);
    EXPECT_EQ(rejected(r.decide(who, cmd::rename_moderator{1, "Max"})), error_code::forbidden);
    EXPECT_EQ(rejected(r.decide(who, cmd::show_moderator_names{true})), error_code::forbidden);
  }
  const auto decided = r.decide(organizer, cmd::add_moderator{"Léa", cred("o2")});
  const auto* added = single<ev::moderator_added>(decided);
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->moderator, 2u);
  r.fold_as(organizer, decided);
  r.fold_as(organizer, r.decide(organizer, cmd::rename_moderator{first_moderator, "Max"}));
  EXPECT_EQ(moderator_name(r.s, 1), "Max");
  EXPECT_EQ(moderator_name(r.s, 2), "Léa");
  EXPECT_EQ(rejected(r.decide(moderator, cmd::remove_moderator{2})), error_code::forbidden);
  EXPECT_EQ(rejected(r.decide(organizer, cmd::remove_moderator{1})), error_code::invalid_field)
      << "the first link is replaced, never removed";
  EXPECT_EQ(rejected(r.decide(organizer, cmd::remove_moderator{3})), error_code::not_found);
  EXPECT_EQ(rejected(r.decide(organizer, cmd::rename_moderator{3, "X"})), error_code::not_found);
  EXPECT_TRUE(no_events(r.decide(organizer, cmd::rename_moderator{2, "Léa"}))) << "named so already";
}

TEST(team, each_link_acts_as_its_own_moderator_until_it_is_removed) {
  auto r = with_lea();
  const auto first = find_holder(r.s, cred("mod").selector);
  const auto second = find_holder(r.s, cred("o2").selector);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->who.role, role::moderator);
  EXPECT_EQ(first->who.moderator, first_moderator);
  EXPECT_EQ(second->who.role, role::moderator);
  EXPECT_EQ(second->who.moderator, 2u);
  EXPECT_EQ(second->cred->verifier_hash, cred("o2").verifier_hash);
  const auto hello = json::parse(protocol::encode_welcome(welcome_for(r.s, second->who)));
  EXPECT_EQ(hello["moderator"], "o2");
  EXPECT_EQ(hello["name"], "Léa");
  EXPECT_TRUE(produced_one<ev::question_approved>(r.decide(lea, protocol::approve{1})));

  r.fold_as(organizer, r.decide(organizer, cmd::remove_moderator{2}));
  EXPECT_FALSE(find_holder(r.s, cred("o2").selector)) << "a removed link no longer opens the room";
  EXPECT_TRUE(find_holder(r.s, cred("mod").selector));
  EXPECT_TRUE(cuts_links(r.log.back().body));
  EXPECT_EQ(rejected(r.decide(organizer, cmd::remove_moderator{2})), error_code::not_found) << "removed already";
}

TEST(team, a_debate_has_at_most_max_moderators_links) {
  auto r = with_pending_question();
  for (std::size_t i = 2; i <= protocol::max_moderators; ++i) {
    r.fold_as(organizer,
              r.decide(organizer, cmd::add_moderator{"M" + std::to_string(i), cred("o" + std::to_string(i))}));
  }
  EXPECT_EQ(r.s.members.size() + 1, protocol::max_moderators);
  EXPECT_EQ(rejected(r.decide(organizer, cmd::add_moderator{"One more", cred("extra")})), error_code::invalid_field);
}

TEST(team, moderators_see_who_acted_and_the_public_only_once_the_organizer_names_them) {
  auto r = with_lea();
  const auto dismissed = r.fold_as(lea, r.decide(lea, protocol::dismiss{1, "Off topic"})).back();
  EXPECT_EQ(dismissed.by, 2u);

  const auto staff = encoded(r, dismissed, view::moderator_view);
  EXPECT_EQ(staff["by"], "Léa");
  EXPECT_EQ(staff["data"]["entry"]["by"], "Léa");
  const auto shown = encoded(r, dismissed, view::public_view);
  EXPECT_FALSE(shown.contains("by"));
  EXPECT_EQ(shown.dump().find("Léa"), std::string::npos);
  EXPECT_EQ(snapshot_state(r, view::public_view, 1).dump().find("Léa"), std::string::npos);
  EXPECT_FALSE(snapshot_state(r, view::public_view, std::nullopt).contains("team"));
  EXPECT_EQ(snapshot_state(r, view::moderator_view, std::nullopt)["log"].back()["by"], "Léa");

  // A command from anyone but a moderator is nobody's: no `by`.
  const auto asked = r.fold_as(audience(2), r.decide(audience(2), protocol::ask{"Trams?", false})).back();
  EXPECT_EQ(asked.by, 0u);
  EXPECT_FALSE(encoded(r, asked, view::moderator_view).contains("by"));

  r.fold_as(organizer, r.decide(organizer, cmd::show_moderator_names{true}));
  EXPECT_EQ(encoded(r, dismissed, view::public_view)["by"], "Léa");
  EXPECT_EQ(snapshot_state(r, view::public_view, std::nullopt)["log"].back()["by"], "Léa");
}

TEST(team, the_team_and_its_changes_reach_moderators_only) {
  auto r = with_lea();
  r.fold_as(organizer, r.decide(organizer, cmd::rename_moderator{first_moderator, "Max"}));
  for (const auto& e : r.log) {
    if (std::holds_alternative<ev::moderator_added>(e.body) || std::holds_alternative<ev::moderator_renamed>(e.body)) {
      EXPECT_TRUE(backstage_only(e.body)) << event_name(e.body);
      EXPECT_FALSE(public_in_archive(r.s, e.body)) << "sealed in the public archive: " << event_name(e.body);
    }
  }
  EXPECT_EQ(data_of(r, r.log.back(), view::moderator_view)["moderator"], (json{{"id", "o1"}, {"name", "Max"}}));
  const auto team = snapshot_state(r, view::moderator_view, std::nullopt)["team"];
  EXPECT_EQ(
      team,
      (json{{"moderators", json::array({json{{"id", "o1"}, {"name", "Max"}}, json{{"id", "o2"}, {"name", "Léa"}}})},
            {"names_public", false}}));
  EXPECT_EQ(team.dump().find("SELo2SEL"), std::string::npos) << "never a credential";
}

TEST(team, the_moderators_chat_says_who_wrote_each_message) {
  auto r = with_lea();
  r.fold_as(lea, r.decide(lea, protocol::post_staff_message{"Take Ann next"}));
  const auto staff = snapshot_state(r, view::moderator_view, std::nullopt)["backstage"]["messages"];
  ASSERT_EQ(staff.size(), 1u);
  EXPECT_EQ(staff[0]["by"], "Léa");
  EXPECT_EQ(data_of(r, r.log.back(), view::moderator_view)["message"]["by"], "Léa");
}

TEST(team, the_stored_event_names_its_moderator_by_number_only) {
  auto r = with_lea();
  const auto dismissed = r.fold_as(lea, r.decide(lea, protocol::dismiss{1, "Off topic"})).back();
  const auto record = to_record(dismissed);
  EXPECT_EQ(json::parse(record.body)["by"], 2);
  EXPECT_EQ(record.body.find("Léa"), std::string::npos) << "the public archive shows stored bodies";
  EXPECT_EQ(from_record(record).by, 2u);
  EXPECT_EQ(json::parse(to_record(r.log.front()).body).count("by"), 0u) << "nobody's event has no `by`";
}

}  // namespace
}  // namespace tribune::engine::testing
