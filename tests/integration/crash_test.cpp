// Nothing acknowledged is lost, duplicated or reordered when the server dies with SIGKILL in the
// middle of a burst of writes: twenty rounds on the same database file. Each round several audience
// members ask, upvote and cast or change ballots as fast as their acks come back; the server is
// killed once a random number of acks arrived, while commands are still in flight. Then the file is
// checked directly (integrity, gapless seqs, every ack at its seq, no duplicate), the server is
// restarted on it, and a fresh client's snapshot and catch-up must agree with the file.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "harness.hpp"
#include "postgres_db.hpp"

namespace tribune::testing {
namespace {

constexpr int rounds = 20;
constexpr int voters = 5;
constexpr int questions_to_upvote = 3;  // q1..q3, approved before the first round
constexpr int poll_options = 4;
// Per connection the server allows a burst of 40 commands, and 5 questions per participant.
constexpr int commands_per_voter = 30;
constexpr int asks_per_voter = 4;

// One acknowledged write: its seq, its event and what it must say.
struct acked {
  std::uint64_t seq = 0;
  std::string type;
  int participant = 0;
  json fields;  // the event body's fields that this write fixed
};

int number_of(const std::string& id) { return std::stoi(id.substr(1)); }

// Sends one command and waits for its reply; nullopt if the connection closed first.
std::optional<json> try_command(ws_client& ws, json message, const std::string& id) {
  message["id"] = id;
  ws.send(message);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto m = ws.next(left);
    if (!m) return std::nullopt;
    const auto type = m->value("type", "");
    if ((type == "ack" || type == "error") && m->value("id", json()) == id) return m;
  }
}

struct stored_event {
  std::string type;
  json body;
};

// The debate's events as the file holds them, after PRAGMA integrity_check.
struct file_view {
  std::string integrity;
  std::vector<std::uint64_t> seqs;
  std::map<std::uint64_t, stored_event> events;
};

file_view read_file(const std::filesystem::path& db, const std::string& debate) {
  file_view out;
  if (tribune::testing::test_postgres_url()) {
    // The same debate in the PostgreSQL schema the harness gave this file's name: the database
    // checks its own integrity on every write.
    out.integrity = "ok";
    for (const auto& row : tribune::testing::postgres_rows(
             db.string(), "SELECT seq, type, body FROM events WHERE debate_id = $1 ORDER BY seq", {debate})) {
      const auto seq = static_cast<std::uint64_t>(std::stoull(row[0]));
      out.seqs.push_back(seq);
      out.events[seq] = stored_event{row[1], json::parse(row[2], nullptr, false)};
    }
    return out;
  }
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db << ": " << (handle ? sqlite3_errmsg(handle) : "no memory");
    sqlite3_close(handle);
    return out;
  }
  sqlite3_stmt* check = nullptr;
  if (sqlite3_prepare_v2(handle, "PRAGMA integrity_check", -1, &check, nullptr) == SQLITE_OK) {
    while (sqlite3_step(check) == SQLITE_ROW) {
      if (!out.integrity.empty()) out.integrity += "; ";
      out.integrity += reinterpret_cast<const char*>(sqlite3_column_text(check, 0));
    }
  } else {
    out.integrity = sqlite3_errmsg(handle);
  }
  sqlite3_finalize(check);

  sqlite3_stmt* select = nullptr;
  if (sqlite3_prepare_v2(handle, "SELECT seq, type, body FROM events WHERE debate_id = ? ORDER BY seq", -1, &select,
                         nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot read events: " << sqlite3_errmsg(handle);
  } else {
    sqlite3_bind_text(select, 1, debate.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(select) == SQLITE_ROW) {
      const auto seq = static_cast<std::uint64_t>(sqlite3_column_int64(select, 0));
      const std::string type = reinterpret_cast<const char*>(sqlite3_column_text(select, 1));
      const auto body = json::parse(reinterpret_cast<const char*>(sqlite3_column_text(select, 2)), nullptr, false);
      out.seqs.push_back(seq);
      out.events[seq] = stored_event{type, body};
    }
  }
  sqlite3_finalize(select);
  sqlite3_close(handle);
  return out;
}

// What the file says the room is: upvoters per question, and each participant's last ballot.
struct replayed {
  std::map<int, std::set<int>> upvoters;
  std::map<int, int> ballots;
  std::map<std::string, int> asked;  // question text -> question number
};

replayed replay(const file_view& f, int poll) {
  replayed r;
  for (const auto& [seq, e] : f.events) {
    if (e.type == "question_asked") {
      const std::string text = e.body["text"];
      EXPECT_FALSE(r.asked.contains(text)) << "question recorded twice: " << text << " (again at seq " << seq << ")";
      r.asked[text] = e.body["question"].get<int>();
    } else if (e.type == "upvote_changed") {
      auto& set = r.upvoters[e.body["question"].get<int>()];
      if (e.body["on"].get<bool>()) {
        set.insert(e.body["participant"].get<int>());
      } else {
        set.erase(e.body["participant"].get<int>());
      }
    } else if (e.type == "ballot_cast" && e.body["poll"] == poll) {
      r.ballots[e.body["participant"].get<int>()] = e.body["pick"].get<int>();
    }
  }
  return r;
}

// One audience member's connection and what it knows of its own state.
struct voter {
  participant who;
  int number = 0;
  std::set<int> upvoted;
  std::optional<int> ballot;
  std::unique_ptr<ws_client> ws;
};

class crash : public ::testing::Test {
 protected:
  void start() {
    server_ = std::make_unique<server_process>(db_);
    server_->start();
    ASSERT_TRUE(server_->running());
  }

