// A brand's channel before the show, over real sockets: a visitor proposes and gives an opinion,
// the organizer answers in public; everything acknowledged survives a crash; every refusal has its
// code and changes nothing; private text never reaches a public view.
#include <gtest/gtest.h>

#include "channel_fixture.hpp"

namespace tribune::testing {
namespace {

TEST_F(channel_api, a_proposal_an_opinion_and_a_public_answer_survive_a_crash) {
  const auto ana = visitor("Ana");
  const auto bob = visitor("Bob");
  const auto proposed = as(ana, "POST", "/topics", proposal("Le télétravail"));
  ASSERT_EQ(proposed.status, 201) << proposed.raw;
  EXPECT_EQ(proposed.body["id"], "t1");
  EXPECT_EQ(proposed.body["status"], "proposed");
  EXPECT_EQ(proposed.body["proposed_by"], "Ana");

  const auto opinion =
      as(bob, "PUT", "/topics/t1/opinion", json{{"opinion", "essential"}, {"feedback", "Bob's secret"}});
  ASSERT_EQ(opinion.status, 200) << opinion.raw;
  EXPECT_EQ(opinion.body["mine"]["opinion"], "essential");
  EXPECT_EQ(opinion.body["opinions"]["essential"], 1);

  auto page = http_request(server_.port(), "GET", path());
  ASSERT_EQ(page.status, 200) << page.raw;
  EXPECT_EQ(page.body["awaiting_answer"], 1);
  EXPECT_TRUE(page.body.contains("oldest_awaiting_since"));

  const auto answered = organizer("POST", path("/topics/t1/answer"), json{{"answer", "accept"}, {"text", "Bienvenue"}});
  ASSERT_EQ(answered.status, 200) << answered.raw;
  EXPECT_EQ(answered.body["status"], "accepted");
  ASSERT_EQ(answered.body["feedback"].size(), 1u) << "the organizer reads the feedback";

  server_.kill_hard();
  server_.start();
  page = http_request(server_.port(), "GET", path());
  ASSERT_EQ(page.status, 200) << page.raw;
  EXPECT_EQ(page.body["name"], "Acme TV");
  EXPECT_EQ(page.body["awaiting_answer"], 0);
  ASSERT_EQ(page.body["topics"].size(), 1u);
  EXPECT_EQ(page.body["topics"][0]["status"], "accepted");
  EXPECT_EQ(page.body["topics"][0]["opinions"]["essential"], 1);
  const auto topic = as(bob, "GET", "/topics/t1");
  ASSERT_EQ(topic.status, 200) << topic.raw;
  EXPECT_EQ(topic.body["answer"], "Bienvenue");
  EXPECT_EQ(topic.body["mine"]["feedback"], "Bob's secret") << "the token still proves Bob after the restart";
}

TEST_F(channel_api, no_feedback_or_credential_reaches_a_public_view) {
  const auto ana = visitor("Ana");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Sujet")).status, 201);
  ASSERT_EQ(
      as(ana, "PUT", "/topics/t1/opinion", json{{"opinion", "interesting"}, {"feedback", "PRIVATE-FEEDBACK"}}).status,
      200);
  const auto selector = ana.substr(0, ana.find('.'));
  for (const auto& reply :
       {http_request(server_.port(), "GET", path()), http_request(server_.port(), "GET", path("/topics/t1")),
        as(visitor("Eve"), "GET", "/topics/t1")}) {
    ASSERT_EQ(reply.status, 200) << reply.raw;
    EXPECT_EQ(reply.raw.find("PRIVATE-FEEDBACK"), std::string::npos) << reply.raw;
    EXPECT_EQ(reply.raw.find(selector), std::string::npos) << reply.raw;
  }
}

TEST_F(channel_api, only_the_organizer_answers_and_only_visitors_propose_or_give_opinions) {
  const auto ana = visitor("Ana");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Sujet")).status, 201);
  const auto before = http_request(server_.port(), "GET", path());

  EXPECT_EQ(as(ana, "POST", "/topics/t1/answer", json{{"answer", "accept"}}).status, 401);
  EXPECT_EQ(as("", "POST", "/topics/t1/answer", json{{"answer", "accept"}}).status, 401);
  EXPECT_EQ(http_request(server_.port(), "POST", "/api/channels", json{{"name", "X"}}, ana).status, 401);
  const auto anonymous = as("", "POST", "/topics", proposal("Anonyme"));
  EXPECT_EQ(anonymous.status, 403);
  EXPECT_EQ(anonymous.body["error"]["code"], "forbidden");
  EXPECT_EQ(as(ana + "x", "POST", "/topics", proposal("Faux jeton")).status, 403) << "a token that proves nothing";
  EXPECT_EQ(organizer("POST", path("/topics"), proposal("Organisateur")).status, 403);
  EXPECT_EQ(organizer("PUT", path("/topics/t1/opinion"), json{{"opinion", "essential"}}).status, 403);

  const auto after = http_request(server_.port(), "GET", path());
  EXPECT_EQ(after.body, before.body) << "nothing changed";
}

TEST_F(channel_api, bad_input_gets_its_code_and_stores_nothing) {
  const auto ana = visitor("Ana");
  const auto before = http_request(server_.port(), "GET", path());
  const auto unknown_category =
      as(ana, "POST", "/topics", json{{"title", "T"}, {"pitch", "P"}, {"category", "Cuisine"}});
  EXPECT_EQ(unknown_category.status, 400);
  EXPECT_EQ(unknown_category.body["error"]["code"], "unknown_category");
  auto too_long = proposal("T");
  too_long["title"] = std::string(141, 'x');
  EXPECT_EQ(as(ana, "POST", "/topics", too_long).body["error"]["code"], "text_too_long");
  auto control = proposal("T");
  control["title"] = "A\u0001B";
  EXPECT_EQ(as(ana, "POST", "/topics", control).body["error"]["code"], "invalid_field");
  auto wrong_type = proposal("T");
  wrong_type["pitch"] = 42;
  EXPECT_EQ(as(ana, "POST", "/topics", wrong_type).body["error"]["code"], "invalid_field");
  json huge = proposal("T");
  huge["pitch"] = std::string(100 * 1024, 'x');
  EXPECT_EQ(as(ana, "POST", "/topics", huge).status, 413);
  EXPECT_EQ(as(ana, "PUT", "/topics/t9/opinion", json{{"opinion", "essential"}}).body["error"]["code"],
            "unknown_topic");
  EXPECT_EQ(as(ana, "PUT", "/topics/t1/opinion", json{{"opinion", "essential"}}).status, 404);
  EXPECT_EQ(as(ana, "GET", "/topics/zz").status, 404);
  EXPECT_EQ(as(ana, "DELETE", "").status, 401) << "only the organizer deletes a channel";
  EXPECT_EQ(http_request(server_.port(), "GET", "/api/channels/nosuchchannel").status, 404);
  EXPECT_EQ(organizer("POST", "/api/channels", json{{"name", ""}}).body["error"]["code"], "empty_text");
  const auto after = http_request(server_.port(), "GET", path());
  EXPECT_EQ(after.body, before.body) << "nothing partial was stored";
}

TEST_F(channel_api, a_proposal_is_answered_once_and_a_merge_names_an_open_topic) {
  const auto ana = visitor("Ana");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("A")).status, 201);
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("B")).status, 201);
  const auto merged =
      organizer("POST", path("/topics/t2/answer"), json{{"answer", "merge"}, {"text", "Doublon"}, {"into", "t1"}});
  ASSERT_EQ(merged.status, 200) << merged.raw;
  EXPECT_EQ(merged.body["merged_into"], "t1");
  const auto again = organizer("POST", path("/topics/t2/answer"), json{{"answer", "accept"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.body["error"]["code"], "topic_answered");
  EXPECT_EQ(as(ana, "PUT", "/topics/t2/opinion", json{{"opinion", "essential"}}).body["error"]["code"], "topic_closed");
  EXPECT_EQ(organizer("POST", path("/topics/t1/answer"), json{{"answer", "decline"}}).body["error"]["code"],
            "empty_text")
      << "a decline says why";
}

TEST_F(channel_api, comments_and_replies_are_public_and_a_hidden_one_keeps_its_reason) {
  const auto ana = visitor("Ana");
  const auto bob = visitor("Bob");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Sujet")).status, 201);
  const auto first = as(ana, "POST", "/topics/t1/comments", json{{"text", "Bonne idée"}});
  ASSERT_EQ(first.status, 201) << first.raw;
  ASSERT_EQ(first.body["comments"].size(), 1u);
  EXPECT_EQ(first.body["comments"][0]["id"], "c1");
  const auto reply = as(bob, "POST", "/topics/t1/comments", json{{"text", "PROPOS-BLESSANTS"}, {"reply_to", "c1"}});
  ASSERT_EQ(reply.status, 201) << reply.raw;
  EXPECT_EQ(reply.body["comments"][1]["reply_to"], "c1");
  EXPECT_EQ(as(bob, "POST", "/topics/t1/comments/c2/hide", json{{"reason", "x"}}).status, 401);
  const auto hidden = organizer("POST", path("/topics/t1/comments/c2/hide"), json{{"reason", "Propos insultants"}});
  ASSERT_EQ(hidden.status, 200) << hidden.raw;
  EXPECT_EQ(hidden.body["comments"][1]["text"], "PROPOS-BLESSANTS") << "the organizer still reads it";
  const auto seen = http_request(server_.port(), "GET", path("/topics/t1"));
  ASSERT_EQ(seen.body["comments"].size(), 2u) << "nothing removed silently";
  EXPECT_EQ(seen.body["comments"][1]["hidden"], "Propos insultants");
  EXPECT_EQ(seen.body["comments"][1]["by"], "Bob");
  EXPECT_EQ(seen.raw.find("PROPOS-BLESSANTS"), std::string::npos);
  EXPECT_EQ(organizer("POST", path("/topics/t1/comments/c9/hide"), json{{"reason", "x"}}).status, 404);
  EXPECT_EQ(as(bob, "POST", "/topics/t1/comments", json{{"text", "x"}, {"reply_to", "c2"}}).body["error"]["code"],
            "invalid_field")
      << "one level of replies";
}

TEST_F(channel_api, a_flood_of_proposals_from_one_address_is_refused_whatever_the_identity) {
  std::size_t accepted = 0;
  json refused;
  for (int v = 0; v < 5 && refused.is_null(); ++v) {
    const auto token = visitor("V" + std::to_string(v));
    for (int i = 0; i < 3 && refused.is_null(); ++i) {
      const auto reply = as(token, "POST", "/topics", proposal("Sujet " + std::to_string(v) + "-" + std::to_string(i)));
      if (reply.status == 201) {
        ++accepted;
      } else {
        EXPECT_EQ(reply.status, 429) << reply.raw;
        refused = reply.body;
      }
    }
  }
  EXPECT_EQ(refused["error"]["code"], "rate_limited");
  EXPECT_GE(accepted, 10u) << "a bucket of ten, and a few more refilled while the test ran";
  EXPECT_LT(accepted, 15u);
  const auto page = http_request(server_.port(), "GET", path());
  EXPECT_EQ(page.body["topics"].size(), accepted) << "a refused proposal left nothing";
}

TEST_F(channel_api, applications_and_sponsor_offers_reach_the_organizer_with_their_contacts_after_a_crash) {
  const auto ana = visitor("Ana");
  const auto bob = visitor("Bob");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Le télétravail")).status, 201);
  const auto applied = as(bob, "PUT", "/topics/t1/application", application("Je manage à distance", "bob@example.org"));
  ASSERT_EQ(applied.status, 200) << applied.raw;
  EXPECT_EQ(applied.body["applicants"], 1);
  EXPECT_EQ(applied.body["my_application"]["contact"], "bob@example.org");
  EXPECT_FALSE(applied.body.contains("applications")) << "a visitor reads their own application only";
  const auto offered = as(ana, "PUT", "/topics/t1/sponsor-offer",
                          json{{"organisation", "Acme SA"}, {"contact", "+33 6 11 22 33 44"}, {"consent", true}});
  ASSERT_EQ(offered.status, 200) << offered.raw;
  EXPECT_EQ(offered.body["my_offer"]["organisation"], "Acme SA");
  EXPECT_FALSE(offered.body.contains("my_application"));

  server_.kill_hard();
  server_.start();
  const auto org = organizer("GET", path("/topics/t1"));
  ASSERT_EQ(org.status, 200) << org.raw;
  ASSERT_EQ(org.body["applications"].size(), 1u) << org.raw;
  EXPECT_EQ(org.body["applications"][0]["by"], "Bob");
  EXPECT_EQ(org.body["applications"][0]["motivation"], "Je manage à distance");
  EXPECT_EQ(org.body["applications"][0]["contact"], "bob@example.org") << "the contact kept beside the log came back";
  ASSERT_EQ(org.body["sponsor_offers"].size(), 1u);
  EXPECT_EQ(org.body["sponsor_offers"][0]["contact"], "+33 6 11 22 33 44");

  const auto again = as(bob, "PUT", "/topics/t1/application", application("Autre motivation", "bob@example.org"));
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body["applicants"], 1) << "sending it again replaces it";
  EXPECT_EQ(again.body["my_application"]["motivation"], "Autre motivation");
}

