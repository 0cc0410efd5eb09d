// The organizer's CSV exports over real sockets: every question with its status and a dismissed
// one's reason, the moderation log with every reason; RFC 4180 quoting, formulas neutralised, an
// anonymous author withheld; nobody else may download them.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace tribune::testing {
namespace {

// RFC 4180, strictly: quoted fields with doubled quotes, CRLF between records.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::exchange(cell, {}));
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(std::exchange(cell, {}));
      rows.emplace_back();
      ++i;
    } else {
      cell.push_back(c);
    }
  }
  EXPECT_TRUE(rows.back().empty() && cell.empty()) << "the file ends with CRLF";
  rows.pop_back();
  return rows;
}

TEST(exports, questions_and_the_moderation_log_download_as_csv_for_the_organizer_only) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto ann = join(server, d.id, "Ann, de Lyon");
  ws_client ann_ws(server.port()), moderator(server.port());
  ann_ws.hello(d.id, ann.token);
  moderator.hello(d.id, d.moderator_token);
  ASSERT_EQ(ann_ws.command({{"type", "ask"}, {"text", "=HYPERLINK(\"http://evil\")"}})["type"], "ack");
  ASSERT_EQ(
      ann_ws.command({{"type", "ask"}, {"text", "Qui paie, \"vraiment\" ?\nEt quand ?"}, {"anonymous", true}})["type"],
      "ack");
  ASSERT_EQ(moderator.command({{"type", "dismiss"}, {"question", "q1"}, {"reason", "Hors sujet, désolé"}})["type"],
            "ack");
  ASSERT_EQ(moderator.command({{"type", "approve"}, {"question", "q2"}})["type"], "ack");

  const std::string base = "/api/debates/" + d.id + "/export/";
  const auto questions = http_request(server.port(), "GET", base + "questions.csv", std::nullopt, server.admin_token());
  ASSERT_EQ(questions.status, 200) << questions.raw;
  EXPECT_EQ(questions.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(questions.header("Content-Disposition").find("attachment"), std::string::npos);
  const auto q = parse_csv(questions.raw);
  ASSERT_EQ(q.size(), 3U);
  EXPECT_EQ(q[0][0], "id");
  EXPECT_EQ(q[1][0], "q1");
  EXPECT_EQ(q[1][2], "Ann, de Lyon");
  // "2026-12-01T17:06:15Z": ISO 8601 in UTC, to the second.
  EXPECT_EQ(q[1][1].size(), 20U) << q[1][1];
  EXPECT_EQ(q[1][1].substr(10, 1) + q[1][1].substr(19), "TZ") << q[1][1];
  EXPECT_EQ(q[1][6], "dismissed");
  EXPECT_EQ(q[1][9], "'=HYPERLINK(\"http://evil\")") << "a formula is never a formula in a spreadsheet";
  EXPECT_EQ(q[1][10], "Hors sujet, désolé");
  EXPECT_EQ(q[2][2], "") << "an anonymous question's author is withheld";
  EXPECT_EQ(q[2][3], "yes");
  EXPECT_EQ(q[2][6], "approved");
  EXPECT_EQ(q[2][9], "Qui paie, \"vraiment\" ?\nEt quand ?");

  const auto log = http_request(server.port(), "GET", base + "moderation.csv", std::nullopt, server.admin_token());
  ASSERT_EQ(log.status, 200) << log.raw;
  const auto m = parse_csv(log.raw);
  ASSERT_EQ(m.size(), 2U);
  EXPECT_EQ(m[1][2], "dismissed");
  EXPECT_EQ(m[1][3], "q1");
  EXPECT_EQ(m[1][6], "Hors sujet, désolé");

  for (const auto& token : {std::string(), ann.token, d.moderator_token}) {
    EXPECT_EQ(http_request(server.port(), "GET", base + "questions.csv", std::nullopt, token).status, 401);
  }
  EXPECT_EQ(http_request(server.port(), "GET", base + "ballots.csv", std::nullopt, server.admin_token()).status, 404);
  EXPECT_EQ(http_request(server.port(), "POST", base + "questions.csv", json::object(), server.admin_token()).status,
            405);
}

