// Contacts left with consent, a visitor's own data and its erasure (contacts.hpp).
#include "engine/channel/contacts.hpp"

#include <algorithm>

#include "engine/channel/advance.hpp"
#include "engine/channel/rates.hpp"

namespace tribune::engine::channel::contacts {
namespace {

using protocol::error_code;
using events = std::vector<event_body>;

rejection reject(error_code code, std::string detail) { return rejection{code, std::move(detail)}; }

// What an application and an offer share: a visitor, an open topic, and the rate.
std::optional<rejection> refuse_submission(const state& s, const context& c, topic_id topic, const char* what) {
  const auto* who = s.find_identity(c.by.identity);
  if (who == nullptr) return reject(error_code::forbidden, std::string(what) + " is sent by a visitor of the channel");
  const auto* t = s.find_topic(topic);
  if (t == nullptr) return reject(error_code::unknown_topic, "no such topic");
  if (t->status == pc::topic_status::declined || t->status == pc::topic_status::merged) {
    return reject(error_code::topic_closed, "this topic was declined or merged");
  }
  if (over_rate(who->recent_submissions, pc::submissions_per_window, pc::submission_window_ms, c.now)) {
    return reject(error_code::rate_limited,
                  "at most " + std::to_string(pc::submissions_per_window) + " applications and offers in ten minutes");
  }
  return std::nullopt;
}

void forget(state& s, std::uint32_t ref) {
  if (ref != 0 && ref <= s.contacts.size()) s.contacts[ref - 1].clear();
}

// Keeps a new contact's text under its ref; the one it replaces is forgotten.
std::uint32_t keep_instead(state& s, const kept_text& c, std::uint32_t replaced) {
  keep(s, c.ref, c.text);
  if (replaced != c.ref) forget(s, replaced);
  return c.ref;
}

}  // namespace

std::uint32_t next_ref(const state& s) { return static_cast<std::uint32_t>(s.contacts.size() + 1); }

void keep(state& s, std::uint32_t ref, const std::string& text) {
  if (ref == 0) return;
  if (s.contacts.size() < ref) s.contacts.resize(ref);
  s.contacts[ref - 1] = text;
}

decision on(const state& s, const context& c, const pc::apply_to_speak& x) {
  if (auto refused = refuse_submission(s, c, x.topic, "an application")) return std::move(*refused);
  const auto& apps = s.topics[x.topic - 1].applications;
  const auto it = apps.find(c.by.identity);
  if (it != apps.end() && it->second.motivation == x.motivation && s.contact(it->second.contact) == x.contact &&
      it->second.sponsor == x.sponsor_consent) {
    return events{};  // the same application again changes nothing
  }
  const auto replaces = it != apps.end() ? it->second.contact : 0;
  return events{ev::application_sent{x.topic, c.by.identity, x.motivation, kept_text{next_ref(s), x.contact},
                                     x.sponsor_consent, replaces}};
}

decision on(const state& s, const context& c, const pc::offer_sponsorship& x) {
  if (auto refused = refuse_submission(s, c, x.topic, "a sponsor offer")) return std::move(*refused);
  const auto& offers = s.topics[x.topic - 1].offers;
  const auto it = offers.find(c.by.identity);
  if (it != offers.end() && it->second.organisation == x.organisation && it->second.message == x.message &&
      s.contact(it->second.contact) == x.contact) {
    return events{};
  }
  const auto replaces = it != offers.end() ? it->second.contact : 0;
  return events{ev::sponsorship_offered{x.topic, c.by.identity, x.organisation, x.message,
                                        kept_text{next_ref(s), x.contact}, replaces}};
}

// The name they gave and every contact they left go; nothing left to erase changes nothing.
decision on(const state& s, const context& c, const erase_identity&) {
  const auto* who = s.find_identity(c.by.identity);
  if (who == nullptr) return reject(error_code::forbidden, "a visitor erases their own data");
  ev::identity_erased out{who->id, {}};
  if (who->name_ref != 0) out.erased.push_back(who->name_ref);
  for (const auto& t : s.topics) {
    if (t.proposal.by == who->id && t.proposer_contact.contact.ref != 0) {
      out.erased.push_back(t.proposer_contact.contact.ref);
    }
    if (const auto a = t.applications.find(who->id); a != t.applications.end() && a->second.contact != 0) {
      out.erased.push_back(a->second.contact);
    }
    if (const auto o = t.offers.find(who->id); o != t.offers.end() && o->second.contact != 0) {
      out.erased.push_back(o->second.contact);
    }
  }
  if (out.erased.empty()) return events{};
  return events{std::move(out)};
}

void apply(state& s, const event& e, const ev::application_sent& x) {
  remember(s.identities[x.by - 1].recent_submissions, pc::submissions_per_window, e.at);
  auto& apps = s.topics[x.topic - 1].applications;
  const auto it = apps.find(x.by);
  const auto replaced = it != apps.end() ? it->second.contact : 0;
  auto kept = it != apps.end() ? it->second.cast : std::nullopt;  // a cast applicant stays cast
  apps[x.by] = application{x.motivation, keep_instead(s, x.contact, replaced), e.at, kept, x.sponsor};
}

void apply(state& s, const event& e, const ev::sponsorship_offered& x) {
  remember(s.identities[x.by - 1].recent_submissions, pc::submissions_per_window, e.at);
  auto& offers = s.topics[x.topic - 1].offers;
  const auto it = offers.find(x.by);
  const auto replaced = it != offers.end() ? it->second.contact : 0;
  offers[x.by] = offer{x.organisation, x.message, keep_instead(s, x.contact, replaced), e.at};
}

void apply(state& s, const event&, const ev::proposer_contact_left& x) {
  keep(s, x.contact.ref, x.contact.text);
  auto& left = s.topics[x.topic - 1].proposer_contact;
  left = x;
  left.contact.text.clear();  // the state holds texts in `contacts` alone
}

void apply(state& s, const event&, const ev::identity_erased& x) {
  auto& who = s.identities[x.identity - 1];
  who.name = default_name(who.id);
  who.name_ref = 0;
  for (const auto ref : x.erased) forget(s, ref);
  for (auto& t : s.topics) {
    if (t.proposal.by == who.id) t.proposer_contact.contact.ref = 0;
    if (const auto a = t.applications.find(who.id); a != t.applications.end()) a->second.contact = 0;
    if (const auto o = t.offers.find(who.id); o != t.offers.end()) o->second.contact = 0;
  }
}

pc::application_view application_of(const state& s, const topic& t, identity_id by, const application& a) {
  const auto* who = s.find_identity(by);
  pc::application_view v{by,
                         who != nullptr ? who->name : std::string(),
                         a.at,
                         a.motivation,
                         s.contact(a.contact),
                         a.sponsor,
                         std::nullopt,
                         a.cast};
  if (const auto it = t.opinions.find(by); it != t.opinions.end()) v.opinion_given = it->second.value;
  return v;
}

pc::offer_view offer_of(const state& s, identity_id by, const offer& o) {
  const auto* who = s.find_identity(by);
  return pc::offer_view{
      by, who != nullptr ? who->name : std::string(), o.at, o.organisation, o.message, s.contact(o.contact)};
}

std::optional<pc::contact_consents> proposer_contact_of(const state& s, const topic& t) {
  const auto& left = t.proposer_contact;
  if (left.contact.ref == 0 || s.contact(left.contact.ref).empty()) return std::nullopt;
  return pc::contact_consents{s.contact(left.contact.ref), left.brand, left.sponsor};
}

}  // namespace tribune::engine::channel::contacts