TEST_F(channel_api, no_contact_or_motivation_reaches_a_public_view_and_a_sponsor_gains_no_power) {
  const auto ana = visitor("Ana");
  const auto sponsor = visitor("Acme");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Sujet")).status, 201);
  ASSERT_EQ(as(ana, "PUT", "/topics/t1/application", application("SECRET-MOTIVATION", "secret@example.org")).status,
            200);
  ASSERT_EQ(
      as(sponsor, "PUT", "/topics/t1/sponsor-offer",
         json{
             {"organisation", "Acme"}, {"message", "SECRET-OFFER"}, {"contact", "acme@example.org"}, {"consent", true}})
          .status,
      200);
  for (const auto& reply :
       {http_request(server_.port(), "GET", path()), http_request(server_.port(), "GET", path("/topics/t1")),
        as(visitor("Eve"), "GET", "/topics/t1"), as(sponsor, "GET", "/topics/t1"), as(ana, "GET", "")}) {
    ASSERT_EQ(reply.status, 200) << reply.raw;
    for (const auto* secret : {"SECRET-MOTIVATION", "secret@example.org"}) {
      EXPECT_EQ(reply.raw.find(secret), std::string::npos) << secret << " in " << reply.raw;
    }
  }
  const auto eve_view = as(visitor("Eve2"), "GET", "/topics/t1");
  EXPECT_EQ(eve_view.raw.find("SECRET-OFFER"), std::string::npos);
  EXPECT_EQ(eve_view.raw.find("acme@example.org"), std::string::npos);

  // A sponsor is a visitor like any other: every organizer action is refused, and changes nothing.
  const auto before = organizer("GET", path("/topics/t1"));
  EXPECT_EQ(as(sponsor, "POST", "/topics/t1/answer", json{{"answer", "accept"}}).status, 401);
  EXPECT_EQ(as(sponsor, "POST", "/topics/t1/comments/c1/hide", json{{"reason", "x"}}).status, 401);
  EXPECT_EQ(http_request(server_.port(), "POST", "/api/channels", json{{"name", "X"}}, sponsor).status, 401);
  EXPECT_EQ(organizer("GET", path("/topics/t1")).body, before.body) << "nothing changed";
}

