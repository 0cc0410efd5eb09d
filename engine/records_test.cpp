// The storage form of events: to_record / from_record round-trip every event type with every
// field (credentials included), and refuse what this version cannot read.
#include "engine/events.hpp"

#include "engine/snapshot.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace tribune::engine {
namespace {

using json = nlohmann::json;

credential cred(const std::string& tag) { return credential{"sel-" + tag, "hash-" + tag}; }

// One event of every type, with fields away from their defaults so a dropped field shows.
std::vector<event_body> one_of_each() {
  return {
      ev::debate_created{debate_info{"k3f9x2m4qa", "KX7P2M", "Cars?", "This house would ban cars",
                                     "Round \"two\"\n\xC3\xA9", 1764000000000},
                         cred("mod"), cred("stage"), cred("overlay")},
      ev::participant_joined{7, "Ann \xF0\x9F\x98\x80", cred("p7")},
      ev::question_asked{12, 7, "What about\ndelivery vans?", true, {}},
      ev::question_approved{12},
      ev::question_dismissed{12, "off topic"},
      ev::question_merged{13, 12},
      ev::question_answered{4294967295u},
      ev::question_pinned{3, false},
      ev::on_air_changed{std::optional<question_id>{5}},
      ev::on_air_changed{std::nullopt},
      ev::upvote_changed{3, 9, false},
      ev::participant_muted{9, false},
      ev::participant_banned{9, "spam"},
      ev::moderation_visibility_changed{true},
      ev::links_rotated{cred("mod2"), cred("stage2"), cred("overlay2")},
      ev::reactions_recorded{{1, 0, 18446744073709551615u, 3, 4}},
      ev::audience_peaked{4294967295u},
      ev::format_set{protocol::show_format::custom,
                     {segment_spec{"Opening", protocol::segment_kind::opening, 7, 24, 3, 240},
                      segment_spec{"Vote", protocol::segment_kind::vote_after, 2, 1, 4, 60}},
                     4,
                     true},
      ev::panelist_added{2, "Dr. Green", protocol::panel_role::guest, protocol::side::against_motion, cred("g2")},
      ev::segment_started{3},
      ev::show_paused{},
      ev::show_resumed{},
      ev::show_ended{},
      ev::panelist_stage_changed{2, false},
      ev::floor_granted{speaker{true, 7}, 90000},
      ev::floor_extended{30000},
      ev::floor_ended{speaker{false, 2}},
      ev::hand_raised{speaker{false, 2}, protocol::lane::direct_reply},
      ev::hand_lowered{speaker{true, 7}},
      ev::seat_requested{7},
      ev::seat_request_cancelled{7},
      ev::participant_seated{7},
      ev::participant_unseated{7},
      ev::argument_posted{4, speaker{true, 7}, "Cleaner air", protocol::side::against_motion, 2,
                          protocol::relation::rebuts, "https://example.org/a?b=c", false, 3, speaker{false, 2}},
      ev::argument_posted{5, speaker{false, 2}, "No parent", protocol::side::for_motion, 0, protocol::relation::none,
                          "", true, 0, std::nullopt},
      ev::argument_approved{4},
      ev::argument_dismissed{4, "duplicate"},
      ev::argument_featured{std::optional<argument_id>{4}},
      ev::argument_featured{std::nullopt},
      ev::argument_addressed{4},
      ev::argument_rated{4, 7, protocol::rating::disagree},
      ev::poll_created{2, protocol::poll_kind::multiple, "Which?", {"A", "B", "C"}, protocol::oxford_phase::after},
      ev::poll_opened{2},
      ev::poll_closed{2},
      ev::poll_revealed{2},
      ev::ballot_cast{2, 7, protocol::choice{std::vector<std::uint32_t>{0, 2}}, 4},
      ev::ballot_cast{3, 7, protocol::choice{std::uint32_t{5}}, 0},
      ev::ballot_cast{4, 8, protocol::choice{std::string("ecologie")}, 0},
      ev::participant_joined{8, "Zoé", cred("p8"), 3},
      ev::contact_left{7, kept_text{4, "ann@exemple.fr"}, true, false, 2},
      ev::participant_erased{7, {3, 4}},
      ev::cue_sent{3, 2, protocol::cue_kind::speak_louder, "Plus fort \"svp\""},
      ev::cue_acknowledged{3},
      ev::staff_message_posted{6, "Ann next,\nthen Bob"},
      ev::prediction_created{2, "Qui gagne ?", {"Pour", "Contre", "Égalité"}},
      ev::prediction_made{2, 7, 2},
      ev::prediction_locked{2},
      ev::prediction_resolved{2, 1},
      ev::prediction_cancelled{3},
      ev::quiz_question_started{4, "Capitale ?", {"Sydney", "Canberra"}, 1, 20},
      ev::quiz_answered{4, 7, 1, 2'345},
      ev::quiz_question_closed{4},
      ev::segment_extended{2, 5},
      ev::segment_moved{4, 3},
      ev::moderator_added{2,
                          "L\xC3\xA9"
                          "a",
                          cred("o2")},
      ev::moderator_renamed{1, "Max"},
      ev::moderator_removed{2},
      ev::moderator_names_shown{true},
      ev::flag_words_set{{"bouffon*", "va te faire"}, false},
  };
}

TEST(event_record, every_event_type_survives_a_round_trip) {
  seq_t seq = 0;
  std::set<std::size_t> kinds;
  for (const auto& body : one_of_each()) {
    // Every other event as if a moderator's command made it (event::by).
    const event original{++seq, 1764000000000 + static_cast<std::int64_t>(seq), body, {}, seq % 2 == 0 ? 3u : 0u};
    const auto record = to_record(original);
    EXPECT_EQ(record.seq, seq);
    EXPECT_EQ(record.at, original.at);
    EXPECT_EQ(record.type, event_name(body));

    const auto back = from_record(record);
    EXPECT_EQ(back.seq, original.seq);
    EXPECT_EQ(back.at, original.at);
    EXPECT_EQ(back.by, original.by) << record.type;
    EXPECT_EQ(back.body.index(), body.index()) << record.type;
    const auto again = to_record(back);
    EXPECT_EQ(again.type, record.type);
    EXPECT_EQ(json::parse(again.body), json::parse(record.body)) << record.type;
    kinds.insert(body.index());
  }
  EXPECT_EQ(kinds.size(), std::variant_size_v<event_body>) << "a new event type needs a case in one_of_each()";
}

TEST(event_record, fields_come_back_unchanged) {
  const auto asked = from_record(to_record(event{3, 5, ev::question_asked{12, 7, "Vans?\n\xC3\xA9", true, {}}, {}}));
  const auto& q = std::get<ev::question_asked>(asked.body);
  EXPECT_EQ(q.question, 12u);
  EXPECT_EQ(q.author, 7u);
  EXPECT_EQ(q.text, "Vans?\n\xC3\xA9");
  EXPECT_TRUE(q.anonymous);

  const auto cleared = from_record(to_record(event{4, 6, ev::on_air_changed{std::nullopt}, {}}));
  EXPECT_FALSE(std::get<ev::on_air_changed>(cleared.body).question);
  const auto on = from_record(to_record(event{5, 7, ev::on_air_changed{std::optional<question_id>{5}}, {}}));
  EXPECT_EQ(std::get<ev::on_air_changed>(on.body).question, 5u);

  const auto counts = from_record(to_record(event{6, 8, ev::reactions_recorded{{1, 2, 3, 4, 5}}, {}}));
  EXPECT_EQ(std::get<ev::reactions_recorded>(counts.body).counts, (protocol::reaction_counts{1, 2, 3, 4, 5}));
}

TEST(event_record, the_stored_body_keeps_credentials_for_replay) {
  const auto record = to_record(
      event{1,
            1,
            ev::debate_created{debate_info{"d", "C", "T", "", "", 1}, cred("mod"), cred("stage"), cred("overlay")},
            {}});
  const auto body = json::parse(record.body);
  EXPECT_EQ(body["moderator"]["selector"], "sel-mod");
  EXPECT_EQ(body["stage"]["verifier_hash"], "hash-stage");
  const auto back = std::get<ev::debate_created>(from_record(record).body);
  EXPECT_EQ(back.moderator.verifier_hash, "hash-mod");
  EXPECT_EQ(back.stage.selector, "sel-stage");
}

TEST(event_record, an_unknown_event_type_throws_runtime_error) {
  EXPECT_THROW(from_record(event_record{1, 1, "question_exploded", R"({"question":1})", {}, {}, {}}),
               std::runtime_error);
  EXPECT_THROW(from_record(event_record{1, 1, "", "{}", {}, {}, {}}), std::runtime_error);
}

TEST(event_record, a_corrupt_body_throws_runtime_error) {
  const std::vector<event_record> corrupt = {
      {1, 1, "question_approved", "{\"question\":", {}, {}, {}},  // truncated
      {1, 1, "question_approved", "", {}, {}, {}},                // empty
      {1, 1, "question_approved", "not json", {}, {}, {}},
      {1, 1, "question_approved", "{}", {}, {}, {}},                    // missing field
      {1, 1, "question_approved", R"({"question":"q1"})", {}, {}, {}},  // wrong type
      {1, 1, "on_air_changed", "{}", {}, {}, {}},
      {1, 1, "reactions_recorded", R"({"counts":[1,2]})", {}, {}, {}},  // too few kinds
      {1, 1, "debate_created", R"({"debate":{"id":"d"}})", {}, {}, {}},
      {1, 1, "participant_joined", R"([7,"Ann"])", {}, {}, {}},
  };
  for (const auto& r : corrupt) {
    EXPECT_THROW(from_record(r), std::runtime_error) << r.type << " " << r.body;
  }
}

}  // namespace
}  // namespace tribune::engine
