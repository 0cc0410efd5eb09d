// The archive's hash chain: an archive as written verifies, and changing, removing, adding or
// moving one event — at the start, in the middle or at the end — fails, naming the line.
#include "protocol/archive.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tribune::protocol::archive {
namespace {

using nlohmann::json;

struct sample {
  std::uint64_t seq;
  std::int64_t at;
  std::string type;
  std::string body;
  bool sealed;
};

std::vector<sample> events(std::size_t n) {
  std::vector<sample> out;
  out.reserve(n);
  for (std::size_t i = 1; i <= n; ++i) {
    out.push_back(sample{
        i, 1'764'000'000'000 + static_cast<std::int64_t>(i) * 1000, i % 3 == 0 ? "ballot_cast" : "question_asked",
        json{{"question", i}, {"text", "Qui paie ? « " + std::to_string(i) + " »"}}.dump(), i % 3 == 0});
  }
  return out;
}

// The archive's lines (header first), as the server writes them.
std::vector<std::string> write(const std::vector<sample>& evs) {
  std::vector<std::string> lines;
  lines.reserve(evs.size() + 1);
  digest h = genesis();
  for (const auto& e : evs) {
    const auto body = body_digest(e.body);
    h = chain(h, e.seq, e.at, e.type, body);
    const auto shown = e.sealed ? std::nullopt : std::optional<std::string_view>(e.body);
    lines.push_back(event_line(e.seq, e.at, e.type, shown, body, h));
  }
  lines.insert(lines.begin(), header_line(header{"k3f9x2m4qa", "KX7P2M", "Titre", evs.size(), h}));
  return lines;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l;
  return out;
}

// The line's event with its body's text changed, its recorded hash kept.
std::string changed(const std::string& line) {
  auto j = json::parse(line);
  if (j.contains("body")) {
    j["body"] = json{{"question", 1}, {"text", "autre chose"}}.dump();
  } else {
    j["sealed"] = std::string(64, 'a');
  }
  return j.dump() + "\n";
}

TEST(archive, an_archive_as_written_verifies_with_its_head_sealed_events_included) {
  const auto lines = write(events(30));
  const auto v = verify(join(lines));
  ASSERT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.events, 30u);
  EXPECT_EQ(v.head, json::parse(lines.front())["head"]);
  EXPECT_FALSE(json::parse(lines[3]).contains("body")) << "seq 3 is sealed";
  EXPECT_EQ(json::parse(lines[3])["sealed"], hex(body_digest(events(3)[2].body)));
}

TEST(archive, one_changed_event_at_the_start_middle_or_end_fails_at_its_line) {
  for (const std::size_t at : {1u, 15u, 30u}) {
    auto lines = write(events(30));
    lines[at] = changed(lines[at]);
    const auto v = verify(join(lines));
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.line, at + 1) << "line " << at + 1 << " holds seq " << at;
    EXPECT_NE(v.problem.find("seq " + std::to_string(at)), std::string::npos) << v.problem;
  }
}

TEST(archive, a_removed_added_or_moved_event_fails_where_the_sequence_breaks) {
  auto removed = write(events(30));
  removed.erase(removed.begin() + 15);
  auto v = verify(join(removed));
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.line, 16u);
  EXPECT_NE(v.problem.find("seq 16 where 15"), std::string::npos) << v.problem;

  auto moved = write(events(30));
  std::swap(moved[10], moved[11]);
  v = verify(join(moved));
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.line, 11u);

  auto last_removed = write(events(30));
  last_removed.pop_back();
  v = verify(join(last_removed));
  EXPECT_FALSE(v.ok) << "the header counts 30";
  EXPECT_NE(v.problem.find("counts 30"), std::string::npos) << v.problem;
}

TEST(archive, a_rewritten_chain_no_longer_ends_at_the_published_head) {
  // Whoever changes an event and recomputes every hash after it still cannot match the header's
  // head, the one the report and the moderation log published.
  auto evs = events(10);
  const auto original = write(evs);
  evs[4].body = json{{"question", 5}, {"text", "réécrit"}}.dump();
  auto forged = write(evs);
  forged.front() = original.front();
  const auto v = verify(join(forged));
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.line, 1u);
}

TEST(archive, malformed_archives_are_refused_with_a_reason) {
  EXPECT_FALSE(verify("").ok);
  EXPECT_FALSE(verify("not json\n").ok);
  EXPECT_FALSE(verify(R"({"archive":"other","version":1})"
                      "\n")
                   .ok);
  auto lines = write(events(3));
  auto j = json::parse(lines[2]);
  j["seq"] = "2";
  lines[2] = j.dump() + "\n";
  const auto v = verify(join(lines));
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.line, 3u);
}

TEST(archive, the_hash_covers_seq_time_type_and_body) {
  const auto body = body_digest("{}");
  const auto base = chain(genesis(), 1, 1000, "poll_opened", body);
  EXPECT_NE(base, chain(genesis(), 2, 1000, "poll_opened", body));
  EXPECT_NE(base, chain(genesis(), 1, 1001, "poll_opened", body));
  EXPECT_NE(base, chain(genesis(), 1, 1000, "poll_closed", body));
  EXPECT_NE(base, chain(genesis(), 1, 1000, "poll_opened", body_digest("{ }")));
  EXPECT_NE(base, chain(body, 1, 1000, "poll_opened", body));
  // SHA-256 as everyone computes it: the empty string's well-known digest.
  EXPECT_EQ(hex(body_digest("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace tribune::protocol::archive