TEST_F(channel_api, an_application_without_consent_or_contact_is_refused_and_stores_nothing) {
  const auto ana = visitor("Ana");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Sujet")).status, 201);
  const auto before = organizer("GET", path("/topics/t1"));
  const auto no_consent =
      as(ana, "PUT", "/topics/t1/application", json{{"motivation", "m"}, {"contact", "a@b.c"}, {"consent", false}});
  EXPECT_EQ(no_consent.status, 400);
  EXPECT_EQ(no_consent.body["error"]["code"], "invalid_field");
  EXPECT_NE(no_consent.body["error"]["detail"].get<std::string>().find("consent"), std::string::npos);
  EXPECT_EQ(as(ana, "PUT", "/topics/t1/application", json{{"motivation", "m"}, {"consent", true}}).status, 400);
  EXPECT_EQ(
      as(ana, "PUT", "/topics/t1/application", application(std::string(1001, 'x'), "a@b.c")).body["error"]["code"],
      "text_too_long");
  EXPECT_EQ(as(ana, "PUT", "/topics/t9/application", application("m", "a@b.c")).body["error"]["code"], "unknown_topic");
  EXPECT_EQ(as("", "PUT", "/topics/t1/application", application("m", "a@b.c")).status, 403);
  EXPECT_EQ(as(ana, "POST", "/topics/t1/application", application("m", "a@b.c")).status, 405);
  EXPECT_EQ(as(ana, "PUT", "/topics/t1/sponsor-offer", json{{"contact", "a@b.c"}, {"consent", true}}).status, 400);
  EXPECT_EQ(organizer("GET", path("/topics/t1")).body, before.body) << "nothing changed";
}

