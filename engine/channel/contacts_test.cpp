// Given a channel's visitors who leave contacts with their proposals, applications and offers,
// then who reads each with its consents, what the contacts export lists, what a visitor reads of
// their own data, and that erasing it takes their name and every contact, live and from the log.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/channel/contacts.hpp"
#include "engine/testing/channel_given.hpp"

namespace tribune::engine::channel {
namespace {

using protocol::error_code;
using testing_channel::channel_under_test;
using testing_channel::open_channel;
using testing_channel::organizer;
using testing_channel::rejected;

topic_id propose_with(channel_under_test& c, const who& by, pc::contact_consents contact) {
  c.run(by, pc::propose_topic{"Le travail hybride", "Pourquoi", "Politique", protocol::show_format::talk_show,
                              pc::treatment::methodology, "", std::move(contact)});
  return static_cast<topic_id>(c.s.topics.size());
}

// What a log read back gives, with the rows beside it that are still kept.
state folded_from(const channel_under_test& c) {
  std::vector<contact_row> rows;
  state s;
  for (const auto& r : c.log) {
    for (const auto& row : r.contacts) rows.push_back(row);
    for (const auto ref : r.erased) std::erase_if(rows, [ref](const contact_row& row) { return row.ref == ref; });
    evolve(s, read_record(r));
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.ref < b.ref; });
  restore_contacts(s, rows);
  return s;
}

TEST(channel_contacts, a_proposer_leaves_a_contact_that_the_organizer_and_they_alone_read) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto bob = c.visitor("Bob");
  const auto made =
      c.run(ana, pc::propose_topic{"A", "Pourquoi", "Politique", {}, {}, "", {"ana@example.org", false, true}});
  ASSERT_EQ(made.size(), 2u) << "the proposal and its contact";
  const auto& left = std::get<ev::proposer_contact_left>(made[1]);
  EXPECT_FALSE(left.brand);
  EXPECT_TRUE(left.sponsor);
  for (const auto& r : c.log) EXPECT_EQ(r.body.find("ana@example.org"), std::string::npos) << r.type;
  const auto t = static_cast<topic_id>(c.s.topics.size());
  ASSERT_TRUE(topic_view(c.s, t, organizer)->proposer_contact);
  EXPECT_EQ(topic_view(c.s, t, organizer)->proposer_contact->contact, "ana@example.org");
  EXPECT_TRUE(topic_view(c.s, t, ana)->proposer_contact->sponsor);
  EXPECT_FALSE(topic_view(c.s, t, bob)->proposer_contact) << "another visitor";
  EXPECT_FALSE(topic_view(c.s, t, who{})->proposer_contact) << "the public";
  const auto none = propose_with(c, bob, {});
  EXPECT_FALSE(topic_view(c.s, none, organizer)->proposer_contact) << "a proposal without a contact";
  EXPECT_EQ(folded_from(c).contacts, c.s.contacts) << "the log and its rows give the same texts";
}

TEST(channel_contacts, the_export_lists_every_contact_kept_with_its_consents) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto bob = c.visitor("");
  const auto t = propose_with(c, ana, {"ana@example.org", true, false});
  c.run(bob, pc::apply_to_speak{t, "Je sais", "old@example.org", false});
  c.run(bob, pc::apply_to_speak{t, "Je sais", "bob@example.org", true});
  c.run(bob, pc::offer_sponsorship{t, "Acme", "", "+33 6 00 00 00 00"});
  EXPECT_TRUE(topic_view(c.s, t, organizer)->applications.at(0).sponsor_consent);
  const auto out = contacts_table(c.s);
  EXPECT_EQ(out.header.at(2), "left_with");
  ASSERT_EQ(out.rows.size(), 3u) << "the replaced contact is not listed";
  EXPECT_EQ(out.rows[0][2], "proposal");
  EXPECT_EQ(out.rows[0][4], "Ana");
  EXPECT_EQ(out.rows[0][5], "ana@example.org");
  EXPECT_EQ(out.rows[0][6], "yes");
  EXPECT_EQ(out.rows[0][7], "no");
  EXPECT_EQ(out.rows[1][2], "application");
  EXPECT_EQ(out.rows[1][4], "Visiteur 2");
  EXPECT_EQ(out.rows[1][5], "bob@example.org");
  EXPECT_EQ(out.rows[1][7], "yes");
  EXPECT_EQ(out.rows[2][2], "sponsor_offer");
  EXPECT_EQ(out.rows[2][5], "+33 6 00 00 00 00");
}

