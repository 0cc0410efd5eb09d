#include "node_kill.hpp"

#include <algorithm>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "client_hooks.hpp"
#include "figures.hpp"
#include "line_scan.hpp"
#include "net.hpp"
#include "pacing.hpp"
#include "publishers.hpp"
#include "replies.hpp"
#include "resume.hpp"
#include "runner.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

// One listener's vote in the current round, and its recovery when its node was the one killed.
struct voter {
  bool due = false;  // its time in the schedule came (sent then, or on its next welcome)
  bool answered = false;
  std::int64_t id = 0;  // the command id of the vote last sent
  std::int64_t first_sent = 0;
  bool moved = false;           // on the killed node this round
  std::int64_t target_seq = 0;  // moved: the newest seq any survivor held when it was welcomed again
  std::int64_t welcomed_at = 0;
  std::int64_t caught_up_at = 0;
  std::int64_t seen = 0;  // the newest seq it received (events, tallies, snapshot)
};

// Built by appending: GCC 12 warns (-Wrestrict, a false positive) on a literal + std::to_string.
std::string vote_key(std::size_t round, std::size_t listener) {
  std::string key = "bench-r";
  key += std::to_string(round);
  key += "-v";
  key += std::to_string(listener);
  return key;
}

struct kill_hooks : client_hooks {
  explicit kill_hooks(runner& run) : r(run), voters(run.listeners().size()) {}
  runner& r;
  std::vector<voter> voters;
  std::size_t round = 0;
  std::string poll;
  std::size_t opened = 0;
  std::size_t victim = 0;
  bool killed = false;
  std::vector<std::size_t> survivors;
  std::size_t next_survivor = 0;
  std::int64_t survivor_seq = 0;
  std::int64_t closed_ballots = -1;
  std::uint64_t resent = 0, duplicate_acks = 0, unavailable = 0, failed_opens_before = 0;
  reply_tally votes;

  void send_vote(conn& c) {
    auto& v = voters[c.index];
    if (!v.first_sent) v.first_sent = now_ns();
    v.id = c.send_command(json{{"type", "vote"},
                               {"poll", poll},
                               {"choice", static_cast<int>(c.index % 2)},
                               {"key", vote_key(round, c.index)}});
  }
  asio::awaitable<void> retry(conn& c, std::int64_t id) {
    static std::mt19937 rng(7);
    co_await sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(20, 200)(rng)));
    // Unless it went out again meanwhile (on a new welcome) or its connection is away (the next
    // welcome sends it).
    if (voters[c.index].id == id && !voters[c.index].answered && c.open && c.ready) send_vote(c);
  }
  void note_seq(conn& c, std::int64_t seq, std::int64_t now) {
    auto& v = voters[c.index];
    v.seen = std::max(v.seen, seq);
    if (!v.moved) survivor_seq = std::max(survivor_seq, seq);
    if (v.moved && v.welcomed_at && !v.caught_up_at && v.seen >= v.target_seq) v.caught_up_at = now;
  }
  void on_line(conn& c, std::string_view line, std::string_view type, std::int64_t now) override {
    if (c.role != kind::audience) return;
    auto& v = voters[c.index];
    if (type == "welcome") {
      if (v.moved && killed && !v.welcomed_at) {
        v.welcomed_at = now;
        v.target_seq = survivor_seq;
        note_seq(c, 0, now);
      }
      if (v.due && !v.answered) {
        send_vote(c);
        ++resent;
      }
    } else if (type == "tallies" || type == "snapshot") {
      note_seq(c, first_number(line, "\"seq\":").value_or(0), now);
    }
  }
  void on_event(conn& c, std::string_view line, std::int64_t seq, std::string_view name, std::int64_t now) override {
    if (c.role != kind::audience) return;
    note_seq(c, seq, now);
    if (name == "poll_opened") ++opened;
    if (name == "poll_closed" && c.index == 0) closed_ballots = first_number(line, "\"ballots\":").value_or(-1);
  }
  void on_reply(conn& c, std::string_view line, std::int64_t id, bool ok, std::int64_t, std::int64_t now) override {
    if (c.role == kind::moderator) {
      if (const auto p = last_string(line, "\"poll\":\""); !p.empty()) poll = std::string(p);
      return;
    }
    auto& v = voters[c.index];
    if (id != v.id || v.answered) return;
    if (!ok && line.find("\"code\":\"unavailable\"") != std::string_view::npos) {
      // Nothing was recorded and the server asks to try again: a client does, with the same key.
      ++unavailable;
      asio::co_spawn(r.io(), retry(c, v.id), asio::detached);
      return;
    }
    v.answered = true;
    votes.count_timed(ok, line, v.first_sent, now);
    if (ok && line.find("\"duplicate\":true") != std::string_view::npos) ++duplicate_acks;
  }
  void on_closed(conn& c) override {
    if (c.role != kind::audience) return;
    if (killed && c.node == victim) c.node = survivors[next_survivor++ % survivors.size()];
    asio::co_spawn(r.io(), resume(r, c), asio::detached);
  }
};