TEST_F(channel_api, an_accepted_topic_is_scheduled_and_becomes_its_debate_in_the_channels_colours) {
  const auto branded =
      organizer("POST", "/api/channels", json{{"name", "Marque TV"}, {"accent", "#aa3300"}, {"categories", {"RH"}}});
  ASSERT_EQ(branded.status, 201) << branded.raw;
  id_ = branded.body["id"];
  const auto ana = visitor("Ana");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("La semaine de quatre jours")).status, 201);
  const json when = {{"starts_at", 1800000000000}, {"time_zone", "Europe/Paris"}, {"place", "Studio 3"}};
  const auto early = organizer("POST", path("/topics/t1/schedule"), when);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.body["error"]["code"], "topic_not_accepted");
  EXPECT_EQ(organizer("POST", path("/topics/t1/debate")).body["error"]["code"], "topic_not_accepted");
  ASSERT_EQ(organizer("POST", path("/topics/t1/answer"), json{{"answer", "accept"}}).status, 200);

  EXPECT_EQ(as(ana, "POST", "/topics/t1/schedule", when).status, 401);
  EXPECT_EQ(as(ana, "POST", "/topics/t1/debate").status, 401);
  EXPECT_EQ(organizer("POST", path("/topics/t1/schedule"), json{{"starts_at", 1800000000000}, {"time_zone", "Paris!"}})
                .body["error"]["code"],
            "invalid_field");
  const auto scheduled = organizer("POST", path("/topics/t1/schedule"), when);
  ASSERT_EQ(scheduled.status, 200) << scheduled.raw;
  EXPECT_EQ(scheduled.body["status"], "scheduled");
  EXPECT_EQ(scheduled.body["schedule"]["place"], "Studio 3");

  const auto made = organizer("POST", path("/topics/t1/debate"));
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string debate = made.body["id"];
  const std::string code = made.body["code"];
  EXPECT_EQ(made.body["title"], "La semaine de quatre jours");
  EXPECT_EQ(made.body["motion"], "La semaine de quatre jours") << "an Oxford debate votes on the topic";
  EXPECT_TRUE(made.body.contains("links"));
  const auto again = organizer("POST", path("/topics/t1/debate"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.body["error"]["code"], "topic_has_debate");

  server_.kill_hard();
  server_.start();
  const auto topic = http_request(server_.port(), "GET", path("/topics/t1"));
  ASSERT_EQ(topic.status, 200) << topic.raw;
  EXPECT_EQ(topic.body["debate_code"], code);
  EXPECT_EQ(topic.body["schedule"]["starts_at"], 1800000000000);
  EXPECT_EQ(topic.body["schedule"]["time_zone"], "Europe/Paris");
  const auto page = http_request(server_.port(), "GET", path());
  EXPECT_EQ(page.body["topics"][0]["debate_code"], code);
  const auto detail = organizer("GET", "/api/debates/" + debate);
  ASSERT_EQ(detail.status, 200) << detail.raw;
  EXPECT_EQ(detail.body["brand"]["accent"], "#aa3300") << detail.raw;
  EXPECT_EQ(detail.body["format"], "oxford") << "the topic's desired format";
  EXPECT_EQ(organizer("GET", "/api/debates").body["debates"].size(), 1u) << "one debate, however often it was asked";
}

