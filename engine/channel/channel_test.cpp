// Given a channel's events, when a command, then events or a rejection; and what each role sees.
#include "engine/channel/channel.hpp"

#include <gtest/gtest.h>

#include "engine/testing/channel_given.hpp"
#include "protocol/search.hpp"

namespace tribune::engine::channel {
namespace {

using protocol::error_code;
using testing_channel::channel_under_test;
using testing_channel::open_channel;
using testing_channel::organizer;
using testing_channel::rejected;

TEST(channel, only_the_organizer_creates_it_and_only_once) {
  channel_under_test c;
  pc::create_channel what{"La chaîne", "", "", "", pc::default_categories(), {}};
  EXPECT_EQ(rejected(c.decide(who{false, 1, {}}, create{"acme", what})), error_code::forbidden);
  c.run(organizer, create{"acme", what});
  EXPECT_TRUE(c.s.exists());
  EXPECT_EQ(rejected(c.decide(organizer, create{"acme", what})), error_code::channel_exists);
}

TEST(channel, nothing_happens_in_a_channel_that_does_not_exist) {
  channel_under_test c;
  EXPECT_EQ(rejected(c.decide(who{}, create_identity{"Ana", {"s", "h"}})), error_code::not_found);
}

TEST(channel_proposals, a_visitor_proposes_in_one_of_the_channels_categories) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto id = c.propose(ana, "Le télétravail");
  const auto& t = c.s.topics.at(id - 1);
  EXPECT_EQ(t.status, pc::topic_status::proposed);
  EXPECT_EQ(t.proposal.by, ana.identity);
  EXPECT_EQ(c.s.awaiting, 1u);
  const auto d = c.decide(ana, pc::propose_topic{"Autre", "Pitch", "Cuisine", {}, {}, ""});
  EXPECT_EQ(rejected(d), error_code::unknown_category);
}

TEST(channel_proposals, the_organizer_and_strangers_do_not_propose_as_visitors) {
  auto c = open_channel();
  const pc::propose_topic p{"Titre", "Pitch", "Politique", {}, {}, ""};
  EXPECT_EQ(rejected(c.decide(organizer, p)), error_code::forbidden);
  EXPECT_EQ(rejected(c.decide(who{false, 9, {}}, p)), error_code::forbidden);
}

TEST(channel_proposals, a_visitor_proposes_three_topics_in_ten_minutes_at_most) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto bob = c.visitor("Bob");
  for (int i = 0; i < 3; ++i) c.propose(ana, "Sujet " + std::to_string(i));
  const pc::propose_topic fourth{"Encore", "Pitch", "Politique", {}, {}, ""};
  EXPECT_EQ(rejected(c.decide(ana, fourth)), error_code::rate_limited);
  c.run(bob, fourth);  // another visitor is not held back
  c.now += pc::proposal_window_ms;
  c.run(ana, fourth);
  EXPECT_EQ(c.s.topics.size(), 5u);
}

TEST(channel_opinions, a_visitor_gives_or_changes_twenty_opinions_a_minute_at_most) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto id = c.propose(ana, "Sujet");
  c.now += 60 * 1000;
  for (std::size_t i = 0; i < pc::opinions_per_minute; ++i) {
    c.run(ana, pc::give_opinion{id, i % 2 == 0 ? pc::opinion::essential : pc::opinion::interesting, ""});
    c.now -= 990;  // twenty changes within a few seconds
  }
  EXPECT_EQ(rejected(c.decide(ana, pc::give_opinion{id, pc::opinion::not_for_me, ""})), error_code::rate_limited);
  c.now += 60 * 1000;
  c.run(ana, pc::give_opinion{id, pc::opinion::not_for_me, ""});
  EXPECT_EQ(c.s.topics[0].tally.counts[static_cast<std::size_t>(pc::opinion::not_for_me)], 1u);
}

