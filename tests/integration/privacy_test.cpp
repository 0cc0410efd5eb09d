// Contacts and erasure over real sockets: a contact is kept only with a consent and appears in the
// organizer's contacts export alone (never in another export, the report, a replay, the archive, a
// snapshot or an event of someone else); a refused one is stored nowhere; an erasure renames the
// participant everywhere, the replay of earlier moments included, deletes their texts from the
// database, and holds across a restart.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "channel_fixture.hpp"
#include "harness.hpp"
#include "schema_check.hpp"

namespace tribune::testing {
namespace {

// Every text the database file holds in its tables: event bodies, kept texts, snapshots.
std::string stored_texts(const std::filesystem::path& db) {
  std::string out;
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db;
    sqlite3_close(handle);
    return out;
  }
  sqlite3_stmt* q = nullptr;
  const char* sql = "SELECT body FROM events UNION ALL SELECT text FROM contacts UNION ALL SELECT body FROM snapshots";
  if (sqlite3_prepare_v2(handle, sql, -1, &q, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(handle);
  } else {
    while (sqlite3_step(q) == SQLITE_ROW) {
      if (const auto* text = sqlite3_column_text(q, 0)) out += reinterpret_cast<const char*>(text);
      out += '\n';
    }
  }
  sqlite3_finalize(q);
  sqlite3_close(handle);
  return out;
}

struct published {
  std::string what;
  std::string text;
};

// Everything the debate publishes to anyone but the organizer's contacts export: the other
// exports, the report and the replay of every moment in both views, the archive.
std::vector<published> everything_but_contacts(const server_process& server, const debate& d, std::uint64_t last) {
  std::vector<published> out;
  const auto admin = server.admin_token();
  for (const auto* file :
       {"questions.csv", "moderation.csv", "arguments.csv", "polls.csv", "talk_time.csv", "debate.json"}) {
    const auto r = http_request(server.port(), "GET", "/api/debates/" + d.id + "/export/" + file, std::nullopt, admin);
    EXPECT_EQ(r.status, 200) << file;
    out.push_back({file, r.raw});
  }
  for (const auto& who : {std::string(), admin}) {
    const auto report = http_request(server.port(), "GET", "/api/debates/" + d.id + "/report", std::nullopt, who);
    EXPECT_EQ(report.status, 200) << report.raw;
    out.push_back({"report", report.raw});
    for (std::uint64_t seq = 1; seq <= last; ++seq) {
      const auto frame = http_request(server.port(), "GET",
                                      "/api/debates/" + d.id + "/replay?seq=" + std::to_string(seq), std::nullopt, who);
      EXPECT_EQ(frame.status, 200) << frame.raw;
      out.push_back({"replay at " + std::to_string(seq), frame.raw});
    }
  }
  const auto archive = http_request(server.port(), "GET", "/api/debates/" + d.id + "/archive");
  EXPECT_EQ(archive.status, 200);
  out.push_back({"archive", archive.raw});
  return out;
}

std::string contacts_csv(const server_process& server, const debate& d) {
  const auto r = http_request(server.port(), "GET", "/api/debates/" + d.id + "/export/contacts.csv", std::nullopt,
                              server.admin_token());
  EXPECT_EQ(r.status, 200) << r.raw;
  return r.raw;
}

TEST(privacy, a_contact_is_kept_only_with_a_consent_and_shown_in_the_contacts_export_alone) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto ann = join(server, d.id, "Ana Lopez");
  const auto bob = join(server, d.id, "Bob");
  ws_client ann_ws(server.port()), bob_ws(server.port()), moderator(server.port()), stage(server.port());
  ann_ws.hello(d.id, ann.token);
  bob_ws.hello(d.id, bob.token);
  moderator.hello(d.id, d.moderator_token);
  stage.hello(d.id, d.stage_token);

  ASSERT_EQ(moderator.command({{"type", "start_show"}})["type"], "ack");
  const auto refused = ann_ws.command(
      {{"type", "leave_contact"}, {"contact", "refused-ana@exemple.fr"}, {"brand", false}, {"sponsor", false}});
  EXPECT_EQ(refused["type"], "error");
  EXPECT_EQ(refused["code"], "invalid_field");
  EXPECT_NE(refused["detail"].get<std::string>().find("consent"), std::string::npos) << refused.dump();
  EXPECT_EQ(moderator.command({{"type", "leave_contact"}, {"contact", "mod@exemple.fr"}, {"brand", true}})["code"],
            "forbidden");