TEST_F(channel_api, the_organizer_casts_an_applicant_who_becomes_a_panelist_of_the_topics_debate) {
  const auto ana = visitor("Ana");
  const auto bob = visitor("Bob");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Le travail hybride")).status, 201);
  const auto applied = as(bob, "PUT", "/topics/t1/application", application("Je dirige une équipe", "bob@example.org"));
  ASSERT_EQ(applied.status, 200) << applied.raw;
  const std::string applicant = applied.body["my_application"]["applicant"];
  const json ask = {{"applicant", applicant}, {"role", "panelist"}, {"side", "for"}};
  ASSERT_EQ(organizer("POST", path("/topics/t1/answer"), json{{"answer", "accept"}}).status, 200);
  const auto early = organizer("POST", path("/topics/t1/cast"), ask);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.body["error"]["code"], "no_debate_yet");
  const auto made = organizer("POST", path("/topics/t1/debate"));
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string debate = made.body["id"];

  EXPECT_EQ(as(bob, "POST", "/topics/t1/cast", ask).status, 401) << "an applicant does not cast themself";
  const auto stranger = organizer("POST", path("/topics/t1/cast"), json{{"applicant", "i1"}});
  EXPECT_EQ(stranger.status, 404);
  EXPECT_EQ(stranger.body["error"]["code"], "unknown_applicant");
  EXPECT_EQ(organizer("POST", path("/topics/t1/cast"), json{{"applicant", "Bob"}}).body["error"]["code"],
            "invalid_field");

  const auto cast = organizer("POST", path("/topics/t1/cast"), ask);
  ASSERT_EQ(cast.status, 201) << cast.raw;
  EXPECT_EQ(cast.body["name"], "Bob");
  EXPECT_EQ(cast.body["side"], "for");
  EXPECT_NE(cast.body["link"].get<std::string>().find("/panelist#debate=" + debate), std::string::npos);
  EXPECT_EQ(organizer("POST", path("/topics/t1/cast"), ask).body["error"]["code"], "already_cast");

  server_.kill_hard();
  server_.start();
  const auto org = organizer("GET", path("/topics/t1"));
  ASSERT_EQ(org.status, 200) << org.raw;
  EXPECT_EQ(org.body["applications"][0]["cast"]["panelist"], cast.body["panelist"]);
  EXPECT_EQ(as(bob, "GET", "/topics/t1").body["my_application"]["cast"]["side"], "for");
  const auto panel = organizer("GET", "/api/debates/" + debate + "/links");
  ASSERT_EQ(panel.status, 200) << panel.raw;
  EXPECT_NE(panel.raw.find("\"Bob\""), std::string::npos) << "Bob is on the debate's panel: " << panel.raw;
  EXPECT_EQ(http_request(server_.port(), "GET", path("/topics/t1")).raw.find("\"cast\""), std::string::npos)
      << "the public does not see the casting";
}