namespace tribune::engine::channel {

std::optional<pc::my_channel_data> my_data(const state& s, identity_id id) {
  const auto* who = s.find_identity(id);
  if (who == nullptr) return std::nullopt;
  pc::my_channel_data d;
  d.visitor = id;
  d.name = who->name;
  for (const auto& t : s.topics) {
    const auto topic = t.proposal.topic;
    if (t.proposal.by == id) {
      d.proposals.push_back(pc::my_proposal{topic, t.proposal.title, contacts::proposer_contact_of(s, t)});
    }
    if (const auto o = t.opinions.find(id); o != t.opinions.end()) {
      d.opinions.push_back(pc::my_opinion{topic, t.proposal.title, o->second.value, o->second.feedback});
    }
    if (const auto a = t.applications.find(id); a != t.applications.end()) {
      d.applications.push_back(
          pc::my_application{topic, t.proposal.title, contacts::application_of(s, t, id, a->second)});
    }
    if (const auto o = t.offers.find(id); o != t.offers.end()) {
      d.offers.push_back(pc::my_offer{topic, t.proposal.title, contacts::offer_of(s, id, o->second)});
    }
    for (std::size_t i = 0; i < t.advance.size(); ++i) {
      if (t.advance[i].by == id) {
        d.advance.push_back(pc::my_advance{topic, advance::view_of(s, t.advance[i], t.advance_at[i])});
      }
    }
  }
  for (const auto& m : s.comments) {
    if (m.posted.by == id) {
      d.comments.push_back(pc::my_comment{m.posted.topic, m.posted.comment, m.posted.text, m.hidden});
    }
  }
  return d;
}

table contacts_table(const state& s) {
  const auto yes = [](bool b) { return std::string(b ? "yes" : "no"); };
  table out{{"topic", "title", "left_with", "visitor", "name", "contact", "brand", "sponsor", "left_at"}, {}};
  const auto row = [&](const topic& t, const char* with, identity_id by, const std::string& contact, bool brand,
                       bool sponsor, std::int64_t at) {
    const auto* who = s.find_identity(by);
    out.rows.push_back({protocol::format_topic(t.proposal.topic), t.proposal.title, with, protocol::format_visitor(by),
                        who != nullptr ? who->name : std::string(), contact, yes(brand), yes(sponsor), utc_time(at)});
  };
  for (const auto& t : s.topics) {
    if (const auto left = contacts::proposer_contact_of(s, t)) {
      row(t, "proposal", t.proposal.by, left->contact, left->brand, left->sponsor, t.proposed_at);
    }
    for (const auto& [by, a] : t.applications) {
      if (a.contact != 0 && !s.contact(a.contact).empty()) {
        row(t, "application", by, s.contact(a.contact), true, a.sponsor, a.at);
      }
    }
    for (const auto& [by, o] : t.offers) {
      if (o.contact != 0 && !s.contact(o.contact).empty()) {
        row(t, "sponsor_offer", by, s.contact(o.contact), true, false, o.at);
      }
    }
  }
  return out;
}

}  // namespace tribune::engine::channel
