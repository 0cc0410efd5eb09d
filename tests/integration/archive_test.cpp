// The public archive over real sockets: every event of the log in order with its hash chain, the
// head the API shows, nothing the public could not read in the room (credentials, pending or
// anonymous questions), and a copy changed anywhere fails `tribune verify` and the Python check of
// docs/protocol.md, at the changed line.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "harness.hpp"
#include "schema_check.hpp"

namespace tribune::testing {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

void write_file(const std::filesystem::path& p, const std::vector<std::string>& lines) {
  std::ofstream out(p, std::ios::binary);
  for (const auto& l : lines) out << l << "\n";
}

// The ```python block of docs/protocol.md's "Archive" section.
std::string documented_check() {
  std::ifstream in(TRIBUNE_PROTOCOL_DOC);
  std::stringstream doc;
  doc << in.rdbuf();
  const auto text = doc.str();
  const auto section = text.find("## Archive");
  const auto open = text.find("```python\n", section);
  const auto close = text.find("```\n", open + 10);
  if (section == std::string::npos || open == std::string::npos || close == std::string::npos) return {};
  return text.substr(open + 10, close - open - 10);
}

struct run_output {
  int status = -1;
  std::string text;
};

run_output python(const std::filesystem::path& script, const std::filesystem::path& archive) {
  const auto command = "python3 '" + script.string() + "' '" + archive.string() + "' 2>&1";
  run_output out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buf{};
  while (const auto n = std::fread(buf.data(), 1, buf.size(), pipe)) out.text.append(buf.data(), n);
  out.status = pclose(pipe);
  return out;
}

TEST(archive, the_public_archive_verifies_and_a_changed_copy_fails_at_the_changed_line) {
  temp_dir dir;
  server_process server(dir.path() / "tribune.db");
  server.start();
  const auto d = create_debate(server);
  const auto ann = join(server, d.id, "Ann");
  const auto bob = join(server, d.id, "Bob");
  ws_client ann_ws(server.port()), bob_ws(server.port()), moderator(server.port());
  ann_ws.hello(d.id, ann.token);
  bob_ws.hello(d.id, bob.token);
  moderator.hello(d.id, d.moderator_token);
  ASSERT_EQ(moderator.command({{"type", "start_show"}})["type"], "ack");
  ASSERT_EQ(ann_ws.command({{"type", "ask"}, {"text", "Qui paie les bus ?"}})["type"], "ack");
  ASSERT_EQ(bob_ws.command({{"type", "ask"}, {"text", "Une question jamais lue"}})["type"], "ack");
  ASSERT_EQ(bob_ws.command({{"type", "ask"}, {"text", "Anonyme"}, {"anonymous", true}})["type"], "ack");
  ASSERT_EQ(moderator.command({{"type", "approve"}, {"question", "q1"}})["type"], "ack");
  ASSERT_EQ(moderator.command({{"type", "approve"}, {"question", "q3"}})["type"], "ack");
  const auto ended = moderator.command({{"type", "end_show"}});
  ASSERT_EQ(ended["type"], "ack");
  const auto last = ended["seq"].get<std::uint64_t>();

  const auto base = "/api/debates/" + d.id + "/archive";
  const auto archive = http_request(server.port(), "GET", base);
  ASSERT_EQ(archive.status, 200) << archive.raw;
  EXPECT_EQ(archive.header("Content-Type"), "application/x-ndjson; charset=utf-8");
  EXPECT_NE(archive.header("Content-Disposition").find("attachment"), std::string::npos);
  const auto lines = lines_of(archive.raw);
  ASSERT_EQ(lines.size(), last + 1) << "a header and every event";
  const auto header = json::parse(lines[0]);
  EXPECT_TRUE(schema::problems(header, "archive_header").empty());
  EXPECT_EQ(header["events"], last);
  const auto head = http_request(server.port(), "GET", base + "/head");
  ASSERT_EQ(head.status, 200);
  EXPECT_EQ(head.body["seq"], last);
  EXPECT_EQ(head.body["head"], header["head"]);

  // What the public could not read is sealed: credentials, a pending question, an anonymous one.
  for (const auto& secret : {d.moderator_token, ann.token, bob.token, d.stage_token}) {
    EXPECT_EQ(archive.raw.find(secret.substr(0, 12)), std::string::npos);
  }
  EXPECT_EQ(archive.raw.find("jamais lue"), std::string::npos);
  EXPECT_EQ(archive.raw.find("Anonyme"), std::string::npos);
  std::size_t changed_line = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto e = json::parse(lines[i]);
    EXPECT_EQ(e["seq"], i);
    EXPECT_TRUE(schema::problems(e, "archive_event").empty()) << lines[i];
    if (e["type"] == "participant_joined" || e["type"] == "debate_created") {
      EXPECT_FALSE(e.contains("body")) << lines[i];
    }
    if (e.contains("body") && e["body"].get<std::string>().find("Qui paie") != std::string::npos) changed_line = i;
  }
  ASSERT_NE(changed_line, 0u) << "the approved question is shown";

  const auto good = dir.path() / "archive.ndjson";
  write_file(good, lines);
  const auto verified = run_tribune({"verify", good.string()});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_NE(verified.output.find("ok: " + std::to_string(last) + " events, head " + header["head"].get<std::string>()),
            std::string::npos)
      << verified.output;

  auto copy = lines;
  auto event = json::parse(copy[changed_line]);
  event["body"] = event["body"].get<std::string>().replace(event["body"].get<std::string>().find("Qui"), 3, "Que");
  copy[changed_line] = event.dump();
  const auto bad = dir.path() / "changed.ndjson";
  write_file(bad, copy);
  const auto refused = run_tribune({"verify", bad.string()});
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("line " + std::to_string(changed_line + 1) + ": seq " + std::to_string(changed_line)),
            std::string::npos)
      << refused.output;
  EXPECT_EQ(run_tribune({"verify", (dir.path() / "missing.ndjson").string()}).exit_code, 2);

  // The few lines of Python the documentation gives agree.
  const auto script = documented_check();
  ASSERT_FALSE(script.empty()) << "docs/protocol.md has a ```python block under ## Archive";
  const auto py = dir.path() / "verify.py";
  std::ofstream(py) << script;
  const auto py_good = python(py, good);
  EXPECT_EQ(py_good.status, 0) << py_good.text;
  EXPECT_NE(py_good.text.find(header["head"].get<std::string>()), std::string::npos) << py_good.text;
  const auto py_bad = python(py, bad);
  EXPECT_NE(py_bad.status, 0) << py_bad.text;
  EXPECT_NE(py_bad.text.find("seq " + std::to_string(changed_line)), std::string::npos) << py_bad.text;

  EXPECT_EQ(http_request(server.port(), "POST", base, json::object()).status, 405);
  EXPECT_EQ(http_request(server.port(), "GET", "/api/debates/nosuchdebate/archive").status, 404);
  EXPECT_EQ(http_request(server.port(), "GET", base + "/tail").status, 404);
}

}  // namespace
}  // namespace tribune::testing
