// A channel's words that flag, and its flagged lane.
#include "engine/channel/flags.hpp"

#include <algorithm>

namespace tribune::engine::channel::word_flags {

using protocol::error_code;
using events = std::vector<event_body>;

decision on(const state& s, const context& c, const cmd::set_flag_words& x) {
  if (!c.by.organizer) return rejection{error_code::forbidden, "only the organizer sets the words that flag"};
  if (auto refused = refuse_flag_words(x)) return *std::move(refused);
  if (!changes_flag_words(s.flags, x)) return events{};
  return events{engine::ev::flag_words_set{x.words, x.shipped}};
}

void apply(state& s, const event&, const engine::ev::flag_words_set& x) { fold(s.flags, x); }

std::string flag_for(const state& s, std::string_view text) { return engine::flag_for(s.flags, text); }

text_flag flag_of(const state& s, const identity& author, std::string_view text) {
  if (auto word = flag_for(s, text); !word.empty()) return {std::move(word), false};
  if (auto word = flag_for(s, author.name); !word.empty()) return {std::move(word), true};
  return {};
}

std::vector<protocol::data::flagged_text> lane(const state& s) {
  // Proposals and comments are each in the order they came; the lane merges them, newest first.
  std::vector<protocol::data::flagged_text> out;
  const auto name_of = [&s](identity_id id) {
    const auto* who = s.find_identity(id);
    return who != nullptr ? who->name : std::string();
  };
  for (const auto& t : s.topics) {
    const auto& p = t.proposal;
    if (!p.flag.empty() && t.hidden.empty()) {
      out.push_back({p.topic, 0, name_of(p.by), t.proposed_at, p.title, p.flag, p.in_name});
    }
  }
  for (const auto& m : s.comments) {
    const auto& p = m.posted;
    if (!p.flag.empty() && !m.hidden) {
      out.push_back({p.topic, p.comment, name_of(p.by), m.at, p.text, p.flag, p.in_name});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.at > b.at; });
  if (out.size() > protocol::data::max_flagged_shown) out.resize(protocol::data::max_flagged_shown);
  return out;
}

}  // namespace tribune::engine::channel::word_flags
