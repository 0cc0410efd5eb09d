#include "show_script.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "show_ids.hpp"

namespace bench {
namespace {

constexpr std::size_t open_at_once = 8;  // regular polls open together

constexpr std::array poll_options = {"Oui", "Non", "Sans avis", "Plutôt oui", "Plutôt non", "Cela dépend"};
constexpr std::array kinds = {"single", "single", "scale",      "single", "multiple",
                              "single", "scale",  "word_cloud", "single", "single"};

bool speaks_in(const segment_info& seg, const panel_seat& p) {
  const auto has = [&](const std::string& w) {
    return std::find(seg.speakers.begin(), seg.speakers.end(), w) != seg.speakers.end();
  };
  return seg.speakers.empty() || has(p.role) || has(p.side);
}

}  // namespace

show_script::show_script(const show_plan& plan, std::vector<segment_info> segments, std::vector<panel_seat> panel,
                         show_driver& d)
    : plan_(plan),
      segments_(std::move(segments)),
      panel_(std::move(panel)),
      d_(d),
      rng_(plan.seed),
      text_(rng_),
      waves_(std::max<std::size_t>(1, (plan.participants + plan.wave - 1) / std::max<std::size_t>(plan.wave, 1))),
      after_vote_(plan.participants, -1) {
  if (segments_.empty()) segments_.push_back(segment_info{1, true, true, {}});
  plan_segments();
  plan_polls();
  plan_shares();
}

// Each segment gets a share of the waves in proportion to its minutes.
void show_script::plan_segments() {
  std::uint64_t total = 0;
  for (const auto& s : segments_) total += std::max<std::uint32_t>(s.minutes, 1);
  segment_of_.assign(waves_, 1);
  std::uint64_t before = 0;
  for (std::size_t i = 0; i < segments_.size(); ++i) {
    for (auto w = static_cast<std::size_t>(before * waves_ / total); w < waves_; ++w) segment_of_[w] = i + 1;
    before += std::max<std::uint32_t>(segments_[i].minutes, 1);
  }
  for (std::size_t w = 0; w < waves_; ++w) {
    asks_.push_back(segments_[segment_of_[w] - 1].questions);
    posts_.push_back(segments_[segment_of_[w] - 1].arguments);
  }
}

std::size_t show_script::first_wave_of(std::size_t segment) const {
  for (std::size_t w = 0; w < waves_; ++w) {
    if (segment_of_[w] >= segment) return w;
  }
  return waves_;
}

// The vote before until the second segment; the regular polls between it and the last segment,
// about eight open at once; the vote after in the last segment, closed at the end.
void show_script::plan_polls() {
  const auto n = std::max<std::size_t>(plan_.polls, 2);
  const auto a = std::min(first_wave_of(2), waves_ - 1);
  const auto b = std::clamp(first_wave_of(segments_.size()), a, waves_ - 1);
  const auto regular = n - 2;
  const auto span = std::max<std::size_t>(1, (b - a) * open_at_once / std::max<std::size_t>(regular, 1));
  polls_.push_back(poll_plan{0, "single", 3, 0, std::max<std::size_t>(a, 1), false, false, false, true});
  for (std::size_t j = 0; j < regular; ++j) {
    poll_plan p{0, kinds[j % kinds.size()], 0, a + j * (b - a) / regular, 0, false, false, false, false};
    p.options = p.kind == "single" ? 3 + static_cast<std::uint32_t>(j % 3) : p.kind == "multiple" ? 4 : 0;
    p.closes = std::min(waves_, std::max(p.opens + 1, std::min(b, p.opens + span)));
    polls_.push_back(p);
  }
  polls_.push_back(poll_plan{0, "single", 3, b, waves_, false, false, false, true});
}

// Each member's ballots, ratings and upvotes: what the events still need once the rest is counted
// (joins, questions and their moderation, arguments, polls, the run of show), less 1 % made up at
// the end with changes of the vote after.
void show_script::plan_shares() {
  panel_arguments_ = panel_.size() > 1 ? plan_.arguments / 5 : 0;
  const auto q = plan_.questions;
  const auto a = plan_.arguments;
  const std::size_t fixed = 1 + panel_.size() * 2 + plan_.participants + q + q * 85 / 100 + q * 75 / 100 * 3 / 10 +
                            a * 2 - panel_arguments_ + a / 10 + polls_.size() * 4 + segments_.size() + waves_ * 3;
  const auto reserve = plan_.events / 100;
  const auto left = plan_.events > fixed + reserve ? plan_.events - fixed - reserve : 0;
  quota_ = std::min(member_limit, left / std::max<std::size_t>(plan_.participants, 1));
}

// `total` spread over the waves where `where` holds: wave w's part.
std::size_t show_script::share(std::size_t total, const std::vector<bool>& where, std::size_t w) const {
  if (!where[w]) return 0;
  const auto k =
      static_cast<std::size_t>(std::count(where.begin(), where.begin() + static_cast<std::ptrdiff_t>(w), true));
  const auto m = static_cast<std::size_t>(std::count(where.begin(), where.end(), true));
  return total * (k + 1) / m - total * k / m;
}

void show_script::prepare() {
  for (const auto& p : panel_) d_.moderate({{"type", "set_on_stage"}, {"panelist", id_of('g', p.id)}, {"on", true}});
  for (std::size_t i = 0; i < polls_.size(); ++i) {
    auto& p = polls_[i];
    json cmd{{"type", "create_oxford_poll"}, {"phase", i == 0 ? "before" : "after"}};
    if (!p.oxford) {
      cmd = json{{"type", "create_poll"}, {"kind", p.kind}, {"question", text_.title()}};
      if (p.options > 0)
        cmd["options"] = std::vector<std::string>(poll_options.begin(), poll_options.begin() + p.options);
    }
    d_.moderate(std::move(cmd), [&p](std::string_view line, bool ok) {
      if (ok) p.id = acked_id(line, "\"poll\":\"");
    });
  }
}

bool show_script::stage(std::size_t w) {
  if (segment_ >= segment_of_[w] || stage_refused_) return false;
  const char* step = segment_ == 0 ? "start_show" : "advance";
  d_.moderate({{"type", step}}, [this](std::string_view, bool ok) {
    segment_ += ok ? 1 : 0;
    stage_refused_ = !ok;
  });
  return true;
}

void show_script::moderate(std::size_t w) {
  moderate_polls(w);
  moderate_questions(w);
  moderate_arguments(w);
  give_floor();
  panel_arguments(w);
}

// Reveals most polls closed before, closes those due, opens those due: never two steps of one poll.
void show_script::moderate_polls(std::size_t w) {
  for (auto& p : polls_) {
    if (p.id == 0) continue;
    const auto poll = id_of('v', p.id);
    if (p.closed && !p.revealed && p.id % 5 != 0) {
      d_.moderate({{"type", "reveal_poll"}, {"poll", poll}}, [&p](std::string_view, bool ok) { p.revealed = ok; });
    } else if (p.open && !p.closed && p.closes == w) {
      d_.moderate({{"type", "close_poll"}, {"poll", poll}}, [&p](std::string_view, bool ok) { p.closed = ok; });
    } else if (!p.open && p.opens == w) {
      d_.moderate({{"type", "open_poll"}, {"poll", poll}}, [&p](std::string_view, bool ok) { p.open = ok; });
    }
  }
}

// The new questions approved, dismissed or left pending; the oldest approved ones answered (about
// 30 % of those approved), the next one put on air, now and then another pinned.
void show_script::moderate_questions(std::size_t w) {
  for (const auto q : std::exchange(fresh_questions_, {})) {
    const auto r = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (r < 0.75) {
      d_.moderate({{"type", "approve"}, {"question", id_of('q', q)}}, [this, q](std::string_view, bool ok) {
        if (ok) open_questions_.push_back(q);
        n_.approved += ok ? 1 : 0;
      });
    } else if (r < 0.85) {
      d_.moderate({{"type", "dismiss"}, {"question", id_of('q', q)}, {"reason", text_.hide_reason()}},
                  [this](std::string_view, bool ok) { n_.dismissed += ok ? 1 : 0; });
    }
  }
  std::size_t answering = 0;
  while (n_.answered + answering < n_.approved * 3 / 10 && answering < open_questions_.size()) {
    const auto q = open_questions_[answering++];
    d_.moderate({{"type", "mark_answered"}, {"question", id_of('q', q)}}, [this, q](std::string_view, bool ok) {
      if (ok) std::erase(open_questions_, q);
      n_.answered += ok ? 1 : 0;
    });
  }
  if (answering < open_questions_.size()) {
    d_.moderate({{"type", "put_on_air"}, {"question", id_of('q', open_questions_[answering])}},
                [this](std::string_view, bool ok) { n_.on_air += ok ? 1 : 0; });
  }
  if (w % 5 == 4 && answering + 1 < open_questions_.size()) {
    const auto q = open_questions_[answering + 1 + below(open_questions_.size() - answering - 1)];
    d_.moderate({{"type", "pin"}, {"question", id_of('q', q)}, {"pinned", true}});
  }
}

// The new arguments approved (85 %) or dismissed with a reason; one featured every third wave, and
// published ones marked as addressed in order, one wave in two.
void show_script::moderate_arguments(std::size_t w) {
  for (const auto a : std::exchange(fresh_arguments_, {})) {
    if (chance(0.85)) {
      d_.moderate({{"type", "approve_argument"}, {"argument", id_of('a', a)}}, [this, a](std::string_view, bool ok) {
        if (ok) published_.push_back(a);
        n_.published += ok ? 1 : 0;
      });
    } else {
      d_.moderate({{"type", "dismiss_argument"}, {"argument", id_of('a', a)}, {"reason", text_.hide_reason()}},
                  [this](std::string_view, bool ok) { n_.args_dismissed += ok ? 1 : 0; });
    }
  }
  if (published_.empty()) return;
  if (w % 3 == 0) {
    d_.moderate({{"type", "feature_argument"}, {"argument", id_of('a', published_[below(published_.size())])}});
  }
  if (w % 2 == 1 && addressed_ < published_.size()) {
    d_.moderate({{"type", "mark_addressed"}, {"argument", id_of('a', published_[addressed_++])}});
  }
}

// The floor to the next panelist this segment lets speak.
void show_script::give_floor() {
  if (segment_ == 0 || panel_.empty()) return;
  const auto& seg = segments_[segment_ - 1];
  for (std::size_t tries = 0; tries < panel_.size(); ++tries) {
    const auto& p = panel_[turn_++ % panel_.size()];
    if (!speaks_in(seg, p)) continue;
    d_.moderate({{"type", "grant_floor"}, {"speaker", id_of('g', p.id)}});
    return;
  }
}

json show_script::argument_command(const std::string& stance) {
  json cmd{{"type", "post_argument"}, {"text", text_.comment()}, {"stance", stance}};
  if (!published_.empty() && chance(0.3)) {
    cmd["parent"] = id_of('a', published_[below(published_.size())]);
    cmd["relation"] = chance(0.5) ? "rebuts" : chance(0.5) ? "opposes" : "supports";
  }
  if (chance(0.1)) cmd["source"] = "https://www.insee.fr/fr/statistiques/" + std::to_string(1000 + below(9000));
  return cmd;
}

// The panelists who took a side post their arguments directly: published at once.
void show_script::panel_arguments(std::size_t w) {
  std::vector<const panel_seat*> sided;
  for (const auto& p : panel_) {
    if (p.side != "none" && p.c != nullptr) sided.push_back(&p);
  }
  if (sided.empty()) return;
  const std::vector<bool> every(waves_, true);
  for (std::size_t i = 0, n = share(panel_arguments_, every, w); i < n; ++i) {
    const auto& p = *sided[(w + i) % sided.size()];
    d_.send(*p.c, argument_command(p.side), [this](std::string_view line, bool ok) {
      if (!ok) return;
      published_.push_back(acked_id(line, "\"argument\":\""));
      ++n_.posted;
      ++n_.by_panel;
      ++n_.published;
    });
  }
}

void show_script::close_polls() {
  for (auto& p : polls_) {
    if (p.id == 0 || !p.open || p.closed) continue;
    d_.moderate({{"type", "close_poll"}, {"poll", id_of('v', p.id)}},
                [&p](std::string_view, bool ok) { p.closed = ok; });
  }
}

void show_script::end() {
  for (auto& p : polls_) {
    if (p.id == 0 || !p.closed || p.revealed) continue;
    d_.moderate({{"type", "reveal_poll"}, {"poll", id_of('v', p.id)}},
                [&p](std::string_view, bool ok) { p.revealed = ok; });
  }
  d_.moderate({{"type", "end_show"}});
}

json show_script::counts() const {
  std::size_t revealed = 0;
  for (const auto& p : polls_) revealed += p.revealed ? 1 : 0;
  return json{{"waves", waves_},
              {"segments_run", segment_},
              {"member_quota", quota_},
              {"questions",
               {{"asked", n_.asked},
                {"approved", n_.approved},
                {"answered", n_.answered},
                {"dismissed", n_.dismissed},
                {"put_on_air", n_.on_air}}},
              {"arguments",
               {{"posted", n_.posted},
                {"by_panel", n_.by_panel},
                {"published", n_.published},
                {"dismissed", n_.args_dismissed}}},
              {"polls", {{"created", polls_.size()}, {"revealed", revealed}}},
              {"ballots", n_.ballots},
              {"ratings", n_.ratings},
              {"upvotes", n_.upvotes},
              {"reactions", n_.reactions}};
}

}  // namespace bench