TEST(channel_opinions, one_per_visitor_and_topic_changeable_and_counted_once) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto bob = c.visitor("Bob");
  const auto id = c.propose(ana, "Le télétravail");
  c.run(ana, pc::give_opinion{id, pc::opinion::essential, ""});
  c.run(bob, pc::give_opinion{id, pc::opinion::essential, "Oui !"});
  c.run(ana, pc::give_opinion{id, pc::opinion::not_for_me, "Finalement non"});
  const auto& tally = c.s.topics.at(id - 1).tally.counts;
  EXPECT_EQ(tally[static_cast<std::size_t>(pc::opinion::essential)], 1u);
  EXPECT_EQ(tally[static_cast<std::size_t>(pc::opinion::not_for_me)], 1u);
  EXPECT_EQ(tally[static_cast<std::size_t>(pc::opinion::interesting)], 0u);
  EXPECT_TRUE(c.run(bob, pc::give_opinion{id, pc::opinion::essential, "Oui !"}).empty())
      << "the same opinion again changes nothing";
  EXPECT_EQ(rejected(c.decide(ana, pc::give_opinion{42, pc::opinion::essential, ""})), error_code::unknown_topic);
}

TEST(channel_answers, the_organizer_accepts_declines_with_a_reason_or_merges) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto a = c.propose(ana, "A");
  const auto b = c.propose(ana, "B");
  const auto d = c.propose(ana, "D");
  EXPECT_EQ(c.s.awaiting, 3u);
  c.run(organizer, pc::answer_topic{a, pc::answer_kind::accept, "", 0});
  c.run(organizer, pc::answer_topic{b, pc::answer_kind::merge, "Même sujet que A", a});
  c.run(organizer, pc::answer_topic{d, pc::answer_kind::decline, "Hors sujet", 0});
  EXPECT_EQ(c.s.awaiting, 0u);
  EXPECT_EQ(c.s.topics[a - 1].status, pc::topic_status::accepted);
  EXPECT_EQ(c.s.topics[b - 1].status, pc::topic_status::merged);
  EXPECT_EQ(c.s.topics[b - 1].merged_into, a);
  EXPECT_EQ(c.s.topics[d - 1].answer, "Hors sujet");
  EXPECT_EQ(rejected(c.decide(organizer, pc::answer_topic{a, pc::answer_kind::decline, "Non", 0})),
            error_code::topic_answered);
  EXPECT_EQ(rejected(c.decide(ana, pc::give_opinion{d, pc::opinion::essential, ""})), error_code::topic_closed);
}

TEST(channel_answers, a_merge_names_another_open_topic) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto a = c.propose(ana, "A");
  const auto b = c.propose(ana, "B");
  c.run(organizer, pc::answer_topic{b, pc::answer_kind::decline, "Non", 0});
  EXPECT_EQ(rejected(c.decide(organizer, pc::answer_topic{a, pc::answer_kind::merge, "x", a})),
            error_code::invalid_field);
  EXPECT_EQ(rejected(c.decide(organizer, pc::answer_topic{a, pc::answer_kind::merge, "x", b})),
            error_code::topic_closed);
  EXPECT_EQ(rejected(c.decide(organizer, pc::answer_topic{a, pc::answer_kind::merge, "x", 7})),
            error_code::unknown_topic);
  EXPECT_EQ(rejected(c.decide(ana, pc::answer_topic{a, pc::answer_kind::accept, "", 0})), error_code::forbidden);
}

TEST(channel_comments, a_reply_answers_a_comment_of_the_same_topic_one_level_deep) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto bob = c.visitor("Bob");
  const auto a = c.propose(ana, "A");
  const auto b = c.propose(ana, "B");
  c.run(ana, pc::post_comment{a, "Premier", 0});
  c.run(bob, pc::post_comment{a, "Réponse", 1});
  EXPECT_EQ(c.s.topics[a - 1].comments, (std::vector<protocol::comment_id>{1, 2}));
  EXPECT_EQ(rejected(c.decide(bob, pc::post_comment{a, "Trop profond", 2})), error_code::invalid_field);
  EXPECT_EQ(rejected(c.decide(bob, pc::post_comment{b, "Ailleurs", 1})), error_code::unknown_comment);
  EXPECT_EQ(rejected(c.decide(bob, pc::post_comment{a, "Inconnu", 9})), error_code::unknown_comment);
  EXPECT_EQ(rejected(c.decide(organizer, pc::post_comment{a, "Organisateur", 0})), error_code::forbidden);
  c.run(organizer, pc::answer_topic{b, pc::answer_kind::decline, "Non", 0});
  EXPECT_EQ(rejected(c.decide(ana, pc::post_comment{b, "Trop tard", 0})), error_code::topic_closed);
}

