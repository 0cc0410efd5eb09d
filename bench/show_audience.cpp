// The audience's part of the show (show_script.hpp): what each member of a wave sends, and the
// ballots, chosen so that each one adds an event.
#include <algorithm>
#include <array>
#include <iterator>

#include "show_ids.hpp"
#include "show_script.hpp"

namespace bench {
namespace {

constexpr std::array words = {"écologie", "emploi", "santé",  "logement", "transports", "éducation",
                              "énergie",  "climat", "impôts", "culture",  "sécurité",   "numérique"};
constexpr std::array reactions = {"applause", "agree", "disagree", "laugh", "confused"};

}  // namespace

template <class T>
std::vector<T> show_script::pick(const std::vector<T>& from, std::size_t n) {
  std::vector<T> out;
  std::sample(from.begin(), from.end(), std::back_inserter(out), n, rng_);
  return out;
}

void show_script::audience(std::size_t w, std::size_t p, conn& c) {
  const auto first = w * plan_.wave;
  const auto size = std::min(plan_.wave, plan_.participants - first);
  const auto k = p - first;
  if (k < share(plan_.questions, asks_, w)) {
    d_.send(c, {{"type", "ask"}, {"text", text_.title()}, {"anonymous", chance(0.2)}},
            [this](std::string_view line, bool ok) {
              if (ok) fresh_questions_.push_back(acked_id(line, "\"question\":\""));
              n_.asked += ok ? 1 : 0;
            });
  }
  if (size - 1 - k < share(plan_.arguments - panel_arguments_, posts_, w)) {
    d_.send(c, argument_command(chance(0.5) ? "for" : "against"), [this](std::string_view line, bool ok) {
      if (ok) fresh_arguments_.push_back(acked_id(line, "\"argument\":\""));
      n_.posted += ok ? 1 : 0;
    });
  }
  const auto rated = pick(published_, std::min(quota_ / 4, published_.size()));
  for (const auto a : rated) {
    const auto r = below(20);
    const char* rating = r < 10 ? "agree" : r < 17 ? "disagree" : "pass";
    d_.send(c, {{"type", "rate_argument"}, {"argument", id_of('a', a)}, {"rating", rating}},
            [this](std::string_view, bool ok) { n_.ratings += ok ? 1 : 0; });
  }
  const auto upvoted = pick(open_questions_, std::min(quota_ / 8, open_questions_.size()));
  for (const auto q : upvoted) {
    d_.send(c, {{"type", "upvote"}, {"question", id_of('q', q)}, {"on", true}},
            [this](std::string_view, bool ok) { n_.upvotes += ok ? 1 : 0; });
  }
  if (chance(0.3)) {
    d_.send(c, {{"type", "react"}, {"kind", reactions[below(reactions.size())]}},
            [this](std::string_view, bool ok) { n_.reactions += ok ? 1 : 0; });
  }
  ballots(p, c, quota_ - rated.size() - upvoted.size());
}

// n ballots over the open polls in turn: a first choice on each, then changes.
std::size_t show_script::ballots(std::size_t p, conn& c, std::size_t n) {
  std::vector<poll_plan*> open;
  for (auto& x : polls_) {
    if (x.open && !x.closed) open.push_back(&x);
  }
  if (open.empty()) return 0;
  std::vector<int> last(open.size(), -1);
  for (std::size_t i = 0; i < n; ++i) {
    auto& poll = *open[i % open.size()];
    auto& previous = &poll == &polls_.back() ? after_vote_[p] : last[i % open.size()];
    d_.send(c, ballot(poll, previous), [this](std::string_view, bool ok) { n_.ballots += ok ? 1 : 0; });
  }
  return n;
}

// A ballot other than `last` (which it updates): an option, 1-5, a set of options or a word. The
// first ballots of the Oxford votes lean for the motion, more so after; some of the vote after
// name the argument that changed the voter's mind.
json show_script::ballot(const poll_plan& p, int& last) {
  const auto other = [&](std::size_t n) {
    if (last < 0 || n < 2) return static_cast<int>(below(n));
    return static_cast<int>((static_cast<std::size_t>(last) + 1 + below(n - 1)) % n);
  };
  json cmd{{"type", "vote"}, {"poll", id_of('v', p.id)}};
  if (p.kind == "word_cloud") {
    last = other(words.size());
    cmd["choice"] = words[static_cast<std::size_t>(last)];
  } else if (p.kind == "scale") {
    last = other(5);
    cmd["choice"] = last + 1;
  } else if (p.kind == "multiple") {
    last = other((std::size_t{1} << p.options) - 1);
    std::vector<int> picked;
    for (std::uint32_t i = 0; i < p.options; ++i) {
      if (((static_cast<unsigned>(last) + 1U) >> i) & 1U) picked.push_back(static_cast<int>(i));
    }
    cmd["choice"] = picked;
  } else if (p.oxford && last < 0) {
    const auto r = below(100);
    const bool after = &p == &polls_.back();
    last = r < (after ? 48U : 40U) ? 0 : r < 88U ? 1 : 2;
    cmd["choice"] = last;
  } else {
    last = other(p.options);
    cmd["choice"] = last;
  }
  if (&p == &polls_.back() && !published_.empty() && chance(0.2)) {
    cmd["changed_by"] = id_of('a', published_[below(published_.size())]);
  }
  return cmd;
}

void show_script::change_after_vote(std::size_t p, conn& c, std::size_t n) {
  auto& after = polls_.back();
  if (!after.open || after.closed) return;
  for (std::size_t i = 0; i < std::min(n, member_limit); ++i) {
    d_.send(c, ballot(after, after_vote_[p]), [this](std::string_view, bool ok) { n_.ballots += ok ? 1 : 0; });
  }
}

}  // namespace bench