TEST_F(channel_api, an_accepted_sponsor_is_shown_as_brought_to_you_by_and_its_contact_stays_private) {
  const auto ana = visitor("Ana");
  const auto acme = visitor("Acme");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Le recrutement")).status, 201);
  const auto offered = as(acme, "PUT", "/topics/t1/sponsor-offer",
                          json{{"organisation", "Acme SA"}, {"contact", "acme@example.org"}, {"consent", true}});
  ASSERT_EQ(offered.status, 200) << offered.raw;
  const std::string sponsor = offered.body["my_offer"]["sponsor"];
  EXPECT_EQ(as(acme, "PUT", "/topics/t1/sponsor", json{{"sponsor", sponsor}}).status, 401);
  EXPECT_EQ(organizer("PUT", path("/topics/t1/sponsor"), json{{"sponsor", "i1"}}).body["error"]["code"],
            "unknown_sponsor");
  const auto accepted = organizer("PUT", path("/topics/t1/sponsor"), json{{"sponsor", sponsor}});
  ASSERT_EQ(accepted.status, 200) << accepted.raw;
  EXPECT_EQ(accepted.body["sponsor"], "Acme SA");

  server_.kill_hard();
  server_.start();
  const auto page = http_request(server_.port(), "GET", path());
  EXPECT_EQ(page.body["topics"][0]["sponsor"], "Acme SA");
  const auto topic = http_request(server_.port(), "GET", path("/topics/t1"));
  EXPECT_EQ(topic.body["sponsor"], "Acme SA");
  EXPECT_EQ(topic.raw.find("acme@example.org"), std::string::npos);
  const auto detached = organizer("PUT", path("/topics/t1/sponsor"), json{{"sponsor", nullptr}});
  ASSERT_EQ(detached.status, 200) << detached.raw;
  EXPECT_FALSE(detached.body.contains("sponsor"));
}