TEST(channel_comments, five_a_minute_per_visitor) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto a = c.propose(ana, "A");
  for (std::size_t i = 0; i < pc::comments_per_minute; ++i) {
    c.run(ana, pc::post_comment{a, "Encore", 0});
    c.now -= 990;
  }
  EXPECT_EQ(rejected(c.decide(ana, pc::post_comment{a, "De trop", 0})), error_code::rate_limited);
  c.now += pc::comment_window_ms;
  c.run(ana, pc::post_comment{a, "Plus tard", 0});
}

TEST(channel_comments, a_hidden_comment_keeps_its_place_and_reason_and_only_the_organizer_reads_it) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto a = c.propose(ana, "A");
  c.run(ana, pc::post_comment{a, "Texte blessant", 0});
  EXPECT_EQ(rejected(c.decide(ana, pc::hide_comment{a, 1, "Insulte"})), error_code::forbidden);
  EXPECT_EQ(rejected(c.decide(organizer, pc::hide_comment{a, 2, "Insulte"})), error_code::unknown_comment);
  c.run(organizer, pc::hide_comment{a, 1, "Insulte"});
  EXPECT_TRUE(c.run(organizer, pc::hide_comment{a, 1, "Encore"}).empty()) << "hidden once";
  const auto for_public = topic_view(c.s, a, who{});
  ASSERT_EQ(for_public->comments.size(), 1u);
  EXPECT_TRUE(for_public->comments[0].hidden);
  EXPECT_EQ(for_public->comments[0].hidden_reason, "Insulte");
  EXPECT_EQ(for_public->comments[0].by, "Ana");
  EXPECT_EQ(pc::encode_topic(*for_public).find("blessant"), std::string::npos);
  EXPECT_EQ(topic_view(c.s, a, organizer)->comments[0].text, "Texte blessant");
}

TEST(channel_views, feedback_is_the_organizers_and_each_visitor_sees_their_own_opinion) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto bob = c.visitor("Bob");
  const auto id = c.propose(ana, "Le télétravail");
  c.run(bob, pc::give_opinion{id, pc::opinion::interesting, "Secret feedback"});
  const auto for_ana = topic_view(c.s, id, ana);
  ASSERT_TRUE(for_ana);
  EXPECT_FALSE(for_ana->mine);
  EXPECT_TRUE(for_ana->feedback.empty());
  EXPECT_EQ(pc::encode_topic(*for_ana).find("Secret feedback"), std::string::npos);
  const auto for_bob = topic_view(c.s, id, bob);
  ASSERT_TRUE(for_bob && for_bob->mine);
  EXPECT_EQ(*for_bob->mine, pc::opinion::interesting);
  const auto for_organizer = topic_view(c.s, id, organizer);
  ASSERT_EQ(for_organizer->feedback.size(), 1u);
  EXPECT_EQ(for_organizer->feedback[0].first, "Bob");
  EXPECT_FALSE(topic_view(c.s, 99, organizer));
}

TEST(channel_views, the_channel_page_counts_what_awaits_an_answer_and_since_when) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto a = c.propose(ana, "A");
  const auto a_at = c.s.topics[a - 1].proposed_at;
  const auto b = c.propose(ana, "B");
  auto v = channel_view(c.s);
  EXPECT_EQ(v.awaiting_answer, 2u);
  EXPECT_EQ(v.oldest_awaiting_since, a_at);
  ASSERT_EQ(v.topics.size(), 2u);
  EXPECT_EQ(v.topics[0].id, b) << "newest first";
  EXPECT_EQ(v.topics[0].proposed_by, "Ana");
  c.run(organizer, pc::answer_topic{a, pc::answer_kind::accept, "", 0});
  v = channel_view(c.s);
  EXPECT_EQ(v.awaiting_answer, 1u);
  EXPECT_EQ(v.oldest_awaiting_since, c.s.topics[b - 1].proposed_at);
  EXPECT_EQ(pc::encode_channel(v).find("sel-Ana"), std::string::npos) << "no credential in a view";
}