  ASSERT_EQ(ann_ws.command({{"type", "leave_contact"}, {"contact", "ana-kept@exemple.fr"}, {"brand", true}})["type"],
            "ack");
  const auto bob_left =
      bob_ws.command({{"type", "leave_contact"}, {"contact", "+33 6 12 34 56 78"}, {"sponsor", true}});
  ASSERT_EQ(bob_left["type"], "ack") << bob_left.dump();
  ASSERT_EQ(ann_ws.command({{"type", "ask"}, {"text", "Qui paie les bus ?"}})["type"], "ack");
  ASSERT_EQ(moderator.command({{"type", "approve"}, {"question", "q1"}})["type"], "ack");
  const auto ended = moderator.command({{"type", "end_show"}});
  ASSERT_EQ(ended["type"], "ack") << ended.dump();
  const auto last = ended["seq"].get<std::uint64_t>();

  const auto csv = contacts_csv(server, d);
  EXPECT_NE(csv.find("participant,name,contact,brand,sponsor,left_at\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("p1,Ana Lopez,ana-kept@exemple.fr,yes,no,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("p2,Bob,'+33 6 12 34 56 78,no,yes,"), std::string::npos) << "a leading + is never a formula\n"
                                                                              << csv;
  EXPECT_EQ(csv.find("refused"), std::string::npos);
  EXPECT_EQ(http_request(server.port(), "GET", "/api/debates/" + d.id + "/export/contacts.csv").status, 401);

  for (const auto& p : everything_but_contacts(server, d, last)) {
    EXPECT_EQ(p.text.find("ana-kept"), std::string::npos) << p.what;
    EXPECT_EQ(p.text.find("12 34 56"), std::string::npos) << p.what;
    EXPECT_EQ(p.text.find("refused-ana"), std::string::npos) << p.what;
  }
  // In the room: Ann's own snapshot has hers; nobody else's snapshot or events hold one.
  ws_client again(server.port());
  again.hello(d.id, ann.token);
  const auto mine = again.wait_for([](const json& m) { return m["type"] == "snapshot"; });
  EXPECT_EQ(mine["state"]["me"]["contact"]["contact"], "ana-kept@exemple.fr");
  EXPECT_EQ(mine["state"]["me"]["contact"]["brand"], true);
  EXPECT_EQ(mine["state"]["me"]["contact"]["sponsor"], false);
  EXPECT_TRUE(schema::problems(mine, "server_message").empty());
  for (auto* other : {&bob_ws, &moderator, &stage}) {
    for (const auto& m : other->received()) {
      EXPECT_EQ(m.dump().find("ana-kept"), std::string::npos) << m.dump();
      EXPECT_NE(m.value("event", ""), "contact_left") << "a contact is sent to no screen";
    }
  }
  const auto stored = stored_texts(dir.path() / "tribune.db");
  EXPECT_EQ(stored.find("refused-ana"), std::string::npos) << "a contact without consent is not stored";
  EXPECT_NE(stored.find("ana-kept@exemple.fr"), std::string::npos);
}

TEST(privacy, erasing_oneself_renames_the_participant_everywhere_and_deletes_their_texts_across_a_restart) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto ann = join(server, d.id, "Ana Lopez");
  const auto bob = join(server, d.id, "Bob");
  std::uint64_t last = 0;
  {
    ws_client ann_ws(server.port()), bob_ws(server.port()), moderator(server.port());
    ann_ws.hello(d.id, ann.token);
    bob_ws.hello(d.id, bob.token);
    moderator.hello(d.id, d.moderator_token);
    ASSERT_EQ(moderator.command({{"type", "start_show"}})["type"], "ack");
    ASSERT_EQ(ann_ws.command({{"type", "leave_contact"}, {"contact", "ana@exemple.fr"}, {"brand", true}})["type"],
              "ack");
    ASSERT_EQ(ann_ws.command({{"type", "ask"}, {"text", "Qui paie les bus ?"}})["type"], "ack");
    ASSERT_EQ(moderator.command({{"type", "approve"}, {"question", "q1"}})["type"], "ack");
    ASSERT_EQ(moderator.command({{"type", "ban"}, {"participant", "p1"}, {"reason", "Hors sujet"}})["type"], "ack");
    // Seen in the report and a replay before the erasure, so that the kept pass must start over.
    const auto before = http_request(server.port(), "GET", "/api/debates/" + d.id + "/report");
    ASSERT_NE(before.raw.find("Ana Lopez"), std::string::npos) << before.raw;

    const auto erased = ann_ws.command({{"type", "erase_me"}});
    ASSERT_EQ(erased["type"], "ack") << erased.dump();
    last = erased["seq"].get<std::uint64_t>();
    const auto renamed = bob_ws.wait_for([](const json& m) { return m.value("event", "") == "participant_erased"; });
    EXPECT_EQ(renamed["data"]["participant"]["id"], "p1");
    EXPECT_EQ(renamed["data"]["participant"]["name"], "Guest 1");
    EXPECT_TRUE(schema::problems(renamed, "server_message").empty()) << renamed.dump();
    const auto mod_renamed =
        moderator.wait_for([](const json& m) { return m.value("event", "") == "participant_erased"; });
    EXPECT_EQ(mod_renamed["data"]["participant"]["name"], "Guest 1");
  }
  auto check = [&](const std::string& when) {
    for (const auto& p : everything_but_contacts(server, d, last)) {
      EXPECT_EQ(p.text.find("Ana Lopez"), std::string::npos) << when << ": " << p.what;
      EXPECT_EQ(p.text.find("ana@exemple.fr"), std::string::npos) << when << ": " << p.what;
    }
    const auto csv = contacts_csv(server, d);
    EXPECT_EQ(csv, "participant,name,contact,brand,sponsor,left_at\r\n") << when;
    const auto questions = http_request(server.port(), "GET", "/api/debates/" + d.id + "/export/questions.csv",
                                        std::nullopt, server.admin_token());
    EXPECT_NE(questions.raw.find("Guest 1"), std::string::npos) << when << ": " << questions.raw;
    ws_client mod(server.port()), again(server.port());
    mod.hello(d.id, d.moderator_token);
    const auto snap = mod.wait_for([](const json& m) { return m["type"] == "snapshot"; });
    EXPECT_EQ(snap.dump().find("Ana Lopez"), std::string::npos) << when;
    EXPECT_EQ(snap["state"]["participants"][0]["name"], "Guest 1") << when;
    again.hello(d.id, ann.token);
    const auto mine = again.wait_for([](const json& m) { return m["type"] == "snapshot"; });
    EXPECT_EQ(mine["state"]["me"]["name"], "Guest 1") << when;
    EXPECT_TRUE(mine["state"]["me"]["contact"].is_null()) << when;
    EXPECT_EQ(mine["state"]["me"]["banned"], true) << when;
  };
  check("live");
  const auto stored = stored_texts(dir.path() / "tribune.db");
  EXPECT_EQ(stored.find("Ana Lopez"), std::string::npos) << "the name is gone from the database";
  EXPECT_EQ(stored.find("ana@exemple.fr"), std::string::npos) << "the contact is gone from the database";
  EXPECT_NE(stored.find("Bob"), std::string::npos) << "Bob's name is kept";
  EXPECT_EQ(server.terminate(), 0);
  server.start();
  check("after a restart");
}

// A channel's visitors: a proposer's contact with its consents, an applicant's separate consent for
// the sponsor, the contacts export holding exactly the contacts kept, and a visitor's own data read
// and erased, gone from the database and still gone after a crash.
TEST_F(channel_api, a_visitor_reads_and_erases_their_data_and_the_export_holds_the_contacts_kept) {
  const auto ana = visitor("Ana Dupont");
  const auto bob = visitor("Bob");
  auto proposed = proposal("Le télétravail");
  proposed["contact"] = "ana@example.org";
  proposed["consent"] = true;
  const auto made = as(ana, "POST", "/topics", proposed);
  ASSERT_EQ(made.status, 201) << made.raw;
  EXPECT_EQ(made.body["proposer_contact"]["contact"], "ana@example.org") << "the proposer reads it";
  EXPECT_EQ(made.body["proposer_contact"]["sponsor_consent"], false);
  auto unconsented = proposal("Sans accord");
  unconsented["contact"] = "eve@example.org";
  const auto refused = as(bob, "POST", "/topics", unconsented);
  EXPECT_EQ(refused.status, 400) << refused.raw;
  EXPECT_EQ(refused.body["error"]["code"], "invalid_field");
  EXPECT_EQ(organizer("GET", path()).body["total"], 1) << "a refused proposal is stored nowhere";
  auto applied = application("Je manage à distance", "bob@example.org");
  applied["sponsor_consent"] = true;
  ASSERT_EQ(as(bob, "PUT", "/topics/t1/application", applied).status, 200);
  EXPECT_FALSE(as(bob, "GET", "/topics/t1").body.contains("proposer_contact")) << "another visitor";
  const auto org = organizer("GET", path("/topics/t1"));
  EXPECT_EQ(org.body["proposer_contact"]["contact"], "ana@example.org");
  EXPECT_EQ(org.body["applications"][0]["sponsor_consent"], true);

  const auto mine = as(bob, "GET", "/me");
  ASSERT_EQ(mine.status, 200) << mine.raw;
  EXPECT_EQ(mine.body["name"], "Bob");
  EXPECT_EQ(mine.body["applications"][0]["contact"], "bob@example.org");
  EXPECT_EQ(mine.body["applications"][0]["topic"], "t1");
  EXPECT_TRUE(schema::problems(mine.body, "channel_my_data").empty()) << mine.raw;
  EXPECT_EQ(http_request(server_.port(), "GET", path("/me")).status, 403) << "nobody";
  EXPECT_EQ(organizer("GET", path("/me")).status, 403) << "the organizer is no visitor";
  EXPECT_EQ(as(bob, "POST", "/me").status, 405);
  EXPECT_EQ(as(bob, "GET", "/export/contacts.csv").status, 401);
  const auto csv = organizer("GET", path("/export/contacts.csv"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("Content-Type").find("text/csv"), std::string::npos);
  std::vector<std::string> lines;
  for (std::size_t at = 0, end = 0; (end = csv.raw.find("\r\n", at)) != std::string::npos; at = end + 2) {
    lines.push_back(csv.raw.substr(at, end - at));
  }
  ASSERT_EQ(lines.size(), 3u) << csv.raw;
  EXPECT_EQ(lines[0], "topic,title,left_with,visitor,name,contact,brand,sponsor,left_at");
  EXPECT_EQ(lines[1].rfind("t1,Le télétravail,proposal,i1,Ana Dupont,ana@example.org,yes,no,", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2].rfind("t1,Le télétravail,application,i2,Bob,bob@example.org,yes,yes,", 0), 0u) << lines[2];

  const auto erased = as(ana, "DELETE", "/me");
  ASSERT_EQ(erased.status, 200) << erased.raw;
  EXPECT_EQ(erased.body["name"], "Visiteur 1");
  EXPECT_TRUE(erased.body["proposals"][0]["contact"].is_null());
  const auto stored = stored_texts(dir_.path() / "tribune.db");
  EXPECT_EQ(stored.find("Ana Dupont"), std::string::npos) << "the name is gone from the database";
  EXPECT_EQ(stored.find("ana@example.org"), std::string::npos) << "the contact is gone from the database";
  EXPECT_NE(stored.find("bob@example.org"), std::string::npos) << "Bob's contact is kept";

  server_.kill_hard();
  server_.start();
  const auto after = organizer("GET", path("/topics/t1"));
  EXPECT_EQ(after.body["proposed_by"], "Visiteur 1") << after.raw;
  EXPECT_FALSE(after.body.contains("proposer_contact"));
  EXPECT_EQ(after.body["applications"][0]["by"], "Bob") << "a name kept beside the log came back";
  const auto again = organizer("GET", path("/export/contacts.csv"));
  EXPECT_EQ(again.raw.find("ana@example.org"), std::string::npos);
  EXPECT_NE(again.raw.find("bob@example.org"), std::string::npos);
  EXPECT_EQ(as(ana, "GET", "/me").body["name"], "Visiteur 1") << "their token still reads their data";
}

}  // namespace
}  // namespace tribune::testing