// Brings every listener back to its own node (listener i on node i mod nodes) and waits for them.
asio::awaitable<bool> rebalance(runner& r) {
  for (auto& c : r.listeners()) {
    const auto home = c->index % r.nodes();
    if (c->node == home && c->open) continue;
    c->node = home;
    client_io::close(*c);
    asio::co_spawn(r.io(), resume(r, *c), asio::detached);
  }
  co_return co_await wait_until([&] { return r.ready_listeners() == r.listeners().size(); }, 60s);
}

// Creates and opens the round's poll; true once every listener saw it open.
asio::awaitable<bool> open_poll(runner& r, kill_hooks& h, conn& mod) {
  mod.send_command(json{{"type", "create_poll"},
                        {"kind", "single"},
                        {"question", "Round " + std::to_string(h.round + 1) + ": should cities ban cars?"},
                        {"options", {"Yes", "No"}}});
  if (!co_await wait_until([&] { return !h.poll.empty(); }, 10s)) co_return false;
  mod.send_command(json{{"type", "open_poll"}, {"poll", h.poll}});
  if (!co_await wait_until([&] { return h.opened >= r.listeners().size(); }, 30s)) co_return false;
  co_await sleep_for(200ms);
  co_return true;
}

void start_round(runner& r, kill_hooks& h, std::size_t round) {
  h.round = round;
  h.victim = 1 + round % (r.nodes() - 1);
  h.survivors.clear();
  for (std::size_t i = 0; i < r.nodes(); ++i) {
    if (i != h.victim) h.survivors.push_back(i);
  }
  h.next_survivor = 0;
  h.killed = false;
  h.poll.clear();
  h.opened = 0;
  h.closed_ballots = -1;
  h.resent = h.duplicate_acks = h.unavailable = 0;
  h.failed_opens_before = resume_failures();
  h.votes = reply_tally{};
  for (auto& c : r.listeners()) h.voters[c->index] = voter{.moved = c->node == h.victim};
}

json round_figures(runner& r, const kill_hooks& h, std::size_t kill_at, std::int64_t t_kill) {
  const auto n = static_cast<std::int64_t>(r.listeners().size());
  const auto acked = static_cast<std::int64_t>(h.votes.ok);
  std::int64_t moved = 0, welcomed = 0, caught = 0, last_welcome = 0, last_caught = 0, last_open = 0;
  for (const auto& c : r.listeners()) {
    const auto& v = h.voters[c->index];
    if (!v.moved) continue;
    ++moved;
    if (c->opened_at > t_kill) last_open = std::max(last_open, c->opened_at);
    if (v.welcomed_at) {
      ++welcomed;
      last_welcome = std::max(last_welcome, v.welcomed_at);
    }
    if (v.caught_up_at) {
      ++caught;
      last_caught = std::max(last_caught, v.caught_up_at);
    }
  }
  json f{{"round", h.round + 1},
         {"killed_node", h.victim + 1},
         {"kill_after_votes", kill_at},
         {"votes_sent", n},
         {"acked", acked},
         {"vote_errors", h.votes.errors},
         {"resent", h.resent},
         {"resent_found_applied", h.duplicate_acks},
         {"unavailable_retried", h.unavailable},
         {"counted", h.closed_ballots},
         {"acked_votes_lost", h.closed_ballots >= 0 ? std::max<std::int64_t>(acked - h.closed_ballots, 0) : acked},
         {"duplicates", std::max<std::int64_t>(h.closed_ballots - n, 0)},
         {"moved", moved},
         {"not_caught_up", moved - caught},
         {"reopen_failures", resume_failures() - h.failed_opens_before},
         {"kill_to_last_reopened_ms", last_open ? ms_between(t_kill, last_open) : -1},
         {"kill_to_all_welcomed_ms", welcomed == moved ? ms_between(t_kill, last_welcome) : -1},
         {"kill_to_all_caught_up_ms", caught == moved ? ms_between(t_kill, last_caught) : -1},
         {"ack_latency_ms", h.votes.latency.summary()}};
  h.votes.report_error(f);
  return f;
}