TEST(channel_records, every_event_survives_its_storage_form) {
  auto c = open_channel();
  const auto ana = c.visitor("");
  EXPECT_EQ(c.s.identities[0].name, "Visiteur 1");
  const auto id = c.propose(ana, "A");
  c.run(ana, pc::give_opinion{id, pc::opinion::essential, "Très bien"});
  c.run(organizer, pc::answer_topic{id, pc::answer_kind::accept, "Bienvenue", 0});
  c.run(ana, pc::post_comment{id, "Un commentaire", 0});
  c.run(organizer, pc::hide_comment{id, 1, "Hors sujet"});
  // The log folds back from its storage form into the same state.
  state folded;
  for (const auto& r : c.log) evolve(folded, read_record(r));
  EXPECT_EQ(folded.info.id, "acme");
  EXPECT_EQ(folded.identities[0].cred.selector, c.s.identities[0].cred.selector);
  EXPECT_EQ(folded.topics[0].status, pc::topic_status::accepted);
  EXPECT_EQ(folded.topics[0].answer, "Bienvenue");
  EXPECT_EQ(folded.topics[0].opinions.at(1).feedback, "Très bien");
  ASSERT_EQ(folded.comments.size(), 1u);
  EXPECT_EQ(folded.comments[0].posted.text, "Un commentaire");
  EXPECT_EQ(folded.comments[0].hidden_reason, "Hors sujet");
  EXPECT_EQ(folded.seq, c.s.seq);
  EXPECT_EQ(folded.topics[0].proposed_at, c.s.topics[0].proposed_at);
  EXPECT_THROW(read_record(event_record{6, 0, "no_such_event", "{}", "", {}, {}}), std::runtime_error);
}

TEST(channel_applications, a_visitor_applies_once_per_open_topic_and_may_replace_it) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto id = c.propose(ana, "A");
  EXPECT_EQ(rejected(c.decide(who{}, pc::apply_to_speak{id, "Je sais", "ana@example.org"})), error_code::forbidden);
  EXPECT_EQ(rejected(c.decide(ana, pc::apply_to_speak{9, "Je sais", "ana@example.org"})), error_code::unknown_topic);
  const auto sent = c.run(ana, pc::apply_to_speak{id, "Je sais", "ana@example.org"});
  ASSERT_EQ(sent.size(), 1u);
  const auto& first = std::get<ev::application_sent>(sent[0]);
  EXPECT_EQ(first.contact.ref, 2u) << "ref 1 holds the name Ana gave";
  EXPECT_TRUE(
      std::get<std::vector<event_body>>(c.decide(ana, pc::apply_to_speak{id, "Je sais", "ana@example.org"})).empty())
      << "the same application again changes nothing";
  const auto again = c.run(ana, pc::apply_to_speak{id, "Je sais mieux", "ana@exemple.fr"});
  EXPECT_EQ(std::get<ev::application_sent>(again.at(0)).replaces, 2u) << "its row beside the log goes";
  EXPECT_EQ(c.s.topics[0].applications.size(), 1u) << "one application per visitor and topic";
  EXPECT_EQ(c.s.topics[0].applications.at(1).motivation, "Je sais mieux");
  EXPECT_EQ(c.s.contacts[1], "") << "a replaced contact is forgotten";
  EXPECT_EQ(c.s.contacts[2], "ana@exemple.fr");
  c.run(organizer, pc::answer_topic{id, pc::answer_kind::decline, "Non", 0});
  EXPECT_EQ(rejected(c.decide(ana, pc::apply_to_speak{id, "Encore", "a@b.c"})), error_code::topic_closed);
}