TEST_F(channel_api, a_call_sent_again_with_its_idempotency_key_is_applied_once_even_after_a_crash) {
  const auto ana = visitor("Ana");
  const auto bob = visitor("Bob");
  const auto send = [&](const std::string& token, const std::string& key, const json& body) {
    return http_request(server_.port(), "POST", path("/topics"), body, token, {{"Idempotency-Key", key}});
  };
  const auto first = send(ana, "k-42", proposal("Le sujet"));
  ASSERT_EQ(first.status, 201) << first.raw;
  const auto again = send(ana, "k-42", proposal("Le sujet"));
  ASSERT_EQ(again.status, 201) << again.raw;
  EXPECT_EQ(again.body["id"], "t1") << "the same topic, not a second one";
  const auto comment = [&](const std::string& key) {
    return http_request(server_.port(), "POST", path("/topics/t1/comments"), json{{"text", "Bien vu"}}, bob,
                        {{"Idempotency-Key", key}});
  };
  ASSERT_EQ(comment("c-1").status, 201);

  server_.kill_hard();
  server_.start();
  const auto retried = send(ana, "k-42", proposal("Le sujet"));
  ASSERT_EQ(retried.status, 201) << retried.raw;
  EXPECT_EQ(retried.body["id"], "t1") << "keys are stored with the events";
  ASSERT_EQ(comment("c-1").status, 201);
  EXPECT_EQ(http_request(server_.port(), "GET", path("/topics/t1")).body["comments"].size(), 1u);
  const auto other = send(bob, "k-42", proposal("Un autre sujet"));
  EXPECT_EQ(other.body["id"], "t2") << "keys are scoped to who sends them";

  const auto bad = send(ana, "not a key!", proposal("Refusé"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["error"]["code"], "invalid_field");
  EXPECT_EQ(send(ana, std::string(65, 'k'), proposal("Refusé")).status, 400);
  EXPECT_EQ(http_request(server_.port(), "GET", path()).body["topics"].size(), 2u) << "nothing else was stored";
}

// Everyone but the organizer: a proposer, an applicant, a sponsor, a cast panelist (with their
// panelist token), an audience member of the topic's debate, and nobody at all. Each tries every
// organizer action on the channel and its topics: refused, and nothing changed.
TEST_F(channel_api, every_organizer_action_is_refused_to_everyone_else_and_changes_nothing) {
  const auto ana = visitor("Ana");
  const auto bob = visitor("Bob");
  const auto acme = visitor("Acme");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Sujet")).status, 201);
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Autre sujet")).status, 201);
  ASSERT_EQ(as(bob, "POST", "/topics/t1/comments", json{{"text", "Un avis"}}).status, 201);
  const auto applied = as(bob, "PUT", "/topics/t1/application", application("Motivé", "bob@example.org"));
  const auto offered = as(acme, "PUT", "/topics/t1/sponsor-offer",
                          json{{"organisation", "Acme SA"}, {"contact", "acme@example.org"}, {"consent", true}});
  ASSERT_EQ(organizer("POST", path("/topics/t1/answer"), json{{"answer", "accept"}}).status, 200);
  const auto made = organizer("POST", path("/topics/t1/debate"));
  ASSERT_EQ(made.status, 201) << made.raw;
  const auto cast = organizer("POST", path("/topics/t1/cast"),
                              json{{"applicant", applied.body["my_application"]["applicant"]}, {"side", "for"}});
  ASSERT_EQ(cast.status, 201) << cast.raw;
  const auto audience = join(server_, made.body["id"], "Zoé");

  const std::vector<std::pair<std::string, std::string>> everyone = {{"proposer", ana},
                                                                     {"applicant", bob},
                                                                     {"sponsor", acme},
                                                                     {"panelist", cast.body["token"]},
                                                                     {"audience", audience.token},
                                                                     {"nobody", ""}};
  struct action {
    std::string method;
    std::string target;
    json body;
  };
  const std::vector<action> actions = {
      {"POST", "/api/channels", json{{"name", "Pirate TV"}}},
      {"POST", path("/topics/t2/answer"), json{{"answer", "decline"}, {"text", "Non"}}},
      {"POST", path("/topics/t1/comments/c1/hide"), json{{"reason", "Hors sujet"}}},
      {"POST", path("/topics/t1/schedule"), json{{"starts_at", 1800000000000}, {"time_zone", "UTC"}}},
      {"POST", path("/topics/t1/debate"), json::object()},
      {"POST", path("/topics/t1/cast"), json{{"applicant", "i2"}}},
      {"PUT", path("/topics/t1/sponsor"), json{{"sponsor", offered.body["my_offer"]["sponsor"]}}},
      {"PUT", path("/topics/t1/preparation"), json{{"notes", "Pirate"}}},
      {"POST", path("/topics/t2/hide"), json{{"reason", "Pirate"}}},
  };
  const auto before_channel = organizer("GET", path());
  const auto before_t1 = organizer("GET", path("/topics/t1"));
  const auto before_t2 = organizer("GET", path("/topics/t2"));
  for (const auto& [who, token] : everyone) {
    for (const auto& act : actions) {
      const auto reply = http_request(server_.port(), act.method, act.target, act.body, token);
      EXPECT_EQ(reply.status, 401) << who << " " << act.method << " " << act.target << ": " << reply.raw;
      EXPECT_EQ(reply.body["error"]["code"], "unauthorized") << who << " " << act.target;
    }
  }
  EXPECT_EQ(organizer("GET", path()).body, before_channel.body) << "nothing changed";
  EXPECT_EQ(organizer("GET", path("/topics/t1")).body, before_t1.body);
  EXPECT_EQ(organizer("GET", path("/topics/t2")).body, before_t2.body);
  EXPECT_EQ(organizer("GET", "/api/debates").body["debates"].size(), 1u) << "no debate was made";
}

TEST_F(channel_api, the_sponsors_label_follows_the_topic_onto_its_debate_and_settings_cannot_hide_it) {
  const auto ana = visitor("Ana");
  const auto acme = visitor("Acme");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Le recrutement")).status, 201);
  const auto offered = as(acme, "PUT", "/topics/t1/sponsor-offer",
                          json{{"organisation", "Acme SA"}, {"contact", "acme@example.org"}, {"consent", true}});
  const json sponsor = {{"sponsor", offered.body["my_offer"]["sponsor"]}};
  ASSERT_EQ(organizer("PUT", path("/topics/t1/sponsor"), sponsor).status, 200);
  ASSERT_EQ(organizer("POST", path("/topics/t1/answer"), json{{"answer", "accept"}}).status, 200);
  const auto made = organizer("POST", path("/topics/t1/debate"));
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string debate = "/api/debates/" + made.body["id"].get<std::string>();
  const std::string by_code = "/api/join/" + made.body["code"].get<std::string>();
  EXPECT_EQ(http_request(server_.port(), "GET", debate).body["brand"]["sponsor"], "Acme SA") << "made with its label";

  const auto put = organizer("PUT", debate + "/settings", json{{"accent", "#112233"}, {"sponsor", "Autre"}});
  ASSERT_EQ(put.status, 200) << put.raw;
  const auto read = http_request(server_.port(), "GET", by_code);
  EXPECT_EQ(read.body["brand"]["sponsor"], "Acme SA") << "the settings neither replace nor hide it";
  EXPECT_EQ(read.body["brand"]["accent"], "#112233");

  ASSERT_EQ(organizer("PUT", path("/topics/t1/sponsor"), json{{"sponsor", nullptr}}).status, 200);
  EXPECT_FALSE(http_request(server_.port(), "GET", debate).body["brand"].contains("sponsor")) << "detached";
  ASSERT_EQ(organizer("PUT", path("/topics/t1/sponsor"), sponsor).status, 200);
  server_.kill_hard();
  server_.start();
  EXPECT_EQ(http_request(server_.port(), "GET", debate).body["brand"]["sponsor"], "Acme SA") << "attached again";
}

}  // namespace
}  // namespace tribune::testing