  // Before the first round: the debate, its voters, three approved questions and an open poll.
  void set_up_debate() {
    debate_ = create_debate(*server_, "Crash rounds");
    ASSERT_FALSE(debate_.id.empty());
    for (int i = 0; i < voters; ++i) {
      voter v;
      v.who = join(*server_, debate_.id, "Voter " + std::to_string(i + 1));
      ASSERT_FALSE(v.who.id.empty());
      v.number = number_of(v.who.id);
      voters_.push_back(std::move(v));
    }
    ws_client moderator(server_->port()), asker(server_->port());
    ASSERT_EQ(moderator.hello(debate_.id, debate_.moderator_token)["role"], "moderator");
    ASSERT_EQ(asker.hello(debate_.id, voters_[0].who.token)["role"], "audience");
    for (int i = 1; i <= questions_to_upvote; ++i) {
      const auto asked = asker.command({{"type", "ask"}, {"text", "Standing question " + std::to_string(i)}});
      ASSERT_EQ(asked["type"], "ack") << asked;
      const std::string q = asked["result"]["question"];
      ASSERT_EQ(moderator.command({{"type", "approve"}, {"question", q}})["type"], "ack");
      questions_.push_back(number_of(q));
    }
    json options = json::array();
    for (int i = 0; i < poll_options; ++i) options.push_back("Option " + std::to_string(i));
    const auto created =
        moderator.command({{"type", "create_poll"}, {"kind", "single"}, {"question", "Which?"}, {"options", options}});
    ASSERT_EQ(created["type"], "ack") << created;
    poll_ = created["result"]["poll"];
    ASSERT_EQ(moderator.command({{"type", "open_poll"}, {"poll", poll_}})["type"], "ack");
  }

  // Every voter connects; its own state comes from its snapshot, since its last commands before a
  // kill may or may not have been committed. Returns the room's seq.
  std::uint64_t connect_voters() {
    std::uint64_t seq = 0;
    for (auto& v : voters_) {
      v.ws = std::make_unique<ws_client>(server_->port());
      const auto welcome = v.ws->hello(debate_.id, v.who.token);
      EXPECT_EQ(welcome["role"], "audience") << welcome;
      seq = welcome.value("seq", std::uint64_t{0});
      const auto snapshot = v.ws->wait_for([](const json& m) { return m.value("type", "") == "snapshot"; });
      const auto& me = snapshot["state"]["me"];
      v.upvoted.clear();
      for (const auto& q : me["votes"]) v.upvoted.insert(number_of(q.get<std::string>()));
      v.ballot.reset();
      if (me["ballots"].contains(poll_)) v.ballot = me["ballots"][poll_].get<int>();
    }
    return seq;
  }