TEST(channel_applications, five_applications_and_offers_in_ten_minutes_per_visitor) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  std::vector<topic_id> topics;
  for (int i = 0; i < 3; ++i) topics.push_back(c.propose(c.visitor("p" + std::to_string(i)), "T"));
  c.run(ana, pc::apply_to_speak{topics[0], "1", "a@b.c"});
  c.run(ana, pc::apply_to_speak{topics[1], "2", "a@b.c"});
  c.run(ana, pc::offer_sponsorship{topics[0], "Acme", "", "a@b.c"});
  c.run(ana, pc::offer_sponsorship{topics[1], "Acme", "", "a@b.c"});
  c.run(ana, pc::offer_sponsorship{topics[2], "Acme", "", "a@b.c"});
  EXPECT_EQ(rejected(c.decide(ana, pc::apply_to_speak{topics[2], "3", "a@b.c"})), error_code::rate_limited);
  c.now += pc::submission_window_ms;
  c.run(ana, pc::apply_to_speak{topics[2], "3", "a@b.c"});
}

TEST(channel_views, applications_and_offers_are_the_organizers_and_their_authors_only) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto bob = c.visitor("Bob");
  const auto id = c.propose(ana, "A");
  c.run(bob, pc::give_opinion{id, pc::opinion::essential, ""});
  c.run(bob, pc::apply_to_speak{id, "J'en parle chaque jour", "bob@example.org"});
  c.run(ana, pc::offer_sponsorship{id, "Acme SA", "Nous finançons", "+33 1 23 45 67 89"});

  const auto anyone = topic_view(c.s, id, who{});
  ASSERT_TRUE(anyone);
  EXPECT_EQ(anyone->applicants, 1u);
  EXPECT_FALSE(anyone->my_application);
  EXPECT_FALSE(anyone->my_offer);
  EXPECT_TRUE(anyone->applications.empty());
  EXPECT_TRUE(anyone->offers.empty());

  const auto as_bob = topic_view(c.s, id, bob);
  ASSERT_TRUE(as_bob && as_bob->my_application);
  EXPECT_EQ(as_bob->my_application->contact, "bob@example.org");
  EXPECT_FALSE(as_bob->my_offer) << "Ana's offer is not Bob's";
  EXPECT_TRUE(as_bob->applications.empty());

  const auto as_ana = topic_view(c.s, id, ana);
  ASSERT_TRUE(as_ana && as_ana->my_offer);
  EXPECT_EQ(as_ana->my_offer->organisation, "Acme SA");
  EXPECT_FALSE(as_ana->my_application);

  const auto org = topic_view(c.s, id, organizer);
  ASSERT_TRUE(org);
  ASSERT_EQ(org->applications.size(), 1u);
  EXPECT_EQ(org->applications[0].by, "Bob");
  EXPECT_EQ(org->applications[0].motivation, "J'en parle chaque jour");
  EXPECT_EQ(org->applications[0].contact, "bob@example.org");
  EXPECT_EQ(org->applications[0].opinion_given, pc::opinion::essential);
  ASSERT_EQ(org->offers.size(), 1u);
  EXPECT_EQ(org->offers[0].contact, "+33 1 23 45 67 89");
  EXPECT_EQ(org->offers[0].message, "Nous finançons");
}

TEST(channel_records, a_contact_is_kept_beside_the_log_and_restored_by_its_ref) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto id = c.propose(ana, "A");
  c.run(ana, pc::apply_to_speak{id, "Je sais", "ana@example.org"});
  c.run(ana, pc::offer_sponsorship{id, "Acme", "", "+33 6 00 00 00 00"});
  std::vector<contact_row> beside;
  state folded;
  for (const auto& r : c.log) {
    EXPECT_EQ(r.body.find("example.org"), std::string::npos) << r.type << " holds a contact in its body";
    EXPECT_EQ(r.body.find("+33"), std::string::npos) << r.type;
    EXPECT_EQ(r.body.find("\"Ana\""), std::string::npos) << r.type << " holds a name given in its body";
    beside.insert(beside.end(), r.contacts.begin(), r.contacts.end());
    evolve(folded, read_record(r));
  }
  ASSERT_EQ(beside.size(), 3u);
  EXPECT_EQ(beside[0].ref, 1u);
  EXPECT_EQ(beside[0].text, "Ana");
  EXPECT_EQ(beside[1].ref, 2u);
  EXPECT_EQ(beside[2].text, "+33 6 00 00 00 00");
  EXPECT_EQ(topic_view(folded, id, organizer)->applications.at(0).contact, "") << "not restored yet";
  auto without_name = folded;
  restore_contacts(folded, {beside[0], beside[1]});  // the third one erased
  const auto org = topic_view(folded, id, organizer);
  EXPECT_EQ(org->applications.at(0).contact, "ana@example.org");
  EXPECT_EQ(org->applications.at(0).by, "Ana");
  EXPECT_EQ(org->applications.at(0).motivation, "Je sais");
  EXPECT_EQ(org->offers.at(0).contact, "");
  EXPECT_EQ(org->offers.at(0).organisation, "Acme");
  restore_contacts(without_name, {beside[1]});
  EXPECT_EQ(topic_view(without_name, id, organizer)->applications.at(0).by, "Visiteur 1") << "a name whose row is gone";
}

