// The replay's kept pass over a real SQLite log: seeking to every seq gives the state the events
// fold to, whatever checkpoint it starts from, while the checkpoints stay bounded (thinned as the
// log grows) and the pass follows events appended after it was made.
#include "server/replay.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <random>

#include "engine/engine.hpp"
#include "engine/testing/given.hpp"
#include "server/stored_record.hpp"
#include "storage/sqlite/sqlite_event_log.hpp"

namespace tribune::server {
namespace {

namespace ev = engine::ev;
using engine::testing::cred;

class replay_store_test : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("tribune-replay-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    log_.emplace(dir_ / "tribune.db");
  }
  void TearDown() override {
    log_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Appends `bodies` as the next events, and folds them into `live`, keeping each seq's encoding.
  void append(const std::vector<engine::event_body>& bodies) {
    std::vector<storage::record> records;
    const auto first = live_.seq;
    for (const auto& body : bodies) {
      const engine::event e{live_.seq + 1, 1'764'000'000'000 + static_cast<std::int64_t>(live_.seq) * 1000, body, {}};
      engine::evolve(live_, e);
      records.push_back(to_stored(engine::to_record(e)));
      public_.push_back(engine::encode_snapshot(live_, engine::view::public_view, std::nullopt));
      moderator_.push_back(engine::encode_snapshot(live_, engine::view::moderator_view, std::nullopt));
    }
    std::optional<storage::new_stream> create;
    if (first == 0) create = storage::debate_row{live_.debate.id, live_.debate.code, live_.debate.title, 1};
    std::promise<storage::append_result> done;
    log_->append(live_.debate.id, first, std::move(records), std::move(create),
                 [&done](storage::append_result r) { done.set_value(std::move(r)); });
    ASSERT_EQ(done.get_future().get().outcome, storage::append_result::kind::appended);
  }

  // A show's worth of events: joins, questions moderated, ballots.
  std::vector<engine::event_body> script(std::size_t n) {
    std::vector<engine::event_body> out;
    for (std::size_t i = 0; i < n; ++i) {
      const auto people = static_cast<engine::participant_id>(live_.participants.size() + out.size() / 3);
      switch (i % 3) {
        case 0:
          out.emplace_back(
              ev::participant_joined{people + 1, "P" + std::to_string(people + 1), cred(std::to_string(i))});
          break;
        case 1: out.emplace_back(ev::reactions_recorded{{i, 0, 1, 0, 0}}); break;
        default: out.emplace_back(ev::moderation_visibility_changed{i % 2 == 0}); break;
      }
    }
    return out;
  }

  // The frame's `state` against the snapshot's, both as the codec wrote them.
  static std::string state_of_frame(const std::string& frame) { return nlohmann::json::parse(frame)["state"].dump(); }
  static std::string state_of_snapshot(const std::string& s) { return nlohmann::json::parse(s)["state"].dump(); }

  std::filesystem::path dir_;
  std::optional<storage::sqlite_event_log> log_;
  engine::state live_;
  std::vector<std::string> public_, moderator_;  // by seq - 1
};

TEST_F(replay_store_test, every_seq_replays_to_the_folded_state_from_thinned_checkpoints) {
  append({ev::debate_created{engine::testing::sample_debate(), cred("m"), cred("s"), cred("o")}});
  append(script(49));
  replay_store store(4, 8);
  const auto& id = live_.debate.id;
  ASSERT_TRUE(store.report(*log_, id, engine::view::public_view));
  EXPECT_EQ(store.shape(id)->interval, 8u) << "the smallest that fits 50 events in 8 checkpoints";
  // The show goes on: the pass follows, thinning its checkpoints.
  append(script(250));
  ASSERT_TRUE(store.report(*log_, id, engine::view::public_view));
  const auto shape = store.shape(id);
  ASSERT_TRUE(shape);
  EXPECT_EQ(shape->seq, 300u);
  EXPECT_LE(shape->checkpoints, 8u);
  EXPECT_GE(shape->interval, 300u / 8) << "the interval doubled as the log grew";
  for (protocol::seq_t seq = 1; seq <= 300; ++seq) {
    const auto pub = store.frame(*log_, id, seq, engine::view::public_view);
    ASSERT_TRUE(pub);
    ASSERT_EQ(state_of_frame(*pub), state_of_snapshot(public_[seq - 1])) << "seq " << seq;
    EXPECT_EQ(nlohmann::json::parse(*pub)["at"], 1'764'000'000'000 + static_cast<std::int64_t>(seq - 1) * 1000);
  }
  for (const protocol::seq_t seq : {1u, 4u, 64u, 65u, 299u}) {
    const auto full = store.frame(*log_, id, seq, engine::view::moderator_view);
    ASSERT_TRUE(full);
    EXPECT_EQ(state_of_frame(*full), state_of_snapshot(moderator_[seq - 1])) << "seq " << seq;
  }

  // Events appended later are followed.
  append(script(30));
  const auto last = store.frame(*log_, id, 330, engine::view::public_view);
  ASSERT_TRUE(last);
  EXPECT_EQ(state_of_frame(*last), state_of_snapshot(public_[329]));
  EXPECT_EQ(store.shape(id)->seq, 330u);
}

TEST_F(replay_store_test, an_unknown_debate_has_no_report_and_keeps_no_pass) {
  replay_store store;
  EXPECT_FALSE(store.report(*log_, "nosuchdebate", engine::view::public_view));
  EXPECT_FALSE(store.frame(*log_, "nosuchdebate", 1, engine::view::public_view));
  EXPECT_FALSE(store.shape("nosuchdebate"));
}

// Names given on joining are kept beside the log: a pass reads them again when a later record
// names a newer one, and starts over at an erasure, so that no moment shows an erased name.
TEST_F(replay_store_test, names_kept_beside_the_log_follow_new_joins_and_an_erasure_reaches_every_moment) {
  append({ev::debate_created{engine::testing::sample_debate(), cred("m"), cred("s"), cred("o")},
          ev::participant_joined{1, "Ann Onymous", cred("p1"), 1}});
  replay_store store(4, 8);
  const auto& id = live_.debate.id;
  const auto first = store.report(*log_, id, engine::view::moderator_view);
  ASSERT_TRUE(first);
  EXPECT_NE(first->find("Ann Onymous"), std::string::npos);
  append({ev::participant_joined{2, "Bob Later", cred("p2"), 2}});
  const auto later = store.report(*log_, id, engine::view::moderator_view);
  ASSERT_TRUE(later);
  EXPECT_NE(later->find("Bob Later"), std::string::npos) << "a name kept after the pass began is read";
  append({ev::participant_erased{1, {1}}});
  for (protocol::seq_t seq = 2; seq <= 4; ++seq) {
    const auto frame = store.frame(*log_, id, seq, engine::view::moderator_view);
    ASSERT_TRUE(frame);
    EXPECT_EQ(frame->find("Ann Onymous"), std::string::npos) << "seq " << seq;
    EXPECT_NE(frame->find("Guest 1"), std::string::npos) << "seq " << seq;
  }
  const auto after = store.report(*log_, id, engine::view::moderator_view);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->find("Ann Onymous"), std::string::npos);
  EXPECT_NE(after->find("Bob Later"), std::string::npos);
}

}  // namespace
}  // namespace tribune::server
