#include "quiz.hpp"

#include <algorithm>
#include <string>

#include "client_hooks.hpp"
#include "figures.hpp"
#include "histogram.hpp"
#include "line_scan.hpp"
#include "net.hpp"
#include "pacing.hpp"
#include "publishers.hpp"
#include "replies.hpp"
#include "runner.hpp"

namespace bench {
namespace {

using namespace std::chrono_literals;

constexpr int questions = 10;
constexpr int choices = 4;

struct quiz_hooks : client_hooks {
  std::string question;  // the open question's id, from the moderator's ack
  std::size_t started = 0;
  std::size_t closed = 0;
  std::size_t closed_without_board = 0;
  std::int64_t last_closed_at = 0;
  reply_tally answers;

  void on_event(conn& c, std::string_view line, std::int64_t, std::string_view name, std::int64_t now) override {
    if (c.role != kind::audience) return;
    if (name == "quiz_question_started") ++started;
    if (name == "quiz_question_closed") {
      ++closed;
      last_closed_at = std::max(last_closed_at, now);
      if (line.find("\"leaderboard\":{") == std::string_view::npos) ++closed_without_board;
    }
  }
  void on_reply(conn& c, std::string_view line, std::int64_t, bool good, std::int64_t, std::int64_t now) override {
    if (c.role == kind::moderator) {
      if (const auto z = last_string(line, "\"quiz_question\":\""); !z.empty()) question = std::string(z);
      return;
    }
    if (c.stamp) answers.count_timed(good, line, c.stamp, now);
  }
};

// Starts question `k` and waits until every listener has it.
asio::awaitable<bool> start_question(runner& r, conn& mod, quiz_hooks& h, int k) {
  h.question.clear();
  const auto seen_before = h.started;
  json question{{"type", "start_quiz_question"},
                {"text", "Question " + std::to_string(k + 1) + ": which year did the tramway come back?"},
                {"choices", {"1985", "1994", "2000", "2006"}},
                {"correct", k % choices},
                {"seconds", 120}};
  mod.send_command(question);
  if (!co_await wait_until([&] { return !h.question.empty(); }, 10s)) {
    r.fail("start_quiz_question got no ack");
    co_return false;
  }
  if (!co_await wait_until([&] { return h.started - seen_before >= r.open_listeners(); }, 30s)) {
    r.fail("quiz_question_started reached " + std::to_string(h.started - seen_before) + " listeners");
    co_return false;
  }
  co_return true;
}

}  // namespace

asio::awaitable<void> run_quiz(runner& r) {
  quiz_hooks h;
  const scoped_hooks installed(r.clients(), h);
  auto* mod = co_await open_moderator(r);
  if (mod == nullptr) co_return;

  r.measured().begin();
  histogram board_latency;
  std::int64_t worst_board = 0;
  std::size_t screens_short = 0;
  const auto n = r.listeners().size();
  for (int k = 0; k < questions; ++k) {
    if (!co_await start_question(r, *mod, h, k)) co_return;
    const auto answered_before = h.answers.answered();
    const scheduled_action answer = [&](std::uint64_t i, std::int64_t) {
      auto& c = *r.listeners()[i];
      c.stamp = now_ns();
      c.send_command(json{{"type", "answer_quiz"},
                          {"quiz_question", h.question},
                          {"choice", static_cast<int>((i + static_cast<std::uint64_t>(k)) % choices)}});
      return true;
    };
    co_await spread_over(n, r.opts().spread, answer);
    co_await wait_until([&] { return h.answers.answered() - answered_before >= r.open_listeners(); }, 60s);

    const auto closed_before = h.closed;
    h.last_closed_at = 0;
    const auto close_sent = now_ns();
    mod->send_command(json{{"type", "close_quiz_question"}, {"quiz_question", h.question}});
    const auto everyone = co_await wait_until([&] { return h.closed - closed_before >= r.open_listeners(); }, 10s);
    if (!everyone) screens_short += r.open_listeners() - (h.closed - closed_before);
    if (h.last_closed_at != 0) {
      board_latency.record(h.last_closed_at - close_sent);
      worst_board = std::max(worst_board, h.last_closed_at - close_sent);
    }
  }
  json result{{"players", n},
              {"questions", questions},
              {"answers_sent", n * questions},
              {"answers_ok", h.answers.ok},
              {"answer_errors", h.answers.errors},
              {"ack_latency_ms", h.answers.latency.summary()},
              {"leaderboard_after_close_ms", board_latency.summary()},
              {"leaderboard_after_close_worst_ms", round3(static_cast<double>(worst_board) / 1e6)},
              {"screens_without_leaderboard", screens_short + h.closed_without_board}};
  h.answers.report_error(result);
  r.finish(result);
}

}  // namespace bench
