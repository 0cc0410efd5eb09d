// Deleting a debate over real sockets: only the organizer may; every connection to it is closed
// and cannot come back; every address of it answers 404 (its page data, join code, report, replay,
// archive, exports); the database keeps no row of it; another debate is untouched; and all of this
// holds across a restart. Deleting a channel deletes the debates made for its topics with it, its
// visitors' contacts and its webhooks.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "channel_fixture.hpp"
#include "harness.hpp"

namespace tribune::testing {
namespace {

// How many rows each table that names a stream holds for `id` (a debate's or a channel's).
std::map<std::string, int> rows_of(const std::filesystem::path& db, const std::string& id) {
  std::map<std::string, int> out;
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db;
    sqlite3_close(handle);
    return out;
  }
  for (const auto& [table, column] : std::vector<std::pair<std::string, std::string>>{{"streams", "id"},
                                                                                      {"debates", "id"},
                                                                                      {"events", "debate_id"},
                                                                                      {"snapshots", "debate_id"},
                                                                                      {"contacts", "stream_id"},
                                                                                      {"debate_settings", "debate_id"},
                                                                                      {"channels", "id"},
                                                                                      {"webhooks", "channel"}}) {
    sqlite3_stmt* q = nullptr;
    const auto sql = "SELECT count(*) FROM " + table + " WHERE " + column + " = ?";
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &q, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(handle);
      continue;
    }
    sqlite3_bind_text(q, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    out[table] = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
    sqlite3_finalize(q);
  }
  sqlite3_close(handle);
  return out;
}

int status_of(const server_process& server, const std::string& target, bool as_organizer = true) {
  return http_request(server.port(), "GET", target, std::nullopt, as_organizer ? server.admin_token() : std::string())
      .status;
}

// Every address of a debate, each with the status it answers while the debate exists.
std::vector<std::pair<std::string, int>> addresses(const debate& d) {
  const auto base = "/api/debates/" + d.id;
  return {{base, 200},
          {"/api/join/" + d.code, 200},
          {base + "/report", 200},
          {base + "/replay?seq=2", 200},
          {base + "/archive", 200},
          {base + "/archive/head", 200},
          {base + "/export/questions.csv", 200},
          {base + "/export/contacts.csv", 200},
          {base + "/links", 200},
          {base + "/qr.svg", 200}};
}

TEST(deletion, a_deleted_debate_closes_its_connections_and_leaves_nothing_behind_across_a_restart) {
  temp_dir dir;
  const auto db = dir.path() / "tribune.db";
  server_process server(db);
  server.start();
  const auto d = create_debate(server, "Faut-il interdire les voitures ?");
  const auto kept = create_debate(server, "Un autre débat");
  const auto ann = join(server, d.id, "Ana Lopez");
  const auto other = join(server, kept.id, "Bob");
  ws_client ann_ws(server.port()), moderator(server.port()), bob_ws(server.port());
  ann_ws.hello(d.id, ann.token);
  moderator.hello(d.id, d.moderator_token);
  bob_ws.hello(kept.id, other.token);
  ASSERT_EQ(moderator.command({{"type", "start_show"}})["type"], "ack");
  ASSERT_EQ(ann_ws.command({{"type", "leave_contact"}, {"contact", "ana@exemple.fr"}, {"brand", true}})["type"], "ack");
  ASSERT_EQ(ann_ws.command({{"type", "ask"}, {"text", "Qui paie les bus ?"}})["type"], "ack");
  const auto settings = http_request(server.port(), "PUT", "/api/debates/" + d.id + "/settings",
                                     json{{"accent", "#aa3300"}}, server.admin_token());
  ASSERT_EQ(settings.status, 200) << settings.raw;
  // Read once, so that what the server keeps of them must go too.
  for (const auto& [target, status] : addresses(d)) ASSERT_EQ(status_of(server, target), status) << target;

  const auto base = "/api/debates/" + d.id;
  EXPECT_EQ(http_request(server.port(), "DELETE", base).status, 401);
  EXPECT_EQ(http_request(server.port(), "DELETE", base, std::nullopt, "not-the-token").status, 401);
  EXPECT_EQ(status_of(server, base, false), 200) << "a refused deletion changes nothing";
  EXPECT_EQ(rows_of(db, d.id)["contacts"], 2) << "a name and a contact";

  const auto deleted = http_request(server.port(), "DELETE", base, std::nullopt, server.admin_token());
  ASSERT_EQ(deleted.status, 204) << deleted.raw;
  EXPECT_EQ(ann_ws.wait_closed(), 1008);
  EXPECT_EQ(moderator.wait_closed(), 1008);

  auto gone = [&](const std::string& when) {
    for (const auto& [target, status] : addresses(d)) EXPECT_EQ(status_of(server, target), 404) << when << target;
    ws_client again(server.port());
    const auto refused = again.hello(d.id, ann.token);
    EXPECT_EQ(refused["type"], "error") << when << refused.dump();
    EXPECT_EQ(refused["code"], "not_found") << when << refused.dump();
    const auto list = http_request(server.port(), "GET", "/api/debates", std::nullopt, server.admin_token());
    EXPECT_EQ(list.raw.find(d.id), std::string::npos) << when << list.raw;
    EXPECT_NE(list.raw.find(kept.id), std::string::npos) << when << list.raw;
    EXPECT_EQ(http_request(server.port(), "DELETE", base, std::nullopt, server.admin_token()).status, 404) << when;
    for (const auto& [table, count] : rows_of(db, d.id)) EXPECT_EQ(count, 0) << when << ": " << table;
    EXPECT_EQ(rows_of(db, kept.id)["streams"], 1) << when;
    EXPECT_GT(rows_of(db, kept.id)["events"], 0) << when;
  };
  gone("live");
  EXPECT_FALSE(bob_ws.is_closed()) << "another debate's connections stay";
  EXPECT_EQ(bob_ws.command({{"type", "ask"}, {"text", "Et les vélos ?"}})["type"], "ack");
  EXPECT_EQ(server.terminate(), 0);
  server.start();
  gone("after a restart");
  EXPECT_EQ(status_of(server, "/api/debates/" + kept.id + "/report", false), 200);
}

TEST(deletion, commands_in_flight_are_stored_before_the_deletion_and_deleted_with_it) {
  temp_dir dir;
  const auto db = dir.path() / "tribune.db";
  server_process server(db);
  server.start();
  const auto d = create_debate(server);
  const auto ann = join(server, d.id, "Ana");
  ws_client ann_ws(server.port()), moderator(server.port());
  ann_ws.hello(d.id, ann.token);
  moderator.hello(d.id, d.moderator_token);
  ASSERT_EQ(moderator.command({{"type", "start_show"}})["type"], "ack");
  ASSERT_EQ(ann_ws.command({{"type", "ask"}, {"text", "Une question"}})["type"], "ack");
  ASSERT_EQ(moderator.command({{"type", "approve"}, {"question", "q1"}})["type"], "ack");
  // Commands still queued or being written when the organizer deletes the debate: the deletion
  // waits for them, so none is written after it (which storage would refuse, and log).
  for (int i = 0; i < 30; ++i) {
    moderator.send({{"type", "pin"}, {"id", "p" + std::to_string(i)}, {"question", "q1"}, {"pinned", i % 2 == 0}});
  }
  const auto deleted =
      http_request(server.port(), "DELETE", "/api/debates/" + d.id, std::nullopt, server.admin_token());
  ASSERT_EQ(deleted.status, 204) << deleted.raw;
  EXPECT_EQ(moderator.wait_closed(), 1008);
  EXPECT_EQ(ann_ws.wait_closed(), 1008);
  for (const auto& [table, count] : rows_of(db, d.id)) EXPECT_EQ(count, 0) << table;
  ASSERT_TRUE(wait_until([&] { return server.log_text().find("\"room_deleted\"") != std::string::npos; }));
  EXPECT_EQ(server.log_text().find("append_failed"), std::string::npos) << server.log_text();
  const auto again = create_debate(server);
  EXPECT_EQ(status_of(server, "/api/debates/" + again.id, false), 200) << "the server goes on";
}

using channel_deletion = channel_api;

TEST_F(channel_deletion, a_deleted_channel_takes_its_debates_contacts_and_webhooks_with_it) {
  const auto db = dir_.path() / "tribune.db";
  const auto ana = visitor("Ana Lopez");
  ASSERT_EQ(as(ana, "POST", "/topics", proposal("La semaine de quatre jours")).status, 201);
  const auto applied = as(ana, "PUT", "/topics/t1/application", application("Motivée", "ana@exemple.fr"));
  ASSERT_EQ(applied.status, 200) << applied.raw;
  ASSERT_EQ(organizer("POST", path("/topics/t1/answer"), json{{"answer", "accept"}}).status, 200);
  const auto made = organizer("POST", path("/topics/t1/debate"));
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string debate = made.body["id"];
  const auto hook = organizer("POST", path("/webhooks"),
                              json{{"url", "http://127.0.0.1:9/hook"}, {"events", {"topic.proposed", "show.ended"}}});
  ASSERT_EQ(hook.status, 201) << hook.raw;
  const auto other = http_request(server_.port(), "POST", "/api/channels",
                                  json{{"name", "Autre chaîne"}, {"categories", {"RH"}}}, server_.admin_token());
  ASSERT_EQ(other.status, 201) << other.raw;
  const auto viewer = join(server_, debate, "Bob");
  ws_client bob(server_.port());
  ASSERT_EQ(bob.hello(debate, viewer.token)["type"], "welcome");
  EXPECT_GT(rows_of(db, id_)["contacts"], 0);
  EXPECT_EQ(rows_of(db, id_)["webhooks"], 1);

  EXPECT_EQ(as(ana, "DELETE", "").status, 401) << "a visitor deletes nothing";
  EXPECT_EQ(http_request(server_.port(), "DELETE", path()).status, 401);
  EXPECT_EQ(http_request(server_.port(), "GET", path()).status, 200);
  const auto deleted = organizer("DELETE", path());
  ASSERT_EQ(deleted.status, 204) << deleted.raw;
  EXPECT_EQ(bob.wait_closed(), 1008) << "the channel's debates go with it";

  auto gone = [&](const std::string& when) {
    EXPECT_EQ(http_request(server_.port(), "GET", path()).status, 404) << when;
    EXPECT_EQ(http_request(server_.port(), "GET", path("/topics/t1")).status, 404) << when;
    EXPECT_EQ(http_request(server_.port(), "GET", "/api/debates/" + debate).status, 404) << when;
    EXPECT_EQ(organizer("DELETE", path()).status, 404) << when;
    for (const auto& id : {id_, debate}) {
      for (const auto& [table, count] : rows_of(db, id)) EXPECT_EQ(count, 0) << when << ": " << table << " of " << id;
    }
    EXPECT_EQ(http_request(server_.port(), "GET", "/api/channels/" + other.body["id"].get<std::string>()).status, 200)
        << when << ": another channel stays";
  };
  gone("live");
  EXPECT_EQ(server_.terminate(), 0);
  server_.start();
  gone("after a restart");
}

}  // namespace
}  // namespace tribune::testing