TEST(channel_contacts, a_visitor_reads_what_they_left) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto bob = c.visitor("Bob");
  const auto t = propose_with(c, ana, {"ana@example.org", true, true});
  const auto other = propose_with(c, bob, {});
  c.run(ana, pc::give_opinion{other, pc::opinion::essential, "Oui"});
  c.run(ana, pc::post_comment{other, "Premier", 0});
  c.run(ana, pc::apply_to_speak{other, "Je sais", "ana@example.org", false});
  c.run(organizer, pc::answer_topic{t, pc::answer_kind::accept, "Oui", 0});
  c.run(ana, pc::send_advance{t, pc::advance_kind::question, "Et les PME ?", protocol::side::none});
  EXPECT_FALSE(my_data(c.s, 9)) << "an unknown visitor";
  const auto mine = my_data(c.s, ana.identity);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->name, "Ana");
  ASSERT_EQ(mine->proposals.size(), 1u) << "Bob's is not Ana's";
  EXPECT_EQ(mine->proposals[0].contact->contact, "ana@example.org");
  ASSERT_EQ(mine->opinions.size(), 1u);
  EXPECT_EQ(mine->opinions[0].feedback, "Oui");
  ASSERT_EQ(mine->comments.size(), 1u);
  EXPECT_EQ(mine->comments[0].text, "Premier");
  ASSERT_EQ(mine->applications.size(), 1u);
  EXPECT_EQ(mine->applications[0].application.contact, "ana@example.org");
  ASSERT_EQ(mine->advance.size(), 1u);
  EXPECT_EQ(mine->advance[0].item.text, "Et les PME ?");
  EXPECT_TRUE(my_data(c.s, bob.identity)->applications.empty());
}

TEST(channel_contacts, erasing_takes_the_name_and_every_contact_and_keeps_the_rest) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto bob = c.visitor("Bob");
  const auto t = propose_with(c, ana, {"ana@example.org", true, false});
  c.run(ana, pc::apply_to_speak{t, "Je sais", "ana@travail.fr", true});
  c.run(ana, pc::offer_sponsorship{t, "Acme", "", "+33 6 00 00 00 00"});
  c.run(bob, pc::apply_to_speak{t, "Moi aussi", "bob@example.org", false});
  EXPECT_EQ(rejected(c.decide(organizer, erase_identity{})), error_code::forbidden);
  const auto erased = c.run(ana, erase_identity{});
  ASSERT_EQ(erased.size(), 1u);
  EXPECT_EQ(std::get<ev::identity_erased>(erased[0]).erased.size(), 4u) << "the name and three contacts";
  EXPECT_EQ(c.log.back().erased.size(), 4u) << "their rows beside the log go with it";
  const auto org = topic_view(c.s, t, organizer);
  EXPECT_EQ(org->summary.proposed_by, "Visiteur 1");
  EXPECT_FALSE(org->proposer_contact);
  EXPECT_EQ(org->applications.size(), 2u) << "the applications stay, without the erased contact";
  EXPECT_EQ(org->offers.at(0).contact, "");
  const auto out = contacts_table(c.s);
  ASSERT_EQ(out.rows.size(), 1u);
  EXPECT_EQ(out.rows[0][5], "bob@example.org") << "another visitor's contact stays";
  const auto mine = my_data(c.s, ana.identity);
  EXPECT_EQ(mine->name, "Visiteur 1");
  EXPECT_FALSE(mine->proposals.at(0).contact);
  EXPECT_EQ(mine->applications.at(0).application.contact, "");
  EXPECT_TRUE(c.run(ana, erase_identity{}).empty()) << "nothing left to erase changes nothing";
  const auto again = folded_from(c);
  EXPECT_EQ(topic_view(again, t, organizer)->summary.proposed_by, "Visiteur 1") << "read back from the log";
  EXPECT_EQ(topic_view(again, t, organizer)->applications.size(), 2u);
  EXPECT_EQ(contacts_table(again).rows, out.rows);
  c.run(ana, pc::apply_to_speak{t, "Je reviens", "ana@retour.fr", false});
  EXPECT_EQ(my_data(c.s, ana.identity)->applications.at(0).application.contact, "ana@retour.fr")
      << "a contact left after the erasure is kept";
}

TEST(channel_contacts, events_logged_before_names_and_consents_were_kept_still_read) {
  const auto joined =
      read_record(event_record{2,
                               0,
                               "identity_created",
                               R"({"identity":1,"display_name":"Ana","cred":{"selector":"s","verifier_hash":"h"}})",
                               "",
                               {},
                               {}});
  EXPECT_EQ(std::get<ev::identity_created>(joined.body).display_name, "Ana") << "a name written in the body";
  const auto applied = read_record(
      event_record{3, 0, "application_sent", R"({"topic":1,"by":1,"motivation":"Je sais","contact":2})", "", {}, {}});
  const auto& a = std::get<ev::application_sent>(applied.body);
  EXPECT_FALSE(a.sponsor) << "no sponsor consent was asked for then";
  EXPECT_EQ(a.replaces, 0u);
  EXPECT_EQ(a.contact.ref, 2u);
}

}  // namespace
}  // namespace tribune::engine::channel
