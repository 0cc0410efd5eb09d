// A topic's preparation over real sockets: the organizer writes notes and a questionnaire, the
// panelists of the topic's debate read them and answer with their panelist link, the moderators
// read every answer; nobody else reads anything, a panelist never reads another topic's notes, and
// everything acknowledged survives a crash.
#include <gtest/gtest.h>

#include "channel_fixture.hpp"

namespace tribune::testing {
namespace {

const json questionnaire = {{"notes", "Arrivez à 18 h 30. Secret: le plateau est au 2e étage."},
                            {"questions",
                             {{{"kind", "text"}, {"prompt", "Votre angle ?"}},
                              {{"kind", "choice"}, {"prompt", "Votre camp ?"}, {"choices", {"Pour", "Contre"}}},
                              {{"kind", "scale"}, {"prompt", "Votre certitude ?"}, {"top", 5}}}}};

class preparation_api : public channel_api {
 protected:
  // A topic, accepted, with its debate and an applicant cast on its panel; the panelist's token.
  struct cast_topic {
    std::string debate;
    std::string moderator;
    std::string panelist;
  };
  cast_topic topic_with_panelist(const std::string& topic, const std::string& title, const std::string& who) {
    EXPECT_EQ(as(visitor("Ana " + title), "POST", "/topics", proposal(title)).status, 201);
    const auto applied =
        as(visitor(who), "PUT", "/topics/" + topic + "/application", application("Motivé", who + "@x.org"));
    EXPECT_EQ(organizer("POST", path("/topics/" + topic + "/answer"), json{{"answer", "accept"}}).status, 200);
    const auto made = organizer("POST", path("/topics/" + topic + "/debate"));
    EXPECT_EQ(made.status, 201) << made.raw;
    const auto cast = organizer("POST", path("/topics/" + topic + "/cast"),
                                json{{"applicant", applied.body["my_application"]["applicant"]}});
    EXPECT_EQ(cast.status, 201) << cast.raw;
    return {made.body.value("id", ""), made.body["tokens"].value("moderator", ""), cast.body.value("token", "")};
  }
  http_reply on_debate(const std::string& token, const std::string& method, const std::string& debate,
                       const std::string& sub, const std::optional<json>& body = {}) {
    return http_request(server_.port(), method, "/api/debates/" + debate + "/preparation" + sub, body, token);
  }
};

TEST_F(preparation_api, the_panel_reads_the_notes_a_panelist_answers_and_the_moderators_read_every_answer) {
  const auto t1 = topic_with_panelist("t1", "Le travail hybride", "Bob");
  const auto put = organizer("PUT", path("/topics/t1/preparation"), questionnaire);
  ASSERT_EQ(put.status, 200) << put.raw;
  ASSERT_EQ(put.body["preparation"]["questions"].size(), 3U);
  EXPECT_EQ(put.body["preparation"]["questions"][2]["id"], 3);

  const auto read = on_debate(t1.panelist, "GET", t1.debate, "");
  ASSERT_EQ(read.status, 200) << read.raw;
  EXPECT_EQ(read.body["notes"], questionnaire["notes"]);
  EXPECT_EQ(read.body["title"], "Le travail hybride");
  EXPECT_TRUE(read.body["answers"].empty());

  const json answers = {{"answers",
                         {{{"question", 1}, {"value", "Le management"}},
                          {{"question", 2}, {"value", 0}},
                          {{"question", 3}, {"value", 4}}}}};
  const auto answered = on_debate(t1.panelist, "PUT", t1.debate, "/answers", answers);
  ASSERT_EQ(answered.status, 200) << answered.raw;
  ASSERT_EQ(answered.body["answers"].size(), 1U);
  EXPECT_EQ(answered.body["answers"][0]["name"], "Bob");
  EXPECT_EQ(answered.body["answers"][0]["answers"][2]["value"], 4);

  const auto wrong =
      on_debate(t1.panelist, "PUT", t1.debate, "/answers", json{{"answers", {{{"question", 2}, {"value", 2}}}}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.body["error"]["code"], "invalid_field");
  const auto moderators = on_debate(t1.moderator, "GET", t1.debate, "");
  ASSERT_EQ(moderators.status, 200) << moderators.raw;
  EXPECT_EQ(moderators.body["answers"][0]["answers"], answered.body["answers"][0]["answers"]) << "nothing changed";
  EXPECT_EQ(on_debate(t1.moderator, "PUT", t1.debate, "/answers", answers).status, 403);

  server_.kill_hard();
  server_.start();
  const auto again = on_debate(t1.panelist, "GET", t1.debate, "");
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body["answers"][0]["answers"], answered.body["answers"][0]["answers"]);
  const auto org = organizer("GET", path("/topics/t1"));
  EXPECT_EQ(org.body["preparation"]["answers"][0]["name"], "Bob") << "the organizer reads it on the topic";
}

TEST_F(preparation_api, nobody_else_reads_it_and_a_panelist_never_reads_another_topics_notes) {
  const auto t1 = topic_with_panelist("t1", "Le travail hybride", "Bob");
  const auto t2 = topic_with_panelist("t2", "La semaine de quatre jours", "Carl");
  ASSERT_EQ(organizer("PUT", path("/topics/t1/preparation"), questionnaire).status, 200);
  ASSERT_EQ(organizer("PUT", path("/topics/t2/preparation"), json{{"notes", "Notes de t2"}}).status, 200);
  ASSERT_EQ(on_debate(t1.panelist, "PUT", t1.debate, "/answers",
                      json{{"answers", {{{"question", 1}, {"value", "Réponse privée de Bob"}}}}})
                .status,
            200);
  const auto audience = join(server_, t1.debate, "Zoé");
  const std::string secret = "Secret: le plateau";
  for (const auto& [who, token] :
       std::vector<std::pair<std::string, std::string>>{{"other topic's panelist", t2.panelist},
                                                        {"other topic's moderators", t2.moderator},
                                                        {"audience", audience.token},
                                                        {"visitor", visitor("Eve")},
                                                        {"nobody", ""}}) {
    const auto read = on_debate(token, "GET", t1.debate, "");
    EXPECT_EQ(read.status, 401) << who << ": " << read.raw;
    EXPECT_EQ(read.raw.find(secret), std::string::npos) << who;
    const auto put = on_debate(token, "PUT", t1.debate, "/answers", json{{"answers", json::array()}});
    EXPECT_EQ(put.status, 401) << who << ": " << put.raw;
  }
  const auto carl = on_debate(t2.panelist, "GET", t2.debate, "");
  ASSERT_EQ(carl.status, 200) << carl.raw;
  EXPECT_EQ(carl.body["notes"], "Notes de t2");
  EXPECT_EQ(carl.raw.find(secret), std::string::npos) << "a panelist reads their own topic's notes only";
  for (const auto& target : {path(), path("/topics/t1"), std::string("/api/debates/") + t1.debate}) {
    const auto pub = http_request(server_.port(), "GET", target);
    ASSERT_EQ(pub.status, 200) << target;
    EXPECT_EQ(pub.raw.find(secret), std::string::npos) << target;
    EXPECT_EQ(pub.raw.find("Réponse privée"), std::string::npos) << target;
  }
  const auto plain = organizer("POST", "/api/debates", json{{"title", "Sans chaîne"}});
  ASSERT_EQ(plain.status, 201) << plain.raw;
  EXPECT_EQ(on_debate(server_.admin_token(), "GET", plain.body["id"], "").status, 404)
      << "a debate made by hand has no preparation";
}

}  // namespace
}  // namespace tribune::testing