  // One voter's burst: asks, upvote toggles and ballot changes, each one a new event, until its
  // budget is spent or the server is gone.
  void burst(voter& v, int round, unsigned seed) {
    std::mt19937 rng(seed);
    int asks = 0;
    for (int i = 0; i < commands_per_voter; ++i) {
      const auto id = "r" + std::to_string(round) + "-" + std::to_string(i);
      const auto pick = rng() % 3;
      acked a;
      a.participant = v.number;
      json command;
      if (pick == 0 && asks < asks_per_voter) {
        ++asks;
        const auto text = "Round " + std::to_string(round) + ", voter " + std::to_string(v.number) + ", question " +
                          std::to_string(i);
        command = {{"type", "ask"}, {"text", text}};
        a.type = "question_asked";
        a.fields = {{"text", text}, {"author", v.number}};
      } else if (pick == 1) {
        const auto q = questions_[rng() % questions_.size()];
        const bool on = !v.upvoted.contains(q);
        command = {{"type", "upvote"}, {"question", "q" + std::to_string(q)}, {"on", on}};
        a.type = "upvote_changed";
        a.fields = {{"question", q}, {"on", on}};
      } else {
        // Always a different choice than the current ballot, so every ballot is an event.
        int choice = static_cast<int>(rng() % poll_options);
        if (v.ballot && choice == *v.ballot) choice = (choice + 1) % poll_options;
        command = {{"type", "vote"}, {"poll", poll_}, {"choice", choice}};
        a.type = "ballot_cast";
        a.fields = {{"pick", choice}, {"poll", number_of(poll_)}};
      }
      const auto reply = try_command(*v.ws, command, id);
      if (!reply) {
        ++cut_off_;  // killed with this command in flight: its fate is unknown
        return;
      }
      if ((*reply)["type"] != "ack") {
        // The question limit (5 a minute) is the one refusal this burst may meet; it changes nothing.
        if ((*reply)["code"] == "rate_limited") continue;
        const std::lock_guard lock(mutex_);
        unexpected_.push_back(command.dump() + " -> " + reply->dump());
        continue;
      }
      a.seq = (*reply)["seq"];
      if (a.type == "question_asked") a.fields["question"] = number_of((*reply)["result"]["question"]);
      if (a.type == "upvote_changed") {
        if (a.fields["on"].get<bool>()) {
          v.upvoted.insert(a.fields["question"].get<int>());
        } else {
          v.upvoted.erase(a.fields["question"].get<int>());
        }
      }
      if (a.type == "ballot_cast") v.ballot = a.fields["pick"].get<int>();
      const std::lock_guard lock(mutex_);
      acks_.push_back(std::move(a));
      cv_.notify_all();
    }
  }

  // The file, checked with the server down.
  void check_file(int round) {
    SCOPED_TRACE("round " + std::to_string(round) + ": the database file");
    const auto f = read_file(db_, debate_.id);
    EXPECT_EQ(f.integrity, "ok");
    for (std::size_t i = 0; i < f.seqs.size(); ++i) {
      ASSERT_EQ(f.seqs[i], i + 1) << "seqs are not gapless";
    }
    std::set<std::uint64_t> seen;
    for (const auto& a : acks_) {
      EXPECT_TRUE(seen.insert(a.seq).second) << "two acks carry seq " << a.seq;
      const auto it = f.events.find(a.seq);
      if (it == f.events.end()) {
        ADD_FAILURE() << "acknowledged " << a.type << " at seq " << a.seq << " is missing";
        continue;
      }
      EXPECT_EQ(it->second.type, a.type) << "at seq " << a.seq;
      if (a.type != "question_asked") {
        EXPECT_EQ(it->second.body["participant"], a.participant) << "at seq " << a.seq;
      }
      for (const auto& [key, value] : a.fields.items()) {
        EXPECT_EQ(it->second.body[key], value) << key << " at seq " << a.seq << ": " << it->second.body;
      }
    }
    file_ = f;
  }

