// Finding topics in a channel over real sockets: words, category and status filters, pages, the
// connected subjects of a topic, and the public views' ETag (304 while nothing changed).
#include <gtest/gtest.h>

#include "channel_fixture.hpp"

namespace tribune::testing {
namespace {

std::vector<std::string> titles(const json& channel) {
  std::vector<std::string> out;
  for (const auto& t : channel["topics"]) out.push_back(t["title"]);
  return out;
}

TEST_F(channel_api, topics_are_found_by_words_category_and_status_a_page_at_a_time) {
  const auto ana = visitor("Ana");
  const auto bob = visitor("Bob");
  const auto propose = [&](const std::string& who, const std::string& title, const std::string& category) {
    auto body = proposal(title);
    body["category"] = category;
    ASSERT_EQ(as(who, "POST", "/topics", body).status, 201) << title;
  };
  propose(ana, "Le télétravail des cadres", "RH");
  propose(ana, "Télétravail et management", "RH");
  propose(ana, "La semaine de quatre jours", "RH");
  propose(bob, "L'IA au bureau", "Politique");
  propose(bob, "Les élections et le télétravail", "Politique");
  ASSERT_EQ(organizer("POST", path("/topics/t2/answer"), json{{"answer", "accept"}}).status, 200);

  const auto found = http_request(server_.port(), "GET", path("?q=TELETRAV"));
  ASSERT_EQ(found.status, 200) << found.raw;
  EXPECT_EQ(titles(found.body), (std::vector<std::string>{"Les élections et le télétravail",
                                                          "Télétravail et management", "Le télétravail des cadres"}));
  EXPECT_EQ(found.body["total"], 3);
  EXPECT_EQ(titles(http_request(server_.port(), "GET", path("?q=t%C3%A9l%C3%A9travail&category=RH")).body).size(), 2U);
  EXPECT_EQ(titles(http_request(server_.port(), "GET", path("?status=accepted")).body),
            std::vector<std::string>{"Télétravail et management"});
  EXPECT_EQ(titles(http_request(server_.port(), "GET", path("?q=travail")).body).size(), 0U) << "word starts only";
  const auto page = http_request(server_.port(), "GET", path("?offset=1&limit=2"));
  EXPECT_EQ(titles(page.body), (std::vector<std::string>{"L'IA au bureau", "La semaine de quatre jours"}));
  EXPECT_EQ(page.body["total"], 5);
  EXPECT_EQ(page.body["offset"], 1);
  for (const auto& bad : {"?limit=0", "?limit=501", "?status=gone", "?sort=new", "?offset=x"}) {
    const auto refused = http_request(server_.port(), "GET", path(bad));
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_EQ(refused.body["error"]["code"], "invalid_field") << bad;
  }

  const auto topic = http_request(server_.port(), "GET", path("/topics/t1"));
  ASSERT_EQ(topic.status, 200) << topic.raw;
  std::vector<std::string> related;
  for (const auto& r : topic.body["related"]) related.push_back(r["title"]);
  // A shared word and the category, then a shared word, then the category alone; never itself.
  EXPECT_EQ(related, (std::vector<std::string>{"Télétravail et management", "Les élections et le télétravail",
                                               "La semaine de quatre jours"}));
}

TEST_F(channel_api, an_unchanged_public_view_is_answered_304_and_a_change_makes_it_new) {
  const auto ana = visitor("Ana");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Le télétravail")).status, 201);
  for (const auto& target : {path(), path("/topics/t1")}) {
    const auto first = http_request(server_.port(), "GET", target);
    ASSERT_EQ(first.status, 200);
    const auto etag = first.header("ETag");
    ASSERT_FALSE(etag.empty()) << target;
    EXPECT_EQ(first.header("Cache-Control"), "no-cache");
    const auto again = http_request(server_.port(), "GET", target, std::nullopt, {}, {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304) << target;
    EXPECT_TRUE(again.raw.empty());
    ASSERT_EQ(as(ana, "PUT", "/topics/t1/opinion", json{{"opinion", "essential"}}).status, 200);
    const auto changed = http_request(server_.port(), "GET", target, std::nullopt, {}, {{"If-None-Match", etag}});
    EXPECT_EQ(changed.status, 200) << target;
    EXPECT_NE(changed.header("ETag"), etag);
    ASSERT_EQ(as(ana, "PUT", "/topics/t1/opinion", json{{"opinion", "interesting"}}).status, 200);
  }
  const auto mine = as(ana, "GET", "/topics/t1");
  EXPECT_TRUE(mine.header("ETag").empty()) << "a visitor's own view is not the shared one";
  EXPECT_EQ(mine.body["mine"]["opinion"], "interesting");
}

TEST_F(channel_api, a_hidden_proposal_keeps_its_place_with_the_reason_and_the_log_shows_every_moderation) {
  const auto ana = visitor("Ana");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Un titre injurieux")).status, 201);
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("Hors ligne")).status, 201);
  ASSERT_EQ(as(ana, "POST", "/topics/t2/comments", json{{"text", "Un commentaire"}}).status, 201);
  EXPECT_EQ(as(ana, "POST", "/topics/t1/hide", json{{"reason", "Propos injurieux"}}).status, 401);
  EXPECT_EQ(organizer("POST", path("/topics/t1/hide"), json{{"reason", ""}}).body["error"]["code"], "empty_text");
  ASSERT_EQ(organizer("POST", path("/topics/t1/hide"), json{{"reason", "Propos injurieux"}}).status, 200);
  ASSERT_EQ(organizer("POST", path("/topics/t2/answer"), json{{"answer", "decline"}, {"text", "Hors sujet"}}).status,
            200);
  ASSERT_EQ(organizer("POST", path("/topics/t2/comments/c1/hide"), json{{"reason", "Spam"}}).status, 200);

  const auto pub = http_request(server_.port(), "GET", path());
  ASSERT_EQ(pub.status, 200) << pub.raw;
  EXPECT_EQ(pub.raw.find("Un titre"), std::string::npos) << "its words are hidden from the public";
  EXPECT_EQ(pub.body["topics"][1]["hidden"], "Propos injurieux") << "the topic keeps its place with the reason";
  const auto& log = pub.body["moderation"];
  ASSERT_EQ(log.size(), 3U);
  EXPECT_EQ(log[0]["action"], "comment_hidden");
  EXPECT_EQ(log[0]["comment"], "c1");
  EXPECT_EQ(log[1]["action"], "topic_declined");
  EXPECT_EQ(log[1]["reason"], "Hors sujet");
  EXPECT_EQ(log[2]["action"], "topic_hidden");
  EXPECT_EQ(http_request(server_.port(), "GET", path("?q=titre")).body["total"], 0) << "nor found by its words";
  const auto topic = http_request(server_.port(), "GET", path("/topics/t1"));
  EXPECT_EQ(topic.body["title"], "");
  EXPECT_EQ(topic.body["pitch"], "");
  EXPECT_EQ(organizer("GET", path("/topics/t1")).body["title"], "Un titre injurieux") << "the organizer still reads it";
}

}  // namespace
}  // namespace tribune::testing
