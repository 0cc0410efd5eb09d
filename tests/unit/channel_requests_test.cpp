// The channel's requests: every field at its bound and one past it, wrong types, control
// characters, missing fields; each refusal names its field and builds nothing.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "protocol/channels.hpp"
#include "protocol/testing/expect.hpp"

namespace tribune::protocol::channels {
namespace {

using json = nlohmann::json;

std::string text_of(std::size_t chars) { return std::string(chars, 'x'); }

TEST(channel_requests, a_channel_without_categories_gets_the_default_list_and_both_languages) {
  const auto c = decode_create_channel(R"({"name":"  Acme TV  ","accent":"#A0B1C2"})");
  const auto v = accepted(c);
  EXPECT_EQ(v.name, "Acme TV");
  EXPECT_EQ(v.accent, "#a0b1c2");
  EXPECT_EQ(v.categories, default_categories());
  EXPECT_EQ(v.categories.size(), 9u);
  EXPECT_EQ(v.languages.size(), 2u);
}

TEST(channel_requests, channel_fields_at_their_bound_pass_and_one_past_is_refused) {
  EXPECT_EQ(accepted(decode_create_channel(json{{"name", text_of(max_channel_name_chars)}}.dump())).name.size(),
            max_channel_name_chars);
  EXPECT_EQ(refused(decode_create_channel(json{{"name", text_of(max_channel_name_chars + 1)}}.dump())),
            error_code::text_too_long);
  EXPECT_EQ(refused(decode_create_channel(R"({"name":""})")), error_code::empty_text);
  EXPECT_EQ(refused(decode_create_channel(R"({"name":"A\u0007B"})")), error_code::invalid_field);
  EXPECT_EQ(refused(decode_create_channel(R"({"name":42})")), error_code::invalid_field);
  EXPECT_EQ(refused(decode_create_channel("")), error_code::invalid_field) << "a name is required";
  EXPECT_EQ(refused(decode_create_channel("[1]")), error_code::bad_json);
}

TEST(channel_requests, categories_are_one_to_twenty_distinct_names) {
  json many = json::array();
  for (int i = 0; i < 20; ++i) many.push_back("c" + std::to_string(i));
  EXPECT_EQ(accepted(decode_create_channel(json{{"name", "A"}, {"categories", many}}.dump())).categories.size(), 20u);
  many.push_back("c20");
  EXPECT_EQ(refused(decode_create_channel(json{{"name", "A"}, {"categories", many}}.dump())),
            error_code::invalid_field);
  EXPECT_EQ(refused(decode_create_channel(R"({"name":"A","categories":[]})")), error_code::invalid_field);
  EXPECT_EQ(refused(decode_create_channel(R"({"name":"A","categories":["RH","RH"]})")), error_code::invalid_field);
  EXPECT_EQ(refused(decode_create_channel(R"({"name":"A","categories":[3]})")), error_code::invalid_field);
  EXPECT_EQ(
      refused(decode_create_channel(json{{"name", "A"}, {"categories", {text_of(max_category_chars + 1)}}}.dump())),
      error_code::text_too_long);
  EXPECT_EQ(refused(decode_create_channel(R"({"name":"A","languages":["fr","de"]})")), error_code::invalid_field);
  EXPECT_EQ(refused(decode_create_channel(R"({"name":"A","logo":"http://insecure.example/logo.png"})")),
            error_code::invalid_field);
}

TEST(channel_requests, a_proposal_keeps_html_as_text_and_checks_its_words) {
  const auto p = accepted(decode_propose_topic(
      R"({"title":"<b>Le télétravail</b>","pitch":"Ligne 1\nLigne 2","category":"RH","format":"oxford","treatment":"testimony"})"));
  EXPECT_EQ(p.title, "<b>Le télétravail</b>");
  EXPECT_EQ(p.format, show_format::oxford);
  EXPECT_EQ(p.treated, treatment::testimony);
  EXPECT_EQ(refused(decode_propose_topic(R"({"title":"T","pitch":"P","category":"RH","format":"opera"})")),
            error_code::invalid_field);
  EXPECT_EQ(refused(decode_propose_topic(R"({"title":"T","pitch":"","category":"RH"})")), error_code::empty_text);
  EXPECT_EQ(refused(decode_propose_topic(
                json{{"title", text_of(max_topic_title_chars + 1)}, {"pitch", "P"}, {"category", "RH"}}.dump())),
            error_code::text_too_long);
  EXPECT_EQ(refused(decode_propose_topic(
                json{{"title", "T"}, {"pitch", text_of(max_pitch_chars + 1)}, {"category", "RH"}}.dump())),
            error_code::text_too_long);
  EXPECT_EQ(refused(decode_propose_topic(R"({"title":"Deux\nlignes","pitch":"P","category":"RH"})")),
            error_code::invalid_field);
}

TEST(channel_requests, an_opinion_is_one_of_three_words_with_optional_feedback) {
  const auto o = accepted(decode_give_opinion(R"({"opinion":"not_for_me","feedback":"Déjà vu"})", 3));
  EXPECT_EQ(o.topic, 3u);
  EXPECT_EQ(o.value, opinion::not_for_me);
  EXPECT_EQ(refused(decode_give_opinion(R"({"opinion":"great"})", 3)), error_code::invalid_field);
  EXPECT_EQ(refused(decode_give_opinion("{}", 3)), error_code::invalid_field);
  EXPECT_EQ(refused(decode_give_opinion(
                json{{"opinion", "essential"}, {"feedback", text_of(max_feedback_chars + 1)}}.dump(), 3)),
            error_code::text_too_long);
}

TEST(channel_requests, a_decline_or_a_merge_says_why_and_only_a_merge_names_a_topic) {
  EXPECT_EQ(accepted(decode_answer_topic(R"({"answer":"accept"})", 1)).kind, answer_kind::accept);
  EXPECT_EQ(refused(decode_answer_topic(R"({"answer":"decline"})", 1)), error_code::empty_text);
  EXPECT_EQ(refused(decode_answer_topic(R"({"answer":"merge","text":"Doublon"})", 1)), error_code::invalid_field);
  EXPECT_EQ(accepted(decode_answer_topic(R"({"answer":"merge","text":"Doublon","into":"t7"})", 1)).into, 7u);
  EXPECT_EQ(refused(decode_answer_topic(R"({"answer":"merge","text":"Doublon","into":"q7"})", 1)),
            error_code::invalid_field);
  EXPECT_EQ(refused(decode_answer_topic(R"({"answer":"accept","into":"t7"})", 1)), error_code::invalid_field);
}

TEST(channel_requests, a_comment_is_multi_line_text_and_may_answer_another) {
  const auto c = accepted(decode_post_comment(R"({"text":"Ligne 1\nLigne 2","reply_to":"c3"})", 2));
  EXPECT_EQ(c.topic, 2u);
  EXPECT_EQ(c.reply_to, 3u);
  EXPECT_EQ(accepted(decode_post_comment(R"({"text":"Seul"})", 2)).reply_to, 0u);
  EXPECT_EQ(refused(decode_post_comment(R"({"text":" "})", 2)), error_code::empty_text);
  EXPECT_EQ(refused(decode_post_comment(R"({"text":"x","reply_to":"t3"})", 2)), error_code::invalid_field);
  EXPECT_EQ(refused(decode_post_comment(json{{"text", text_of(max_comment_chars + 1)}}.dump(), 2)),
            error_code::text_too_long);
  EXPECT_EQ(accepted(decode_hide_comment(R"({"reason":"Insulte"})", 2, 5)).comment, 5u);
  EXPECT_EQ(refused(decode_hide_comment("{}", 2, 5)), error_code::invalid_field);
}

TEST(channel_requests, an_application_needs_a_motivation_a_contact_and_the_consent) {
  const auto body = [](std::size_t motivation, std::size_t contact, const json& consent) {
    return json{{"motivation", text_of(motivation)}, {"contact", text_of(contact)}, {"consent", consent}}.dump();
  };
  const auto ok = accepted(decode_apply_to_speak(body(max_motivation_chars, max_contact_chars, true), 3));
  EXPECT_EQ(ok.topic, 3u);
  EXPECT_EQ(ok.contact.size(), max_contact_chars);
  EXPECT_EQ(refused(decode_apply_to_speak(body(max_motivation_chars + 1, 5, true), 3)), error_code::text_too_long);
  EXPECT_EQ(refused(decode_apply_to_speak(body(5, max_contact_chars + 1, true), 3)), error_code::text_too_long);
  EXPECT_EQ(refused(decode_apply_to_speak(body(5, 5, false), 3)), error_code::invalid_field);
  EXPECT_EQ(refused(decode_apply_to_speak(body(5, 5, "yes"), 3)), error_code::invalid_field);
  EXPECT_EQ(refused(decode_apply_to_speak(R"({"motivation":"m","contact":"c"})", 3)), error_code::invalid_field)
      << "no consent, no application";
  EXPECT_EQ(refused(decode_apply_to_speak(R"({"motivation":"m","consent":true})", 3)), error_code::invalid_field);
  EXPECT_EQ(refused(decode_apply_to_speak(body(0, 5, true), 3)), error_code::empty_text);
  EXPECT_EQ(refused(decode_apply_to_speak(R"({"motivation":"m","contact":"a\nb","consent":true})", 3)),
            error_code::invalid_field)
      << "a contact is one line";
  const auto html = accepted(decode_apply_to_speak(R"({"motivation":"<b>x</b>","contact":"c","consent":true})", 1));
  EXPECT_EQ(html.motivation, "<b>x</b>") << "HTML stays text";
}

TEST(channel_requests, a_sponsor_offer_names_its_organisation_and_contact_with_the_consent) {
  const auto ok = accepted(decode_offer_sponsorship(
      json{{"organisation", text_of(max_organisation_chars)}, {"contact", "c"}, {"consent", true}}.dump(), 2));
  EXPECT_EQ(ok.message, "");
  EXPECT_EQ(
      refused(decode_offer_sponsorship(
          json{{"organisation", text_of(max_organisation_chars + 1)}, {"contact", "c"}, {"consent", true}}.dump(), 2)),
      error_code::text_too_long);
  EXPECT_EQ(refused(decode_offer_sponsorship(json{{"organisation", "Acme"},
                                                  {"contact", "c"},
                                                  {"consent", true},
                                                  {"message", text_of(max_offer_message_chars + 1)}}
                                                 .dump(),
                                             2)),
            error_code::text_too_long);
  EXPECT_EQ(refused(decode_offer_sponsorship(R"({"organisation":"Acme","contact":"c","consent":false})", 2)),
            error_code::invalid_field);
  EXPECT_EQ(refused(decode_offer_sponsorship(R"({"contact":"c","consent":true})", 2)), error_code::invalid_field);
}

TEST(channel_requests, a_schedule_is_an_instant_a_time_zone_and_an_optional_place) {
  const auto ok =
      accepted(decode_schedule_topic(R"({"starts_at":1800000000000,"time_zone":"America/Argentina/Buenos_Aires"})", 4));
  EXPECT_EQ(ok.topic, 4u);
  EXPECT_EQ(ok.starts_at, 1800000000000);
  EXPECT_EQ(ok.place, "");
  EXPECT_EQ(
      accepted(decode_schedule_topic(
                   json{{"starts_at", max_starts_at_ms}, {"time_zone", "Etc/GMT+2"}, {"place", "Studio"}}.dump(), 4))
          .place,
      "Studio");
  for (const auto* bad :
       {R"({"starts_at":1800000000000})", R"({"starts_at":"demain","time_zone":"UTC"})",
        R"({"starts_at":1500000000000,"time_zone":"UTC"})", R"({"starts_at":1800000000000.5,"time_zone":"UTC"})",
        R"({"starts_at":1800000000000,"time_zone":"../etc/passwd"})",
        R"({"starts_at":1800000000000,"time_zone":"<b>"})"}) {
    EXPECT_EQ(refused(decode_schedule_topic(bad, 4)), error_code::invalid_field) << bad;
  }
  EXPECT_EQ(refused(decode_schedule_topic(json{{"starts_at", max_starts_at_ms + 1}, {"time_zone", "UTC"}}.dump(), 4)),
            error_code::invalid_field);
  EXPECT_EQ(
      refused(decode_schedule_topic(
          json{{"starts_at", max_starts_at_ms}, {"time_zone", std::string(max_time_zone_chars + 1, 'a')}}.dump(), 4)),
      error_code::invalid_field);
  EXPECT_FALSE(accepted(decode_open_debate("", 4)).format);
  EXPECT_EQ(accepted(decode_open_debate(R"({"format":"oxford"})", 4)).format, show_format::oxford);
  EXPECT_EQ(refused(decode_open_debate(R"({"format":"circus"})", 4)), error_code::invalid_field);
}

TEST(channel_requests, topic_ids_are_t_and_a_number) {
  EXPECT_EQ(format_topic(12), "t12");
  EXPECT_EQ(parse_topic("t12"), 12u);
  EXPECT_FALSE(parse_topic("t0"));
  EXPECT_FALSE(parse_topic("t012"));
  EXPECT_FALSE(parse_topic("12"));
}

}  // namespace
}  // namespace tribune::protocol::channels

namespace tribune::protocol::channels {
namespace {

TEST(channel_requests, a_question_sent_before_the_show_is_bounded_as_one_asked_in_the_room) {
  const auto q = accepted(decode_send_advance(json{{"text", text_of(max_advance_chars)}}.dump(), 2));
  EXPECT_EQ(q.topic, 2u);
  EXPECT_EQ(q.kind, advance_kind::question);
  EXPECT_EQ(q.text.size(), max_advance_chars);
  EXPECT_EQ(refused(decode_send_advance(json{{"text", text_of(max_advance_chars + 1)}}.dump(), 2)),
            error_code::text_too_long);
  const auto a = accepted(decode_send_advance(R"({"kind":"argument","text":"Moins de trajets","side":"against"})", 2));
  EXPECT_EQ(a.stance, side::against_motion);
  EXPECT_EQ(refused(decode_send_advance(R"({"text":"Q","side":"for"})", 2)), error_code::invalid_field)
      << "a question takes no side";
  EXPECT_EQ(refused(decode_send_advance(R"({"kind":"essay","text":"Q"})", 2)), error_code::invalid_field);
  EXPECT_EQ(refused(decode_send_advance(R"({"text":""})", 2)), error_code::empty_text);
  EXPECT_EQ(refused(decode_send_advance(R"({"text":"a\u0000b"})", 2)), error_code::invalid_field);
  EXPECT_EQ(refused(decode_send_advance("{}", 2)), error_code::invalid_field);
}

}  // namespace
}  // namespace tribune::protocol::channels

namespace tribune::protocol::channels {
namespace {

using params = std::vector<std::pair<std::string, std::string>>;

TEST(channel_requests, a_channel_query_reads_its_words_filters_and_page) {
  const auto q = accepted(decode_channel_query(
      params{{"q", "Télétravail PME"}, {"category", "RH"}, {"status", "live"}, {"offset", "100"}, {"limit", "500"}}));
  EXPECT_EQ(q.words.size(), 2u);
  EXPECT_EQ(q.category, "RH");
  EXPECT_EQ(q.status, topic_status::live);
  EXPECT_EQ(q.offset, 100u);
  EXPECT_EQ(q.limit, max_topics_page);
  EXPECT_FALSE(q.whole());
  EXPECT_TRUE(accepted(decode_channel_query({})).whole());
  for (const auto& bad :
       {params{{"limit", "0"}}, params{{"limit", "501"}}, params{{"offset", "-1"}}, params{{"offset", "1e3"}},
        params{{"status", "gone"}}, params{{"sort", "old"}}, params{{"q", "a\u0007"}}}) {
    EXPECT_EQ(refused(decode_channel_query(bad)), error_code::invalid_field) << bad.front().first;
  }
  EXPECT_EQ(refused(decode_channel_query(params{{"q", std::string(max_query_chars + 1, 'x')}})),
            error_code::text_too_long);
}

}  // namespace
}  // namespace tribune::protocol::channels
