// Contacts left with consent and the erasure of one's own data, given events, when a command,
// then events, records and views.
#include "engine/privacy/privacy.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/archive.hpp"
#include "engine/engine.hpp"
#include "engine/report/tables.hpp"
#include "engine/snapshot.hpp"
#include "engine/testing/given.hpp"
#include "protocol/decode.hpp"

namespace tribune::engine::testing {
namespace {

// A room where Ann joined with her name (kept beside the log) and Bob without one.
room with_ann_and_a_guest() {
  room r;
  r.created();
  for (const auto& name : {"Ann", ""}) {
    const auto joined =
        accepted(r.decide(system_actor, cmd::join{name, cred(std::to_string(r.s.participants.size()))}));
    r.fold(joined.at(0));
  }
  return r;
}

protocol::leave_contact contact(const std::string& text, bool brand, bool sponsor) {
  return protocol::leave_contact{text, brand, sponsor};
}

// The texts a room's records keep beside the log, less the erased ones: what storage returns.
kept_rows kept_beside(const room& r) {
  kept_rows rows;
  for (const auto& e : r.log) {
    const auto rec = to_record(e);
    rows.insert(rows.end(), rec.contacts.begin(), rec.contacts.end());
    for (const auto ref : rec.erased) std::erase_if(rows, [ref](const contact_row& c) { return c.ref == ref; });
  }
  std::sort(rows.begin(), rows.end(), [](const contact_row& a, const contact_row& b) { return a.ref < b.ref; });
  return rows;
}

// The room folded again from its stored records and the kept texts, as a server loads it.
state reloaded(const room& r) {
  const auto rows = kept_beside(r);
  state s;
  for (const auto& e : r.log) {
    auto back = from_record(to_record(e));
    restore_texts(back, rows);
    evolve(s, back);
  }
  return s;
}

TEST(privacy, a_name_given_on_joining_is_kept_beside_the_log_and_a_guest_name_in_it) {
  const auto r = with_ann_and_a_guest();
  const auto ann = to_record(r.log[1]);
  EXPECT_EQ(ann.body.find("Ann"), std::string::npos) << ann.body;
  ASSERT_EQ(ann.contacts.size(), 1u);
  EXPECT_EQ(ann.contacts[0].text, "Ann");
  const auto guest = to_record(r.log[2]);
  EXPECT_NE(guest.body.find("Guest 2"), std::string::npos) << guest.body;
  EXPECT_TRUE(guest.contacts.empty());
  EXPECT_EQ(reloaded(r).participants[0].name, "Ann");
}

TEST(privacy, an_audience_member_leaves_a_contact_with_the_consents_given_and_never_in_the_log) {
  auto r = with_ann_and_a_guest();
  const auto e_d = r.decide(audience(1), contact("ann@exemple.fr", true, false));
  const auto* e = single<ev::contact_left>(e_d);
  ASSERT_TRUE(e);
  r.fold(*e);
  const auto rec = to_record(r.log.back());
  EXPECT_EQ(rec.body.find("ann@"), std::string::npos) << rec.body;
  ASSERT_EQ(rec.contacts.size(), 1u);
  EXPECT_EQ(rec.contacts[0].text, "ann@exemple.fr");
  const auto& kept = r.s.participants[0].contact;
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->text, "ann@exemple.fr");
  EXPECT_TRUE(kept->brand);
  EXPECT_FALSE(kept->sponsor);
  EXPECT_TRUE(coalesced(r.log.back().body)) << "a contact is sent to no screen";
  EXPECT_FALSE(public_in_archive(r.s, r.log.back().body));
}

TEST(privacy, only_an_audience_member_who_is_not_banned_leaves_a_contact) {
  auto r = with_ann_and_a_guest();
  for (const auto& who : {organizer, moderator, stage, system_actor}) {
    EXPECT_EQ(rejected(r.decide(who, contact("x@exemple.fr", true, true))), error_code::forbidden)
        << to_string(who.role);
  }
  EXPECT_EQ(rejected(r.decide(audience(9), contact("x@exemple.fr", true, true))), error_code::unauthorized);
  r.fold(ev::participant_banned{2, "spam"});
  EXPECT_EQ(rejected(r.decide(audience(2), contact("x@exemple.fr", true, true))), error_code::banned);
}

TEST(privacy, a_new_contact_replaces_the_old_one_whose_text_is_erased_beside_the_log) {
  auto r = with_ann_and_a_guest();
  r.fold(accepted(r.decide(audience(1), contact("old@exemple.fr", true, false))).at(0));
  const auto again_d = r.decide(audience(1), contact("new@exemple.fr", false, true));
  const auto* again = single<ev::contact_left>(again_d);
  ASSERT_TRUE(again);
  r.fold(*again);
  const auto rec = to_record(r.log.back());
  ASSERT_EQ(rec.erased.size(), 1u);
  EXPECT_EQ(rec.erased[0], 2u) << "the first contact's ref";
  const auto rows = kept_beside(r);
  EXPECT_TRUE(std::none_of(rows.begin(), rows.end(), [](const contact_row& c) { return c.text == "old@exemple.fr"; }));
  EXPECT_EQ(r.s.participants[0].contact->text, "new@exemple.fr");
  EXPECT_TRUE(r.s.participants[0].contact->sponsor);
}

TEST(privacy, erasing_oneself_renames_the_participant_and_erases_their_name_and_contact_beside_the_log) {
  auto r = with_ann_and_a_guest();
  r.fold(accepted(r.decide(audience(1), contact("ann@exemple.fr", true, true))).at(0));
  r.ask(1, "Who pays for the buses?");
  const auto e_d = r.decide(audience(1), protocol::erase_me{});
  const auto* e = single<ev::participant_erased>(e_d);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->erased, (std::vector<std::uint32_t>{1, 2}));
  r.fold(*e);
  EXPECT_EQ(r.s.participants[0].name, "Guest 1");
  EXPECT_FALSE(r.s.participants[0].contact);
  EXPECT_TRUE(kept_beside(r).empty()) << "neither the name nor the contact is kept";
  EXPECT_TRUE(contacts_table(r.s).rows.empty());
  const auto msg = nlohmann::json::parse(encode_event(r.s, r.log.back(), view::public_view));
  EXPECT_EQ(msg["data"]["participant"]["name"], "Guest 1");
  // Folded again from the log and what is left beside it, no moment names her.
  const auto again = reloaded(r);
  EXPECT_EQ(again.participants[0].name, "Guest 1");
  state early;
  const auto rows = kept_beside(r);
  for (std::size_t i = 0; i < 2; ++i) {
    auto back = from_record(to_record(r.log[i]));
    restore_texts(back, rows);
    evolve(early, back);
  }
  EXPECT_EQ(early.participants[0].name, "Guest 1") << "the replay before the erasure";
}

