// The opinion map on the wire: group letters, bodies stamped with the room's seq, the lists and the
// dots only in the big screens' version, a participant's place or its absence; every message fits the schema.
#include "protocol/opinion.hpp"

#include <gtest/gtest.h>

#include "schema_check.hpp"

namespace tribune::protocol {
namespace {

using json = nlohmann::json;
namespace wire = opinion_wire;

wire::map sample() {
  wire::map m;
  m.counted = 12;
  m.min_ratings = 7;
  m.groups = {{0, 7, -0.51234, 0.1, {{3, 0.9, 0.2, 4.25}}}, {1, 5, 0.6, -0.2, {}}};
  m.unites = {{4, 0.62, {0.8, 0.775}}};
  m.divides = {{3, 0.7, {0.9, 0.2}}};
  m.questions = {{12, 9, 0.4, {0.4, 0.6}}};
  m.dots = {{-0.5, 0.1, 0}, {0.6, -0.2, 1}};
  return m;
}

TEST(opinion_wire, groups_are_lettered) {
  EXPECT_EQ(format_group(0), "A");
  EXPECT_EQ(format_group(4), "E");
  EXPECT_EQ(format_group(25), "Z");
  EXPECT_EQ(format_group(26), "AA");
}

TEST(opinion_wire, a_map_is_stamped_and_only_the_screens_get_the_dots) {
  const auto shared = json::parse(wire::stamp("opinion", 41, wire::encode_body(sample(), wire::audience::phones)));
  const auto screens = json::parse(wire::stamp("opinion", 41, wire::encode_body(sample(), wire::audience::screens)));
  EXPECT_EQ(shared["type"], "opinion");
  EXPECT_EQ(shared["seq"], 41);
  EXPECT_FALSE(shared.contains("dots"));
  EXPECT_FALSE(shared.contains("questions")) << "phones get the groups alone";
  EXPECT_FALSE(shared.contains("unites"));
  ASSERT_EQ(screens["dots"].size(), 2u);
  EXPECT_EQ(screens["dots"][1], json::array({0.6, -0.2, 1}));
  EXPECT_EQ(shared["groups"][0]["group"], "A");
  EXPECT_EQ(shared["groups"][0]["x"], -0.512) << "three decimals";
  EXPECT_EQ(shared["groups"][0]["representatives"][0]["argument"], "a3");
  EXPECT_EQ(screens["unites"][0]["consensus"], 0.62);
  EXPECT_EQ(screens["divides"][0]["divisiveness"], 0.7);
  EXPECT_EQ(screens["questions"][0]["question"], "q12");
  testing::schema::expect_valid(shared, "server_message");
  testing::schema::expect_valid(screens, "server_message");
  testing::schema::expect_valid(wire::body_json(sample(), wire::audience::screens), "opinion_map");
}

TEST(opinion_wire, a_place_or_none) {
  const auto placed = json::parse(wire::stamp("opinion_you", 7, wire::encode_you_body({1, 0.25, -0.5})));
  EXPECT_EQ(placed, (json{{"type", "opinion_you"}, {"seq", 7}, {"group", "B"}, {"x", 0.25}, {"y", -0.5}}));
  const auto none = json::parse(wire::stamp("opinion_you", 8, wire::encode_you_body({})));
  EXPECT_TRUE(none["group"].is_null());
  EXPECT_TRUE(none["x"].is_null());
  testing::schema::expect_valid(placed, "server_message");
  testing::schema::expect_valid(none, "server_message");
}

TEST(opinion_wire, a_body_out_of_range_does_not_fit_the_schema) {
  auto bad = json::parse(wire::stamp("opinion", 1, wire::encode_body(sample(), wire::audience::screens)));
  bad["dots"][0][0] = 1.5;
  EXPECT_FALSE(testing::schema::problems(bad, "server_message").empty());
}

}  // namespace
}  // namespace tribune::protocol