TEST(exports, arguments_polls_talk_time_and_the_whole_debate_download_during_the_show_and_after) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto made =
      http_request(server.port(), "POST", "/api/debates",
                   json{{"title", "Cars"}, {"motion", "Ban cars"}, {"format", "oxford"}}, server.admin_token());
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string id = made.body["id"];
  const auto green =
      http_request(server.port(), "POST", "/api/debates/" + id + "/panelists",
                   json{{"name", "Dr. Green"}, {"role", "panelist"}, {"side", "for"}}, server.admin_token());
  ASSERT_EQ(green.status, 201);
  const auto ann = join(server, id, "Ann");
  ws_client moderator(server.port()), green_ws(server.port()), ann_ws(server.port());
  moderator.hello(id, made.body["tokens"]["moderator"]);
  green_ws.hello(id, green.body["token"]);
  ann_ws.hello(id, ann.token);
  auto ack = [](ws_client& c, json m) { ASSERT_EQ(c.command(std::move(m))["type"], "ack"); };
  ack(moderator, {{"type", "start_show"}});
  ack(moderator, {{"type", "create_oxford_poll"}, {"phase", "before"}});
  ack(moderator, {{"type", "open_poll"}, {"poll", "v1"}});
  ack(ann_ws, {{"type", "vote"}, {"poll", "v1"}, {"choice", 1}});
  ack(moderator, {{"type", "advance"}});
  ack(moderator, {{"type", "set_on_stage"}, {"panelist", "g1"}, {"on", true}});
  ack(moderator, {{"type", "grant_floor"}, {"speaker", "g1"}, {"seconds", 60}});
  ack(green_ws, {{"type", "post_argument"}, {"text", "+33 % de bus, \"enfin\""}, {"stance", "for"}});
  ack(ann_ws, {{"type", "rate_argument"}, {"argument", "a1"}, {"rating", "agree"}});
  ack(moderator, {{"type", "end_floor"}});
  ack(ann_ws, {{"type", "vote"}, {"poll", "v1"}, {"choice", 0}, {"changed_by", "a1"}});

  const std::string base = "/api/debates/" + id + "/export/";
  auto csv = [&](const std::string& name) {
    const auto reply = http_request(server.port(), "GET", base + name, std::nullopt, server.admin_token());
    EXPECT_EQ(reply.status, 200) << name << ": " << reply.raw;
    EXPECT_EQ(reply.header("Content-Type"), "text/csv; charset=utf-8");
    return parse_csv(reply.raw);
  };
  const auto arguments = csv("arguments.csv");
  ASSERT_EQ(arguments.size(), 2U);
  EXPECT_EQ(arguments[0][0], "id");
  EXPECT_EQ(arguments[1][2], "Dr. Green");
  EXPECT_EQ(arguments[1][3], "for");
  EXPECT_EQ(arguments[1][8], "1") << "agree";
  EXPECT_EQ(arguments[1][11], "1.000") << "agreement";
  EXPECT_EQ(arguments[1][13], "1") << "one ballot names it as what changed a mind";
  EXPECT_EQ(arguments[1][16], "'+33 % de bus, \"enfin\"") << "a formula is never a formula";

  const auto polls = csv("polls.csv");
  ASSERT_EQ(polls.size(), 4U) << "For, Against, Undecided";
  EXPECT_EQ(polls[1][0], "v1");
  EXPECT_EQ(polls[1][3], "before");
  EXPECT_EQ(polls[1][6], "1") << "one ballot, replaced";
  EXPECT_EQ(polls[1][8], "1");
  EXPECT_EQ(polls[2][8], "0");
  EXPECT_EQ(polls[0].size(), 9U);
  for (const auto& row : polls) EXPECT_EQ(std::find(row.begin(), row.end(), "Ann"), row.end()) << "no voter named";

  const auto talk = csv("talk_time.csv");
  ASSERT_EQ(talk.size(), 2U);
  EXPECT_EQ(talk[1][0], "g1");
  EXPECT_EQ(talk[1][1], "Dr. Green");
  EXPECT_EQ(talk[1][2], "for");

  ack(moderator, {{"type", "end_show"}});
  const auto whole = http_request(server.port(), "GET", base + "debate.json", std::nullopt, server.admin_token());
  ASSERT_EQ(whole.status, 200) << whole.raw;
  EXPECT_EQ(whole.body["export"], "tribune-debate");
  EXPECT_EQ(whole.body["version"], 1);
  EXPECT_TRUE(whole.body["report"]["ended_at"].is_number()) << "after the show";
  EXPECT_EQ(whole.body["report"]["state"]["participants"].size(), 1U) << "the organizer's view";
  EXPECT_EQ(csv("arguments.csv").size(), 2U) << "and still after it";
  EXPECT_EQ(http_request(server.port(), "GET", base + "debate.json", std::nullopt, ann.token).status, 401);
  EXPECT_EQ(http_request(server.port(), "GET", base + "talk_time.csv").status, 401);
}

}  // namespace
}  // namespace tribune::testing