// One round: a poll, the votes, the kill partway, the recovery, the poll closed and counted.
asio::awaitable<json> play_round(runner& r, kill_hooks& h, conn& mod, std::size_t round, std::mt19937& rng) {
  if (!co_await rebalance(r)) co_return json{{"error", "listeners did not come back to their nodes"}};
  start_round(r, h, round);
  if (!co_await open_poll(r, h, mod)) co_return json{{"error", "the poll did not open on every screen"}};
  const auto n = r.listeners().size();
  const auto kill_at =
      static_cast<std::size_t>(std::uniform_real_distribution<double>(0.3, 0.7)(rng) * static_cast<double>(n));
  std::int64_t t_kill = 0;
  const scheduled_action vote = [&](std::uint64_t i, std::int64_t) {
    if (i == kill_at) {
      t_kill = now_ns();
      h.killed = true;
      r.node(h.victim)->kill_hard();
    }
    auto& c = *r.listeners()[i];
    h.voters[c.index].due = true;
    if (c.open && c.ready) h.send_vote(c);
    return true;
  };
  co_await spread_over(n, r.opts().spread, vote);
  co_await wait_until(
      [&] {
        return std::all_of(h.voters.begin(), h.voters.end(),
                           [](const voter& v) { return v.answered && (!v.moved || v.caught_up_at); });
      },
      60s);
  mod.send_command(json{{"type", "close_poll"}, {"poll", h.poll}});
  co_await wait_until([&] { return h.closed_ballots >= 0; }, 10s);
  auto figures = round_figures(r, h, kill_at, t_kill);
  h.killed = false;
  r.node(h.victim)->start();
  r.measured().node_restarted(h.victim, r.node(h.victim)->pid());
  co_return figures;
}

json totals(const json& rounds) {
  std::int64_t acked = 0, lost = 0, dups = 0, errors = 0, slow = 0;
  double worst = 0;
  bool all_caught = true;
  for (const auto& f : rounds) {
    acked += f.value("acked", std::int64_t{0});
    lost += f.value("acked_votes_lost", std::int64_t{0});
    dups += f.value("duplicates", std::int64_t{0});
    errors += f.value("vote_errors", std::int64_t{0});
    const auto ms = f.value("kill_to_all_caught_up_ms", -1.0);
    if (ms < 0) all_caught = false;
    worst = std::max(worst, ms);
    if (ms > 5000) ++slow;
  }
  return json{{"acked", acked},        {"acked_votes_lost", lost},    {"duplicates", dups},
              {"vote_errors", errors}, {"all_caught_up", all_caught}, {"kill_to_all_caught_up_worst_ms", worst},
              {"rounds_over_5s", slow}};
}

}  // namespace

asio::awaitable<void> run_node_kill(runner& r) {
  kill_hooks h(r);
  const scoped_hooks installed(r.clients(), h);
  auto* mod = co_await open_moderator(r);
  if (!mod) co_return;
  r.measured().begin();
  std::mt19937 rng(static_cast<std::mt19937::result_type>(r.opts().seed));
  json rounds = json::array();
  for (std::size_t round = 0; round < r.opts().rounds; ++round) {
    auto f = co_await play_round(r, h, *mod, round, rng);
    std::cerr << "round " << round + 1 << ": " << f.dump() << "\n";
    if (f.contains("error"))
      co_return r.fail("round " + std::to_string(round + 1) + ": " + f["error"].get<std::string>());
    rounds.push_back(std::move(f));
  }
  r.finish(json{{"rounds", rounds}, {"spread_s", r.opts().spread}, {"total", totals(rounds)}});
}

}  // namespace bench