TEST(channel_shows, an_accepted_topic_is_scheduled_moved_and_given_one_debate) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto id = c.propose(ana, "A");
  const pc::schedule_topic when{id, 1'800'000'000'000, "Europe/Paris", "Studio 3"};
  EXPECT_EQ(rejected(c.decide(organizer, when)), error_code::topic_not_accepted);
  EXPECT_EQ(rejected(c.decide(organizer, attach_debate{id, "d1", "ABC123"})), error_code::topic_not_accepted);
  c.run(organizer, pc::answer_topic{id, pc::answer_kind::accept, "", 0});
  EXPECT_EQ(rejected(c.decide(ana, when)), error_code::forbidden);
  EXPECT_EQ(rejected(c.decide(ana, attach_debate{id, "d1", "ABC123"})), error_code::forbidden);
  c.run(organizer, when);
  EXPECT_EQ(c.s.topics[0].status, pc::topic_status::scheduled);
  EXPECT_TRUE(std::get<std::vector<event_body>>(c.decide(organizer, when)).empty()) << "the same schedule again";
  c.run(organizer, pc::schedule_topic{id, 1'800'000'600'000, "Europe/Paris", ""});
  c.run(organizer, attach_debate{id, "d1", "ABC123"});
  EXPECT_EQ(rejected(c.decide(organizer, attach_debate{id, "d2", "DEF456"})), error_code::topic_has_debate);
  const auto summary = channel_view(c.s).topics.at(0);
  EXPECT_EQ(summary.status, pc::topic_status::scheduled);
  EXPECT_EQ(summary.starts_at, 1'800'000'600'000);
  EXPECT_EQ(summary.place, "") << "moved online";
  EXPECT_EQ(summary.debate_code, "ABC123");
  state folded;
  for (const auto& r : c.log) evolve(folded, read_record(r));
  EXPECT_EQ(folded.topics[0].debate, "d1");
  EXPECT_EQ(folded.topics[0].schedule.time_zone, "Europe/Paris");
  const auto other = c.propose(ana, "B");
  c.run(organizer, pc::answer_topic{other, pc::answer_kind::decline, "Non", 0});
  EXPECT_EQ(rejected(c.decide(organizer, pc::schedule_topic{other, 1'800'000'000'000, "UTC", ""})),
            error_code::topic_closed);
}

TEST(channel_casting, the_organizer_casts_an_applicant_once_the_topic_has_its_debate) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto bob = c.visitor("Bob");
  const auto id = c.propose(ana, "A");
  c.run(bob, pc::apply_to_speak{id, "Je sais", "bob@example.org"});
  const pc::cast_applicant ask{id, bob.identity, protocol::panel_role::panelist, protocol::side::against_motion};
  c.run(organizer, pc::answer_topic{id, pc::answer_kind::accept, "", 0});
  EXPECT_EQ(rejected(c.decide(organizer, cast{ask, 0})), error_code::no_debate_yet);
  c.run(organizer, attach_debate{id, "d1", "ABC123"});
  EXPECT_EQ(rejected(c.decide(bob, cast{ask, 0})), error_code::forbidden);
  EXPECT_EQ(rejected(c.decide(organizer, cast{pc::cast_applicant{id, ana.identity, {}, {}}, 0})),
            error_code::unknown_applicant)
      << "Ana did not apply";
  c.run(organizer, cast{ask, 3});
  EXPECT_EQ(rejected(c.decide(organizer, cast{ask, 0})), error_code::already_cast);
  c.run(bob, pc::apply_to_speak{id, "Je sais encore mieux", "bob@example.org"});
  const auto org = topic_view(c.s, id, organizer);
  ASSERT_TRUE(org && org->applications.size() == 1);
  ASSERT_TRUE(org->applications[0].cast) << "a new motivation keeps the casting";
  EXPECT_EQ(org->applications[0].cast->panelist, 3u);
  EXPECT_EQ(org->applications[0].cast->stance, protocol::side::against_motion);
  EXPECT_EQ(org->applications[0].applicant, bob.identity);
  EXPECT_TRUE(topic_view(c.s, id, bob)->my_application->cast) << "the applicant learns they are cast";
}

