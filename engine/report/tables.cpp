#include "engine/report/tables.hpp"

#include <algorithm>
#include <cstdio>

#include "engine/arguments/arguments.hpp"
#include "engine/stage/stage.hpp"
#include "protocol/ids.hpp"
#include "protocol/words.hpp"

namespace tribune::engine {
namespace {

std::string yes(bool b) { return b ? "yes" : "no"; }

std::string number(double x) {
  std::array<char, 32> text{};
  const auto n = std::snprintf(text.data(), text.size(), "%.3f", x);
  return {text.data(), static_cast<std::size_t>(n)};
}

std::string segment_name(const state& s, segment_id id) {
  return id >= 1 && id <= s.show.segments.size() ? s.show.segments[id - 1].name : std::string();
}

std::uint64_t minds_changed(const state& s, argument_id id) {
  std::uint64_t n = 0;
  for (const auto& p : s.polls) {
    if (const auto it = p.changed_by.find(id); it != p.changed_by.end()) n += it->second;
  }
  return n;
}

void option_rows(table& t, const poll& p, const std::vector<std::string>& cells) {
  auto row = [&](const std::string& option, std::uint64_t count) {
    auto r = cells;
    r.push_back(option);
    r.push_back(std::to_string(count));
    t.rows.push_back(std::move(r));
  };
  if (p.kind == protocol::poll_kind::word_cloud) {
    for (const auto& [word, count] : p.words) row(word, count);
    return;
  }
  for (std::size_t i = 0; i < p.counts.size(); ++i) {
    const auto label = p.kind == protocol::poll_kind::scale ? std::to_string(i + 1)
                                                            : (i < p.options.size() ? p.options[i] : std::string());
    row(label, p.counts[i]);
  }
}

}  // namespace

table arguments_table(const state& s) {
  table t{{"id", "posted_at", "author", "stance", "parent", "relation", "status", "segment", "agree", "disagree",
           "pass", "agreement", "divisiveness", "changed_minds", "addressed", "source", "text", "dismiss_reason"},
          {}};
  t.rows.reserve(s.arguments.size());
  for (const auto& a : s.arguments) {
    const auto f = figures_of(a);
    t.rows.push_back({protocol::format_argument(a.id), utc_time(a.at), speaker_view(s, a.author).name,
                      std::string(protocol::word(a.stance)), a.parent != 0 ? protocol::format_argument(a.parent) : "",
                      a.parent != 0 ? std::string(protocol::word(a.answers)) : "",
                      std::string(protocol::word(a.status)), segment_name(s, a.segment), std::to_string(f.agree),
                      std::to_string(f.disagree), std::to_string(f.pass), number(f.agreement), number(f.divisiveness),
                      std::to_string(minds_changed(s, a.id)), yes(a.addressed), a.source, a.text, a.dismiss_reason});
  }
  return t;
}

table polls_table(const state& s) {
  table t{{"poll", "question", "kind", "oxford_phase", "status", "revealed", "ballots", "option", "count"}, {}};
  for (const auto& p : s.polls) {
    option_rows(t, p,
                {protocol::format_poll(p.id), p.question, std::string(protocol::word(p.kind)),
                 p.phase == protocol::oxford_phase::none ? "" : std::string(protocol::word(p.phase)),
                 std::string(protocol::word(p.status)), yes(p.revealed), std::to_string(p.ballots.size())});
  }
  return t;
}

table talk_time_table(const state& s) {
  table t{{"speaker", "name", "side", "seconds"}, {}};
  std::vector<std::pair<std::string, std::int64_t>> spoken(s.show.talk_ms.begin(), s.show.talk_ms.end());
  std::stable_sort(spoken.begin(), spoken.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [id, ms] : spoken) {
    const auto who = protocol::parse_speaker(id);
    const auto ref = who ? speaker_view(s, *who) : protocol::wire::speaker_ref{};
    t.rows.push_back({id, ref.name, std::string(protocol::word(ref.stance)), number(static_cast<double>(ms) / 1000.0)});
  }
  return t;
}

table contacts_table(const state& s) {
  table t{{"participant", "name", "contact", "brand", "sponsor", "left_at"}, {}};
  for (const auto& c : kept_contacts(s)) {
    t.rows.push_back({protocol::format_participant(c.participant), c.name, c.contact->text, yes(c.contact->brand),
                      yes(c.contact->sponsor), utc_time(c.contact->at)});
  }
  return t;
}

}  // namespace tribune::engine