  // The restarted server: a fresh moderator's snapshot, and a catch-up from `from`.
  void check_restarted(int round, std::uint64_t from) {
    SCOPED_TRACE("round " + std::to_string(round) + ": after restart");
    const auto last = file_.seqs.empty() ? 0 : file_.seqs.back();
    const auto state = replay(file_, number_of(poll_));

    ws_client fresh(server_->port());
    const auto welcome = fresh.hello(debate_.id, debate_.moderator_token);
    ASSERT_EQ(welcome["type"], "welcome") << welcome;
    EXPECT_EQ(welcome["seq"], last);
    const auto snapshot = fresh.wait_for([](const json& m) { return m.value("type", "") == "snapshot"; });
    ASSERT_TRUE(snapshot.is_object());
    EXPECT_EQ(snapshot["seq"], last);
    std::map<std::string, json> questions;
    for (const auto& q : snapshot["state"]["questions"]) questions[q["text"]] = q;
    EXPECT_EQ(questions.size(), state.asked.size());
    for (const auto& [text, number] : state.asked) {
      const auto it = questions.find(text);
      if (it == questions.end()) {
        ADD_FAILURE() << "question missing from the snapshot: " << text;
        continue;
      }
      EXPECT_EQ(it->second["id"], "q" + std::to_string(number));
      const auto votes = state.upvoters.contains(number) ? state.upvoters.at(number).size() : 0;
      EXPECT_EQ(it->second["votes"], votes) << text;
    }
    json tally;
    for (const auto& p : snapshot["state"]["polls"]) {
      if (p["id"] == poll_) tally = p["tally"];
    }
    ASSERT_TRUE(tally.is_object()) << "the moderator's view of the poll has no tally";
    std::vector<int> counts(poll_options, 0);
    for (const auto& [participant, pick] : state.ballots) ++counts[static_cast<std::size_t>(pick)];
    EXPECT_EQ(tally["ballots"], state.ballots.size());
    EXPECT_EQ(tally["counts"], json(counts));

    // Catch-up from the round's first seq: every published event after it, once, in order; the
    // ballots arrive as figures in the tallies that end the replay.
    ws_client resumed(server_->port());
    const auto again = resumed.hello(debate_.id, debate_.moderator_token, from);
    ASSERT_EQ(again["resume"], "events") << again;
    const auto tallies = resumed.wait_for([](const json& m) { return m.value("type", "") == "tallies"; });
    EXPECT_EQ(tallies["polls"][poll_]["ballots"], state.ballots.size());
    std::vector<std::uint64_t> replayed_seqs;
    std::uint64_t previous = from;
    for (const auto& m : resumed.received()) {
      if (m.value("type", "") != "event") continue;
      const auto seq = m["seq"].get<std::uint64_t>();
      replayed_seqs.push_back(seq);
      EXPECT_GT(seq, previous) << "replayed out of order or twice";
      if (replayed_seqs.size() > 1) {
        EXPECT_EQ(m["prev"], previous) << "prev does not chain at seq " << seq;
      }
      previous = seq;
    }
    std::vector<std::uint64_t> expected;
    for (const auto& [seq, e] : file_.events) {
      if (seq > from && e.type != "ballot_cast") expected.push_back(seq);
    }
    EXPECT_EQ(replayed_seqs, expected);
  }

  temp_dir dir_;
  std::filesystem::path db_ = dir_.path() / "tribune.db";
  std::unique_ptr<server_process> server_;
  debate debate_;
  std::vector<voter> voters_;
  std::vector<int> questions_;
  std::string poll_;

  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<acked> acks_;  // every ack of every round
  std::vector<std::string> unexpected_;
  std::atomic<int> cut_off_{0};  // voters whose command was in flight when the server died
  file_view file_;
};

TEST_F(crash, twenty_kills_mid_burst_lose_nothing_acknowledged) {
  start();
  set_up_debate();
  ASSERT_FALSE(HasFatalFailure());
  std::mt19937 rng(std::random_device{}());
  std::uint64_t from = connect_voters();

  for (int round = 1; round <= rounds; ++round) {
    const auto acks_before = [&] {
      const std::lock_guard lock(mutex_);
      return acks_.size();
    }();
    // Kill after a random number of this round's acks, well inside the round's budget, so
    // commands are still in flight when the signal lands.
    const std::size_t kill_after = 5 + rng() % static_cast<unsigned>(voters * commands_per_voter / 2);
    cut_off_ = 0;
    std::vector<std::thread> threads;
    for (auto& v : voters_) threads.emplace_back([&, seed = static_cast<unsigned>(rng())] { burst(v, round, seed); });
    {
      std::unique_lock lock(mutex_);
      const bool reached = cv_.wait_for(lock, 20s, [&] { return acks_.size() - acks_before >= kill_after; });
      EXPECT_TRUE(reached) << "round " << round << ": only " << acks_.size() - acks_before << " acks";
    }
    server_->kill_hard();
    for (auto& t : threads) t.join();
    for (auto& v : voters_) v.ws.reset();
    EXPECT_GT(cut_off_.load(), 0) << "round " << round << ": the kill came after the burst, not during it";
    std::fprintf(stderr, "round %d: %zu acks, kill after %zu, %d voters cut off\n", round, acks_.size() - acks_before,
                 kill_after, cut_off_.load());
    {
      const std::lock_guard lock(mutex_);
      for (const auto& u : unexpected_) ADD_FAILURE() << "round " << round << ": refused " << u;
      unexpected_.clear();
    }

    check_file(round);
    start();
    ASSERT_FALSE(HasFatalFailure());
    check_restarted(round, from);
    if (HasFailure()) break;  // one broken round tells the story; the next would only repeat it
    from = connect_voters();
  }
  EXPECT_GE(acks_.size(), static_cast<std::size_t>(rounds * 5));
  EXPECT_EQ(server_->terminate(), 0);
}

}  // namespace
}  // namespace tribune::testing
