// What each role is shown of a channel. Only the organizer's view reads feedback texts; no view
// reads a credential.
#include "engine/channel/channel.hpp"

namespace tribune::engine::channel {
namespace {

pc::topic_summary summary_of(const state& s, const topic& t) {
  const auto& p = t.proposal;
  const auto* by = s.find_identity(p.by);
  return pc::topic_summary{p.topic,       p.title,  p.category,
                           p.format,      t.status, by != nullptr ? by->name : std::string(),
                           t.proposed_at, t.tally};
}

}  // namespace

pc::channel_view channel_view(const state& s) {
  pc::channel_view v;
  v.id = s.info.id;
  v.name = s.info.title;
  v.description = s.info.description;
  v.accent = s.info.accent;
  v.logo = s.info.logo;
  v.categories = s.info.categories;
  v.languages = s.info.languages;
  v.awaiting_answer = s.awaiting;
  v.topics.reserve(s.topics.size());
  for (auto it = s.topics.rbegin(); it != s.topics.rend(); ++it) {
    v.topics.push_back(summary_of(s, *it));
    if (it->status == pc::topic_status::proposed) v.oldest_awaiting_since = it->proposed_at;
  }
  return v;
}

std::optional<pc::topic_detail> topic_view(const state& s, topic_id id, const who& by) {
  const auto* t = s.find_topic(id);
  if (t == nullptr) return std::nullopt;
  pc::topic_detail d;
  d.summary = summary_of(s, *t);
  d.pitch = t->proposal.pitch;
  d.treated = t->proposal.treated;
  d.location = t->proposal.location;
  d.answer = t->answer;
  d.answered_at = t->answered_at;
  d.merged_into = t->merged_into;
  if (const auto it = t->opinions.find(by.identity); by.identity != 0 && it != t->opinions.end()) {
    d.mine = it->second.value;
    d.my_feedback = it->second.feedback;
  }
  for (const auto cid : t->comments) {
    const auto& m = s.comments[cid - 1];
    const auto* author = s.find_identity(m.posted.by);
    d.comments.push_back(pc::comment_view{cid, m.posted.reply_to, author != nullptr ? author->name : std::string(),
                                          m.at, m.hidden && !by.organizer ? std::string() : m.posted.text, m.hidden,
                                          m.hidden_reason});
  }
  if (by.organizer) {
    for (const auto& [who_id, given] : t->opinions) {
      if (given.feedback.empty()) continue;
      const auto* author = s.find_identity(who_id);
      d.feedback.emplace_back(author != nullptr ? author->name : std::string(), given.feedback);
    }
  }
  return d;
}

}  // namespace tribune::engine::channel
