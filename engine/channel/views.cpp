// What each role is shown of a channel. Only the organizer's view reads feedback texts; no view
// reads a credential.
#include <algorithm>

#include "engine/channel/advance.hpp"
#include "engine/channel/channel.hpp"
#include "engine/channel/contacts.hpp"
#include "engine/channel/preparation.hpp"
#include "protocol/search.hpp"

namespace tribune::engine::channel {
namespace {

pc::topic_summary summary_of(const state& s, const topic& t) {
  const auto& p = t.proposal;
  const auto* by = s.find_identity(p.by);
  return pc::topic_summary{p.topic,
                           p.title,
                           p.category,
                           p.format,
                           t.status,
                           by != nullptr ? by->name : std::string(),
                           t.proposed_at,
                           t.tally,
                           t.schedule.starts_at,
                           t.schedule.time_zone,
                           t.schedule.place,
                           t.debate_code,
                           t.sponsor.organisation,
                           t.hidden};
}

// A topic whose words were hidden shows the reason instead, except to the organizer.
pc::topic_summary public_summary_of(const state& s, const topic& t) {
  auto out = summary_of(s, t);
  if (!t.hidden.empty()) out.title.clear();
  return out;
}

// Connected subjects: one point for the same category, two for each word of four letters or more of
// this topic's title that starts a word of the other's title; declined and merged topics left out.
// Titles alone keep the scan short: a tenth of the bytes of titles with their pitches.
std::vector<pc::topic_summary> related_to(const state& s, const topic& t) {
  auto words = protocol::search_words(t.proposal.title);
  std::erase_if(words, [](const std::string& w) { return w.size() < 5; });  // with its leading space
  std::vector<std::pair<int, const topic*>> scored;
  for (const auto& other : s.topics) {
    if (&other == &t || other.status == pc::topic_status::declined || other.status == pc::topic_status::merged) {
      continue;
    }
    int score = other.proposal.category == t.proposal.category ? 1 : 0;
    for (const auto& w : words) score += other.title_words.find(w) != std::string::npos ? 2 : 0;
    if (score > 0) scored.emplace_back(score, &other);
  }
  const auto n = std::min(pc::max_related_topics, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(n), scored.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second->proposed_at > b.second->proposed_at;
                    });
  std::vector<pc::topic_summary> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(public_summary_of(s, *scored[i].second));
  return out;
}

}  // namespace

pc::channel_view channel_view(const state& s, const pc::channel_query& q) {
  pc::channel_view v;
  v.id = s.info.id;
  v.name = s.info.title;
  v.description = s.info.description;
  v.accent = s.info.accent;
  v.logo = s.info.logo;
  v.categories = s.info.categories;
  v.languages = s.info.languages;
  v.awaiting_answer = s.awaiting;
  const auto shown = std::min(pc::moderation_log_shown, s.moderation.size());
  v.moderation.assign(s.moderation.rbegin(), s.moderation.rbegin() + static_cast<std::ptrdiff_t>(shown));
  v.offset = q.offset;
  v.topics.reserve(std::min(q.limit, s.topics.size()));
  for (auto it = s.topics.rbegin(); it != s.topics.rend(); ++it) {
    if (it->status == pc::topic_status::proposed) v.oldest_awaiting_since = it->proposed_at;
    const bool wanted = (!q.status || it->status == *q.status) &&
                        (q.category.empty() || it->proposal.category == q.category) &&
                        protocol::matches(it->search, q.words);
    if (!wanted) continue;
    if (v.total >= q.offset && v.topics.size() < q.limit) v.topics.push_back(public_summary_of(s, *it));
    ++v.total;
  }
  return v;
}

std::optional<pc::topic_detail> topic_view(const state& s, topic_id id, const who& by) {
  const auto* t = s.find_topic(id);
  if (t == nullptr) return std::nullopt;
  pc::topic_detail d;
  const bool words = t->hidden.empty() || by.organizer;
  d.summary = words ? summary_of(s, *t) : public_summary_of(s, *t);
  d.pitch = words ? t->proposal.pitch : std::string();
  d.treated = t->proposal.treated;
  d.location = words ? t->proposal.location : std::string();
  d.answer = t->answer;
  d.answered_at = t->answered_at;
  d.merged_into = t->merged_into;
  if (by.organizer) d.flag = t->proposal.flag;
  if (const auto it = t->opinions.find(by.identity); by.identity != 0 && it != t->opinions.end()) {
    d.mine = it->second.value;
    d.my_feedback = it->second.feedback;
  }
  for (const auto cid : t->comments) {
    const auto& m = s.comments[cid - 1];
    const auto* author = s.find_identity(m.posted.by);
    d.comments.push_back(pc::comment_view{cid, m.posted.reply_to, author != nullptr ? author->name : std::string(),
                                          m.at, m.hidden && !by.organizer ? std::string() : m.posted.text, m.hidden,
                                          m.hidden_reason, by.organizer ? m.posted.flag : std::string()});
  }
  d.applicants = t->applications.size();
  d.related = related_to(s, *t);
  advance::show(s, *t, by, d);
  if (by.organizer || (by.identity != 0 && by.identity == t->proposal.by)) {
    d.proposer_contact = contacts::proposer_contact_of(s, *t);
  }
  if (by.identity != 0) {
    if (const auto it = t->applications.find(by.identity); it != t->applications.end()) {
      d.my_application = contacts::application_of(s, *t, it->first, it->second);
    }
    if (const auto it = t->offers.find(by.identity); it != t->offers.end()) {
      d.my_offer = contacts::offer_of(s, it->first, it->second);
    }
  }
  if (by.organizer) {
    for (const auto& [who_id, a] : t->applications) {
      d.applications.push_back(contacts::application_of(s, *t, who_id, a));
    }
    for (const auto& [who_id, o] : t->offers) d.offers.push_back(contacts::offer_of(s, who_id, o));
    const auto oldest = [](const auto& x, const auto& y) { return x.at < y.at; };
    std::stable_sort(d.applications.begin(), d.applications.end(), oldest);
    std::stable_sort(d.offers.begin(), d.offers.end(), oldest);
    d.preparation = prep::view_of(*t);
    for (const auto& [who_id, given] : t->opinions) {
      if (given.feedback.empty()) continue;
      const auto* author = s.find_identity(who_id);
      d.feedback.emplace_back(author != nullptr ? author->name : std::string(), given.feedback);
    }
  }
  return d;
}

}  // namespace tribune::engine::channel
