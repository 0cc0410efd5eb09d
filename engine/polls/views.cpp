// What each view shows of polls: the tally only once revealed to the public (always to
// moderators), and the Oxford result once the after vote is closed.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/polls/polls.hpp"
#include "engine/state.hpp"

namespace tribune::engine {
namespace {

namespace wire = protocol::wire;
namespace data = protocol::data;

constexpr std::size_t max_cloud_words = 50;

double round1(double x) { return std::round(x * 10.0) / 10.0; }

bool tally_visible(const poll& p, view v) { return v == view::moderator_view || p.revealed; }

wire::shares shares_of(const poll& p) {
  const auto total = std::accumulate(p.counts.begin(), p.counts.end(), std::uint64_t{0});
  const auto share = [&](std::size_t i) {
    const auto n = i < p.counts.size() ? p.counts[i] : 0;
    const double pct = total == 0 ? 0.0 : 100.0 * static_cast<double>(n) / static_cast<double>(total);
    return wire::share{n, round1(pct)};
  };
  return wire::shares{share(0), share(1), share(2), total};
}

std::optional<double> mean_of(const poll& p) {
  std::uint64_t n = 0;
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < p.counts.size(); ++i) {
    n += p.counts[i];
    sum += p.counts[i] * (i + protocol::scale_low);
  }
  if (n == 0) return std::nullopt;
  return round1(static_cast<double>(sum) / static_cast<double>(n));
}

std::vector<wire::cloud_word> cloud_of(const poll& p) {
  std::vector<wire::cloud_word> words;
  for (const auto& [w, n] : p.words) words.push_back({w, n});
  std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
  if (words.size() > max_cloud_words) words.resize(max_cloud_words);
  return words;
}

data::poll_changed poll_change(const state& s, poll_id id, view v) {
  return {poll_view(*s.find_poll(id), v), oxford_result(s)};
}

}  // namespace

wire::tally tally_of(const poll& p) {
  wire::tally out;
  out.ballots = p.ballots.size();
  out.counts = p.counts;
  if (p.kind == protocol::poll_kind::scale) out.mean = mean_of(p);
  if (p.kind == protocol::poll_kind::word_cloud) out.words = cloud_of(p);
  out.changed_by = p.changed_by;
  return out;
}

wire::poll poll_view(const poll& p, view v) {
  wire::poll out{p.id, p.kind, p.question, p.options, p.status, p.revealed, p.phase, p.ballots.size(), {}};
  if (tally_visible(p, v)) out.figures = tally_of(p);
  return out;
}

std::optional<wire::oxford_result> oxford_result(const state& s) {
  const poll* before = nullptr;
  const poll* after = nullptr;
  for (const auto& p : s.polls) {
    if (p.phase == protocol::oxford_phase::before) before = &p;
    if (p.phase == protocol::oxford_phase::after) after = &p;
  }
  if (before == nullptr || after == nullptr || after->status != protocol::poll_status::closed ||
      before->status == protocol::poll_status::draft) {
    return std::nullopt;
  }
  wire::oxford_result out{shares_of(*before), shares_of(*after), 0, 0, protocol::side::none};
  const double swing_for = out.after.for_side.percent - out.before.for_side.percent;
  const double swing_against = out.after.against_side.percent - out.before.against_side.percent;
  out.swing_for = round1(swing_for);
  out.swing_against = round1(swing_against);
  out.winner = swing_for > swing_against   ? protocol::side::for_motion
               : swing_against > swing_for ? protocol::side::against_motion
                                           : protocol::side::none;
  return out;
}

data::poll_created view_of(const state& s, const ev::poll_created& x, view v) {
  return {poll_view(*s.find_poll(x.poll), v)};
}
data::poll_changed view_of(const state& s, const ev::poll_opened& x, view v) { return poll_change(s, x.poll, v); }
data::poll_changed view_of(const state& s, const ev::poll_closed& x, view v) { return poll_change(s, x.poll, v); }
data::poll_changed view_of(const state& s, const ev::poll_revealed& x, view v) { return poll_change(s, x.poll, v); }

void add_polls(protocol::snapshot& out, const state& s, view v, std::optional<participant_id> me) {
  for (const auto& p : s.polls) {
    out.polls.push_back(poll_view(p, v));
    if (!me || !out.mine) continue;
    if (const auto it = p.ballots.find(*me); it != p.ballots.end()) out.mine->ballots[p.id] = it->second;
  }
  out.oxford = oxford_result(s);
}

}  // namespace tribune::engine
