// A debate's state over HTTP (GET /api/debates/{id}/snapshot): the very snapshot a hello would
// bring, in the link's own view, with its seq in a header from which a hello resumes by events;
// refused without a valid link of this debate.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace tribune::testing {
namespace {

class snapshot_api : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.start();
    debate_ = create_debate(server_);
  }

  http_reply get(const std::string& token, std::vector<std::pair<std::string, std::string>> headers = {}) {
    return http_request(server_.port(), "GET", "/api/debates/" + debate_.id + "/snapshot", std::nullopt, token,
                        std::move(headers));
  }

  temp_dir dir_;
  server_process server_{dir_.path() / "tribune.db"};
  debate debate_;
};

bool holds_question(const json& state, const std::string& text) {
  for (const auto& q : state.value("questions", json::array())) {
    if (q.value("text", "") == text) return true;
  }
  return false;
}

TEST_F(snapshot_api, a_link_reads_the_snapshot_its_hello_would_bring_and_resumes_from_its_seq) {
  const auto ann = join(server_, debate_.id, "Ann");
  const auto bob = join(server_, debate_.id, "Bob");
  ws_client ann_ws(server_.port());
  ann_ws.hello(debate_.id, ann.token);
  ASSERT_EQ(ann_ws.command({{"type", "ask"}, {"text", "Who pays for the buses?"}}).value("type", ""), "ack");

  const auto console = get(debate_.moderator_token);
  ASSERT_EQ(console.status, 200) << console.raw;
  EXPECT_EQ(console.body.value("type", ""), "snapshot");
  EXPECT_EQ(console.header("Tribune-Seq"), std::to_string(console.body.value("seq", 0)));
  EXPECT_TRUE(holds_question(console.body["state"], "Who pays for the buses?"))
      << "the moderator sees the pending question";

  ws_client fresh(server_.port());
  fresh.hello(debate_.id, debate_.moderator_token);
  const auto over_ws = fresh.wait_for([](const json& m) { return m.value("type", "") == "snapshot"; });
  EXPECT_EQ(over_ws, console.body) << "the same snapshot as over the WebSocket";

  ws_client resumed(server_.port());
  const auto welcome = resumed.hello(debate_.id, debate_.moderator_token, console.body.value("seq", 0ULL));
  EXPECT_EQ(welcome.value("resume", ""), "events");

  const auto audience = get(bob.token);
  ASSERT_EQ(audience.status, 200) << audience.raw;
  EXPECT_FALSE(holds_question(audience.body["state"], "Who pays for the buses?")) << "someone else's pending question";
  EXPECT_EQ(audience.body["state"]["me"].value("id", ""), bob.id) << audience.raw;
}

TEST_F(snapshot_api, goes_gzipped_to_a_client_that_accepts_it) {
  const auto plain = get(debate_.moderator_token);
  const auto packed = get(debate_.moderator_token, {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(packed.status, 200);
  EXPECT_EQ(packed.header("Content-Encoding"), "gzip");
  EXPECT_EQ(plain.header("Content-Encoding"), "");
  EXPECT_EQ(packed.header("Tribune-Seq"), plain.header("Tribune-Seq"));
}

TEST_F(snapshot_api, refuses_without_a_valid_link_of_this_debate) {
  const auto other = create_debate(server_, "Another debate");
  auto forged = debate_.moderator_token;
  forged.back() = forged.back() == 'a' ? 'b' : 'a';
  EXPECT_EQ(get("").status, 401);
  EXPECT_EQ(get(forged).status, 401);
  EXPECT_EQ(get(other.moderator_token).status, 401) << "a link of another debate";
  const auto unknown =
      http_request(server_.port(), "GET", "/api/debates/zzzzzzzzzzzz/snapshot", std::nullopt, debate_.moderator_token);
  EXPECT_EQ(unknown.status, 404);
  const auto posted = http_request(server_.port(), "POST", "/api/debates/" + debate_.id + "/snapshot", json::object(),
                                   debate_.moderator_token);
  EXPECT_EQ(posted.status, 405);
  EXPECT_EQ(posted.header("Allow"), "GET, HEAD");
}

}  // namespace
}  // namespace tribune::testing