TEST(privacy, a_banned_participant_may_still_erase_their_data_but_nobody_else_may) {
  auto r = with_ann_and_a_guest();
  r.fold(ev::participant_banned{1, "spam"});
  const auto d = r.decide(audience(1), protocol::erase_me{});
  EXPECT_TRUE(single<ev::participant_erased>(d));
  for (const auto& who : {organizer, moderator, stage, system_actor}) {
    EXPECT_EQ(rejected(r.decide(who, protocol::erase_me{})), error_code::forbidden) << to_string(who.role);
  }
}

TEST(privacy, a_snapshot_holds_no_name_or_contact_text_and_reads_them_back_from_the_rows) {
  auto r = with_ann_and_a_guest();
  r.fold(accepted(r.decide(audience(1), contact("ann@exemple.fr", true, false))).at(0));
  const auto text = encode_state(r.s);
  EXPECT_EQ(text.find("Ann"), std::string::npos);
  EXPECT_EQ(text.find("ann@"), std::string::npos);
  auto back = decode_state(text);
  ASSERT_TRUE(back);
  restore_texts(*back, kept_beside(r));
  EXPECT_EQ(back->participants[0].name, "Ann");
  EXPECT_EQ(back->participants[0].contact->text, "ann@exemple.fr");
  EXPECT_EQ(back->participants[1].name, "Guest 2");
  EXPECT_EQ(back->kept_refs, 2u);
}

TEST(privacy, the_contacts_export_lists_each_kept_contact_with_its_consents) {
  auto r = with_ann_and_a_guest();
  r.fold(accepted(r.decide(audience(2), contact("+33 6 12 34 56 78", false, true))).at(0));
  r.fold(accepted(r.decide(audience(1), contact("ann@exemple.fr", true, false))).at(0));
  const auto t = contacts_table(r.s);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0], (std::vector<std::string>{"p1", "Ann", "ann@exemple.fr", "yes", "no", t.rows[0][5]}));
  EXPECT_EQ(t.rows[1][2], "+33 6 12 34 56 78");
  EXPECT_EQ(t.rows[1][3], "no");
  EXPECT_EQ(t.rows[1][4], "yes");
}

TEST(privacy, me_shows_my_own_contact_and_no_one_else_sees_it) {
  auto r = with_ann_and_a_guest();
  r.fold(accepted(r.decide(audience(1), contact("ann@exemple.fr", true, false))).at(0));
  const auto mine = nlohmann::json::parse(encode_snapshot(r.s, view::public_view, 1));
  EXPECT_EQ(mine["state"]["me"]["contact"]["contact"], "ann@exemple.fr");
  EXPECT_EQ(mine["state"]["me"]["contact"]["brand"], true);
  const auto bob = encode_snapshot(r.s, view::public_view, 2);
  const auto mod = encode_snapshot(r.s, view::moderator_view, std::nullopt);
  EXPECT_EQ(bob.find("ann@"), std::string::npos);
  EXPECT_EQ(mod.find("ann@"), std::string::npos);
}

TEST(privacy, a_contact_without_any_consent_is_refused_by_the_codec) {
  const auto d = protocol::decode(R"({"type":"leave_contact","contact":"ann@exemple.fr"})");
  const auto* failure = std::get_if<protocol::decode_failure>(&d);
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->err.code, error_code::invalid_field);
  EXPECT_NE(failure->err.detail.find("consent"), std::string::npos) << failure->err.detail;
  EXPECT_TRUE(std::holds_alternative<protocol::request>(
      protocol::decode(R"({"type":"leave_contact","contact":"ann@exemple.fr","sponsor":true})")));
}

}  // namespace
}  // namespace tribune::engine::testing
