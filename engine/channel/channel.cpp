// A channel's decisions and how its events fold into its state.
#include <algorithm>

#include "engine/channel/advance.hpp"
#include "engine/channel/channel.hpp"
#include "engine/channel/contacts.hpp"
#include "engine/channel/flags.hpp"
#include "engine/channel/preparation.hpp"
#include "engine/channel/rates.hpp"
#include "engine/record_form.hpp"
#include "protocol/search.hpp"

namespace tribune::engine::channel {
namespace {

using protocol::error_code;
using events = std::vector<event_body>;
using advance::apply;
using advance::on;
using contacts::apply;
using contacts::on;
using prep::apply;
using prep::on;
using word_flags::apply;
using word_flags::on;

rejection reject(error_code code, std::string detail) { return rejection{code, std::move(detail)}; }

decision on(const state& s, const context& c, const create& x) {
  if (!c.by.organizer) return reject(error_code::forbidden, "only the organizer may create a channel");
  if (s.exists()) return reject(error_code::channel_exists, "this channel exists already");
  const auto& w = x.what;
  return events{ev::channel_created{x.id, w.name, w.description, w.accent, w.logo, w.categories, w.languages}};
}

// A name given is kept beside the log; the engine's own is written in the event.
decision on(const state& s, const context&, const create_identity& x) {
  const auto id = static_cast<identity_id>(s.identities.size() + 1);
  if (x.name.empty()) return events{ev::identity_created{id, default_name(id), x.cred, 0}};
  return events{ev::identity_created{id, x.name, x.cred, contacts::next_ref(s)}};
}

decision on(const state& s, const context& c, const pc::propose_topic& x) {
  const auto* who = s.find_identity(c.by.identity);
  if (who == nullptr) return reject(error_code::forbidden, "a topic is proposed by a visitor of the channel");
  if (over_rate(who->recent_proposals, pc::proposals_per_window, pc::proposal_window_ms, c.now)) {
    return reject(error_code::rate_limited,
                  "at most " + std::to_string(pc::proposals_per_window) + " proposals in ten minutes");
  }
  const auto& cats = s.info.categories;
  if (std::find(cats.begin(), cats.end(), x.category) == cats.end()) {
    return reject(error_code::unknown_category, "category: not one of this channel's");
  }
  const auto id = static_cast<topic_id>(s.topics.size() + 1);
  auto flag = word_flags::flag_of(s, *who, x.title + "\n" + x.pitch + "\n" + x.location);
  events out{ev::topic_proposed{id, c.by.identity, x.title, x.pitch, x.category, x.format, x.treated, x.location,
                                std::move(flag.word), flag.in_name}};
  if (!x.contact.contact.empty()) {
    out.emplace_back(ev::proposer_contact_left{id, kept_text{contacts::next_ref(s), x.contact.contact}, x.contact.brand,
                                               x.contact.sponsor});
  }
  return out;
}

decision on(const state& s, const context& c, const pc::give_opinion& x) {
  const auto* who = s.find_identity(c.by.identity);
  if (who == nullptr) return reject(error_code::forbidden, "an opinion is given by a visitor of the channel");
  if (over_rate(who->recent_opinions, pc::opinions_per_minute, pc::opinion_window_ms, c.now)) {
    return reject(error_code::rate_limited,
                  "at most " + std::to_string(pc::opinions_per_minute) + " opinions a minute");
  }
  const auto* t = s.find_topic(x.topic);
  if (t == nullptr) return reject(error_code::unknown_topic, "no such topic");
  if (t->status == pc::topic_status::declined || t->status == pc::topic_status::merged) {
    return reject(error_code::topic_closed, "this topic was declined or merged");
  }
  if (const auto it = t->opinions.find(c.by.identity);
      it != t->opinions.end() && it->second.value == x.value && it->second.feedback == x.feedback) {
    return events{};  // the same opinion again changes nothing
  }
  return events{ev::opinion_given{x.topic, c.by.identity, x.value, x.feedback}};
}

decision on(const state& s, const context& c, const pc::answer_topic& x) {
  if (!c.by.organizer) return reject(error_code::forbidden, "only the organizer answers a proposal");
  const auto* t = s.find_topic(x.topic);
  if (t == nullptr) return reject(error_code::unknown_topic, "no such topic");
  if (t->status != pc::topic_status::proposed) {
    return reject(error_code::topic_answered, "this proposal has its answer");
  }
  if (x.kind == pc::answer_kind::merge) {
    const auto* into = s.find_topic(x.into);
    if (into == nullptr) return reject(error_code::unknown_topic, "into: no such topic");
    if (into == t) return reject(error_code::invalid_field, "into: a topic is not merged into itself");
    if (into->status == pc::topic_status::declined || into->status == pc::topic_status::merged) {
      return reject(error_code::topic_closed, "into: that topic was declined or merged");
    }
  }
  return events{ev::topic_answered{x.topic, x.kind, x.text, x.kind == pc::answer_kind::merge ? x.into : 0}};
}

// A comment's topic must be open; a reply answers a comment of the same topic that is not a reply.
decision on(const state& s, const context& c, const pc::post_comment& x) {
  const auto* who = s.find_identity(c.by.identity);
  if (who == nullptr) return reject(error_code::forbidden, "a comment is written by a visitor of the channel");
  const auto* t = s.find_topic(x.topic);
  if (t == nullptr) return reject(error_code::unknown_topic, "no such topic");
  if (t->status == pc::topic_status::declined || t->status == pc::topic_status::merged) {
    return reject(error_code::topic_closed, "this topic was declined or merged");
  }
  if (x.reply_to != 0) {
    const auto* parent = s.find_comment(x.reply_to);
    if (parent == nullptr || parent->posted.topic != x.topic) {
      return reject(error_code::unknown_comment, "reply_to: no such comment on this topic");
    }
    if (parent->posted.reply_to != 0) return reject(error_code::invalid_field, "reply_to: a reply is not answered");
  }
  if (over_rate(who->recent_comments, pc::comments_per_minute, pc::comment_window_ms, c.now)) {
    return reject(error_code::rate_limited,
                  "at most " + std::to_string(pc::comments_per_minute) + " comments a minute");
  }
  const auto id = static_cast<protocol::comment_id>(s.comments.size() + 1);
  auto flag = word_flags::flag_of(s, *who, x.text);
  return events{ev::comment_posted{id, x.topic, c.by.identity, x.text, x.reply_to, std::move(flag.word), flag.in_name}};
}

decision on(const state& s, const context& c, const pc::hide_comment& x) {
  if (!c.by.organizer) return reject(error_code::forbidden, "only the organizer hides a comment");
  const auto* m = s.find_comment(x.comment);
  if (m == nullptr || m->posted.topic != x.topic) return reject(error_code::unknown_comment, "no such comment");
  if (m->hidden) return events{};  // hidden already: nothing changes
  return events{ev::comment_hidden{x.comment, x.reason}};
}

// Scheduling and making the show need an accepted topic (scheduled already is fine: it moves).
std::optional<rejection> refuse_show(const state& s, const context& c, topic_id topic, const char* what) {
  if (!c.by.organizer) return reject(error_code::forbidden, std::string("only the organizer ") + what);
  const auto* t = s.find_topic(topic);
  if (t == nullptr) return reject(error_code::unknown_topic, "no such topic");
  if (t->status == pc::topic_status::declined || t->status == pc::topic_status::merged) {
    return reject(error_code::topic_closed, "this topic was declined or merged");
  }
  if (t->status == pc::topic_status::proposed) {
    return reject(error_code::topic_not_accepted, "accept the proposal first");
  }
  return std::nullopt;
}

decision on(const state& s, const context& c, const pc::schedule_topic& x) {
  if (auto refused = refuse_show(s, c, x.topic, "schedules a show")) return std::move(*refused);
  if (const auto st = s.topics[x.topic - 1].status; st == pc::topic_status::live || st == pc::topic_status::ended) {
    return reject(error_code::topic_closed, "the show has started: it is not scheduled again");
  }
  const auto& now = s.topics[x.topic - 1].schedule;
  if (now.starts_at == x.starts_at && now.time_zone == x.time_zone && now.place == x.place) return events{};
  return events{ev::topic_scheduled{x.topic, x.starts_at, x.time_zone, x.place}};
}

decision on(const state& s, const context& c, const attach_debate& x) {
  if (auto refused = refuse_show(s, c, x.topic, "makes a topic's debate")) return std::move(*refused);
  if (!s.topics[x.topic - 1].debate.empty()) return reject(error_code::topic_has_debate, "this topic has its debate");
  return events{ev::debate_attached{x.topic, x.debate, x.code}};
}

decision on(const state& s, const context& c, const cast& x) {
  if (!c.by.organizer) return reject(error_code::forbidden, "only the organizer casts the panel");
  const auto* t = s.find_topic(x.who.topic);
  if (t == nullptr) return reject(error_code::unknown_topic, "no such topic");
  if (t->debate.empty()) return reject(error_code::no_debate_yet, "the topic has no debate to cast for yet");
  const auto it = t->applications.find(x.who.applicant);
  if (it == t->applications.end()) return reject(error_code::unknown_applicant, "applicant: no application here");
  if (it->second.cast) return reject(error_code::already_cast, "applicant: on the panel already");
  return events{ev::applicant_cast{x.who.topic, x.who.applicant, x.panelist, x.who.role, x.who.stance}};
}

decision on(const state& s, const context& c, const pc::accept_sponsor& x) {
  if (!c.by.organizer) return reject(error_code::forbidden, "only the organizer accepts a sponsor");
  const auto* t = s.find_topic(x.topic);
  if (t == nullptr) return reject(error_code::unknown_topic, "no such topic");
  if (x.sponsor == 0) {
    if (t->sponsor.by == 0) return events{};
    return events{ev::sponsor_accepted{x.topic, 0, {}}};
  }
  const auto it = t->offers.find(x.sponsor);
  if (it == t->offers.end()) return reject(error_code::unknown_sponsor, "sponsor: no offer for this topic");
  if (t->sponsor.by == x.sponsor && t->sponsor.organisation == it->second.organisation) return events{};
  return events{ev::sponsor_accepted{x.topic, x.sponsor, it->second.organisation}};
}

decision on(const state& s, const context& c, const pc::hide_topic& x) {
  if (!c.by.organizer) return reject(error_code::forbidden, "only the organizer hides a proposal");
  const auto* t = s.find_topic(x.topic);
  if (t == nullptr) return reject(error_code::unknown_topic, "no such topic");
  if (!t->hidden.empty()) return events{};  // hidden already: nothing changes
  return events{ev::topic_hidden{x.topic, x.reason}};
}

decision on(const state& s, const context& c, const end_show& x) {
  if (!c.by.organizer) return reject(error_code::forbidden, "only the server records the end of a show");
  const auto* t = s.find_topic(x.topic);
  if (t == nullptr) return reject(error_code::unknown_topic, "no such topic");
  if (t->status == pc::topic_status::ended) return events{};
  return events{ev::show_ended{x.topic}};
}

// ---- evolve ----
void apply(state& s, const event&, const ev::channel_created& x) { s.info = x; }

void apply(state& s, const event&, const ev::identity_created& x) {
  s.identities.push_back(identity{x.identity, x.display_name, x.cred, x.name_ref, {}, {}, {}, {}, {}});
  s.by_selector.emplace(x.cred.selector, x.identity);
  contacts::keep(s, x.name_ref, x.display_name);
}

void apply(state& s, const event& e, const ev::topic_proposed& x) {
  topic t;
  t.proposal = x;
  t.search = protocol::search_text(x.title + " " + x.pitch + " " + x.location);
  t.title_words = protocol::search_text(x.title);
  t.proposed_at = e.at;
  s.topics.push_back(std::move(t));
  ++s.awaiting;
  remember(s.identities[x.by - 1].recent_proposals, pc::proposals_per_window, e.at);
}

void apply(state& s, const event& e, const ev::opinion_given& x) {
  remember(s.identities[x.by - 1].recent_opinions, pc::opinions_per_minute, e.at);
  auto& t = s.topics[x.topic - 1];
  auto [it, fresh] = t.opinions.try_emplace(x.by, given_opinion{x.value, x.feedback});
  if (!fresh) {
    --t.tally.counts[static_cast<std::size_t>(it->second.value)];
    it->second = given_opinion{x.value, x.feedback};
  }
  ++t.tally.counts[static_cast<std::size_t>(x.value)];
}

void apply(state& s, const event& e, const ev::topic_answered& x) {
  auto& t = s.topics[x.topic - 1];
  switch (x.kind) {
    case pc::answer_kind::accept: t.status = pc::topic_status::accepted; break;
    case pc::answer_kind::decline: t.status = pc::topic_status::declined; break;
    case pc::answer_kind::merge: t.status = pc::topic_status::merged; break;
  }
  t.answer = x.text;
  t.answered_at = e.at;
  t.merged_into = x.into;
  --s.awaiting;
  if (x.kind != pc::answer_kind::accept) {
    const auto action =
        x.kind == pc::answer_kind::decline ? pc::channel_action::topic_declined : pc::channel_action::topic_merged;
    s.moderation.push_back(pc::moderation_entry{e.at, action, x.topic, 0, x.text});
  }
}

void apply(state& s, const event& e, const ev::comment_posted& x) {
  s.comments.push_back(comment{x, e.at, false, {}});
  s.topics[x.topic - 1].comments.push_back(x.comment);
  remember(s.identities[x.by - 1].recent_comments, pc::comments_per_minute, e.at);
}

void apply(state& s, const event& e, const ev::comment_hidden& x) {
  auto& m = s.comments[x.comment - 1];
  m.hidden = true;
  m.hidden_reason = x.reason;
  s.moderation.push_back(
      pc::moderation_entry{e.at, pc::channel_action::comment_hidden, m.posted.topic, x.comment, x.reason});
}

void apply(state& s, const event&, const ev::topic_scheduled& x) {
  auto& t = s.topics[x.topic - 1];
  t.schedule = x;
  t.status = pc::topic_status::scheduled;
}

void apply(state& s, const event&, const ev::debate_attached& x) {
  auto& t = s.topics[x.topic - 1];
  t.debate = x.debate;
  t.debate_code = x.code;
}

void apply(state& s, const event&, const ev::applicant_cast& x) {
  s.topics[x.topic - 1].applications.at(x.by).cast = pc::casting{x.panelist, x.role, x.stance};
}

void apply(state& s, const event&, const ev::sponsor_accepted& x) { s.topics[x.topic - 1].sponsor = x; }

void apply(state& s, const event& e, const ev::topic_hidden& x) {
  auto& t = s.topics[x.topic - 1];
  t.hidden = x.reason;
  t.search = " ";  // its words are found no more
  t.title_words = " ";
  s.moderation.push_back(pc::moderation_entry{e.at, pc::channel_action::topic_hidden, x.topic, 0, x.reason});
}

void apply(state& s, const event&, const ev::show_ended& x) {
  auto& t = s.topics[x.topic - 1];
  t.status = pc::topic_status::ended;
  t.show_opened = true;
}

}  // namespace

decision decide(const state& s, const context& c, const command& cmd) {
  if (!s.exists() && !std::holds_alternative<create>(cmd)) return reject(error_code::not_found, "no such channel");
  return std::visit([&](const auto& x) { return on(s, c, x); }, cmd);
}

void evolve(state& s, const event& e) {
  std::visit([&](const auto& x) { apply(s, e, x); }, e.body);
  s.seq = e.seq;
}

std::string_view event_name(const event_body& body) { return record_form::name_of(body); }

// A name or a contact an event names goes beside the log, by its ref; a replaced contact and an
// erasure name the refs whose texts go.
event_record to_record(const event& e) {
  auto r = record_form::record_of(e);
  std::visit(
      [&r](const auto& b) {
        if constexpr (requires { b.contact; }) r.contacts.push_back(contact_row{b.contact.ref, b.contact.text});
        if constexpr (requires { b.replaces; }) {
          if (b.replaces != 0) r.erased.push_back(b.replaces);
        }
        if constexpr (requires { b.erased; }) r.erased = b.erased;
        if constexpr (requires { b.name_ref; }) {
          if (b.name_ref != 0) r.contacts.push_back(contact_row{b.name_ref, b.display_name});
        }
      },
      e.body);
  return r;
}

void restore_contacts(state& s, const std::vector<contact_row>& rows) {
  for (const auto& c : rows) {
    if (c.ref >= 1 && c.ref <= s.contacts.size()) s.contacts[c.ref - 1] = c.text;
  }
  for (auto& who : s.identities) {
    if (who.name_ref == 0) continue;
    who.name = s.contact(who.name_ref);
    if (who.name.empty()) who.name = default_name(who.id);
  }
}

std::string default_name(identity_id id) { return "Visiteur " + std::to_string(id); }

namespace ev {

void to_json(nlohmann::json& j, const identity_created& x) {
  j = {{"identity", x.identity}, {"cred", x.cred}};
  if (x.name_ref != 0) {
    j["name_ref"] = x.name_ref;
  } else {
    j["display_name"] = x.display_name;
  }
}

void from_json(const nlohmann::json& j, identity_created& x) {
  x.identity = j.at("identity").get<identity_id>();
  x.cred = j.at("cred").get<credential>();
  x.name_ref = j.value("name_ref", std::uint32_t{0});
  x.display_name = x.name_ref != 0 ? std::string() : j.at("display_name").get<std::string>();
}

}  // namespace ev

event read_record(const event_record& r) { return record_form::event_of<event>(r); }

const identity* find_by_selector(const state& s, std::string_view selector) {
  if (selector.empty()) return nullptr;
  const auto it = s.by_selector.find(selector);
  return it == s.by_selector.end() ? nullptr : s.find_identity(it->second);
}

}  // namespace tribune::engine::channel
