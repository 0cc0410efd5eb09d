// The webhooks' outbox, in SQLite and (under the postgres fixture) PostgreSQL: a delivery queued twice under one id is
// queued once; due deliveries come soonest first with their webhook's address and secret; an attempt's outcome is kept
// across reopening; removing a webhook drops its deliveries, and only its own channel may.
#include "storage/sqlite/sqlite_webhook_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <random>

#include "postgres_db.hpp"
#include "storage/postgres/pg_event_log.hpp"
#include "storage/postgres/pg_webhook_store.hpp"
#include "storage/sqlite/sqlite_event_log.hpp"

namespace tribune::storage {
namespace {

class webhook_store_test : public ::testing::TestWithParam<std::string> {
 protected:
  bool sqlite() const { return GetParam() == "sqlite"; }
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("tribune-webhooks-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    file_ = dir_ / "tribune.db";
    if (!sqlite()) url_ = tribune::testing::postgres_schema_url(file_.string());
    // Creates and migrates the database, and registers the channel.
    std::unique_ptr<event_log> log;
    if (sqlite()) {
      log = std::make_unique<sqlite_event_log>(file_);
    } else {
      log = std::make_unique<pg_event_log>(url_);
    }
    std::promise<append_result> done;
    log->append("c1", 0, {storage::record{1, 1, "channel_created", "{}", {}, {}, {}}},
                new_stream(channel_row{"c1", "Acme", 1}), [&done](append_result r) { done.set_value(std::move(r)); });
    ASSERT_EQ(done.get_future().get().outcome, append_result::kind::appended);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<webhook_store> open() {
    if (sqlite()) return std::make_unique<sqlite_webhook_store>(file_);
    return std::make_unique<pg_webhook_store>(url_);
  }

  static delivery_row delivery(const std::string& id, std::int64_t next_at) {
    delivery_row d;
    d.id = id;
    d.webhook = "w1";
    d.type = "topic.proposed";
    d.body = R"({"type":"topic.proposed"})";
    d.created_at = 100;
    d.next_at = next_at;
    return d;
  }

  std::filesystem::path dir_;
  std::filesystem::path file_;
  std::string url_;
};

INSTANTIATE_TEST_SUITE_P(on, webhook_store_test, ::testing::ValuesIn(tribune::testing::storage_backends()),
                         tribune::testing::backend_name);

TEST_P(webhook_store_test, the_outbox_queues_once_per_id_and_keeps_every_attempt_across_reopening) {
  {
    const auto owned = open();
    auto& store = *owned;
    store.add_webhook(webhook_row{"w1", "c1", "https://hooks.example.com/", "whsec_a2V5", "topic.proposed", 10});
    store.enqueue({delivery("msg_b", 300), delivery("msg_a", 200)});
    store.enqueue({delivery("msg_a", 999)});  // the same announcement again: nothing new
    EXPECT_TRUE(store.due(150, 10).empty());
    const auto due = store.due(1000, 10);
    ASSERT_EQ(due.size(), 2u);
    EXPECT_EQ(due[0].id, "msg_a") << "soonest first";
    EXPECT_EQ(due[0].next_at, 200) << "the first queuing stands";
    EXPECT_EQ(due[0].url, "https://hooks.example.com/");
    EXPECT_EQ(due[0].secret, "whsec_a2V5");
    auto tried = due[0];
    tried.attempts = 1;
    tried.last_code = 500;
    tried.last_error = "HTTP 500";
    tried.next_at = 5000;
    store.record_attempt(tried);
    auto done = due[1];
    done.attempts = 1;
    done.last_code = 204;
    done.status = delivery_status::delivered;
    done.done_at = 400;
    store.record_attempt(done);
  }
  const auto again_owned = open();
  auto& again = *again_owned;
  const auto due = again.due(1000, 10);
  EXPECT_TRUE(due.empty()) << "one waits, one is delivered";
  const auto later = again.due(5000, 10);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].attempts, 1u);
  EXPECT_EQ(later[0].last_error, "HTTP 500");
  const auto listed = again.deliveries("w1", 10);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, "msg_b") << "newest first (same time: by id, descending)";
  EXPECT_EQ(listed[0].status, delivery_status::delivered);
  EXPECT_EQ(listed[0].done_at, 400);
}

TEST_P(webhook_store_test, a_webhook_goes_with_its_deliveries_and_only_from_its_own_channel) {
  const auto owned = open();
  auto& store = *owned;
  store.add_webhook(webhook_row{"w1", "c1", "https://hooks.example.com/", "whsec_a2V5", "show.ended", 10});
  store.enqueue({delivery("msg_a", 200)});
  EXPECT_FALSE(store.remove_webhook("c2", "w1"));
  EXPECT_EQ(store.webhooks("c1").size(), 1u);
  EXPECT_TRUE(store.remove_webhook("c1", "w1"));
  EXPECT_TRUE(store.webhooks("c1").empty());
  EXPECT_TRUE(store.due(1000, 10).empty());
  EXPECT_TRUE(store.deliveries("w1", 10).empty());
  EXPECT_THROW(store.add_webhook(webhook_row{"w2", "nosuchchannel", "https://x.example.com/", "whsec_a2V5", "", 1}),
               storage_error);
}

}  // namespace
}  // namespace tribune::storage
