// What each role is shown of a channel. Only the organizer's view reads feedback texts; no view
// reads a credential.
#include <algorithm>

#include "engine/channel/advance.hpp"
#include "engine/channel/channel.hpp"
#include "engine/channel/preparation.hpp"

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
                           t.sponsor.organisation};
}

std::string name_of(const state& s, identity_id id) {
  const auto* who = s.find_identity(id);
  return who != nullptr ? who->name : std::string();
}

pc::application_view application_of(const state& s, const topic& t, identity_id by, const application& a) {
  pc::application_view v{by, name_of(s, by), a.at, a.motivation, s.contact(a.contact), std::nullopt, a.cast};
  if (const auto it = t.opinions.find(by); it != t.opinions.end()) v.opinion_given = it->second.value;
  return v;
}

pc::offer_view offer_of(const state& s, identity_id by, const offer& o) {
  return pc::offer_view{by, name_of(s, by), o.at, o.organisation, o.message, s.contact(o.contact)};
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
  d.applicants = t->applications.size();
  advance::show(s, *t, by, d);
  if (by.identity != 0) {
    if (const auto it = t->applications.find(by.identity); it != t->applications.end()) {
      d.my_application = application_of(s, *t, it->first, it->second);
    }
    if (const auto it = t->offers.find(by.identity); it != t->offers.end()) {
      d.my_offer = offer_of(s, it->first, it->second);
    }
  }
  if (by.organizer) {
    for (const auto& [who_id, a] : t->applications) d.applications.push_back(application_of(s, *t, who_id, a));
    for (const auto& [who_id, o] : t->offers) d.offers.push_back(offer_of(s, who_id, o));
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