TEST(channel_sponsors, the_organizer_attaches_an_offered_sponsor_whose_label_is_public_until_detached) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto acme = c.visitor("Acme");
  const auto id = c.propose(ana, "A");
  EXPECT_EQ(rejected(c.decide(organizer, pc::accept_sponsor{id, acme.identity})), error_code::unknown_sponsor);
  c.run(acme, pc::offer_sponsorship{id, "Acme SA", "", "acme@example.org"});
  EXPECT_EQ(rejected(c.decide(acme, pc::accept_sponsor{id, acme.identity})), error_code::forbidden)
      << "a sponsor never attaches itself";
  EXPECT_EQ(topic_view(c.s, id, who{})->summary.sponsor, "");
  c.run(organizer, pc::accept_sponsor{id, acme.identity});
  EXPECT_EQ(topic_view(c.s, id, who{})->summary.sponsor, "Acme SA");
  EXPECT_EQ(channel_view(c.s).topics.at(0).sponsor, "Acme SA");
  EXPECT_TRUE(std::get<std::vector<event_body>>(c.decide(organizer, pc::accept_sponsor{id, acme.identity})).empty());
  EXPECT_EQ(rejected(c.decide(acme, pc::accept_sponsor{id, 0})), error_code::forbidden)
      << "nor detaches itself: the label stays while it is attached";
  c.run(organizer, pc::accept_sponsor{id, 0});
  EXPECT_EQ(topic_view(c.s, id, who{})->summary.sponsor, "");
  EXPECT_TRUE(std::get<std::vector<event_body>>(c.decide(organizer, pc::accept_sponsor{id, 0})).empty());
}

}  // namespace
}  // namespace tribune::engine::channel

namespace tribune::engine::channel {
namespace {

TEST(channel_moderation, a_hidden_proposal_keeps_its_place_and_every_moderation_is_logged) {
  auto c = open_channel();
  const auto ana = c.visitor("Ana");
  const auto t1 = c.propose(ana, "Un titre injurieux");
  const auto t2 = c.propose(ana, "Hors ligne");
  EXPECT_EQ(rejected(c.decide(ana, pc::hide_topic{t1, "Propos injurieux"})), error_code::forbidden);
  c.run(organizer, pc::hide_topic{t1, "Propos injurieux"});
  EXPECT_TRUE(c.run(organizer, pc::hide_topic{t1, "Encore"}).empty()) << "hidden once";
  c.run(organizer, pc::answer_topic{t2, pc::answer_kind::decline, "Hors sujet", 0});
  const auto pub = channel_view(c.s);
  ASSERT_EQ(pub.topics.size(), 2U);
  EXPECT_EQ(pub.topics[1].title, "");
  EXPECT_EQ(pub.topics[1].hidden, "Propos injurieux");
  ASSERT_EQ(pub.moderation.size(), 2U);
  EXPECT_EQ(pub.moderation[0].action, pc::channel_action::topic_declined);
  EXPECT_EQ(pub.moderation[1].action, pc::channel_action::topic_hidden);
  EXPECT_EQ(topic_view(c.s, t1, who{})->pitch, "");
  EXPECT_EQ(topic_view(c.s, t1, organizer)->summary.title, "Un titre injurieux");
  pc::channel_query q;
  q.words = protocol::search_words("injurieux");
  EXPECT_EQ(channel_view(c.s, q).total, 0U);
}

}  // namespace
}  // namespace tribune::engine::channel
