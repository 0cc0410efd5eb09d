// Polls and the Oxford vote: creating, opening, closing and revealing them, and ballots.
#include "engine/polls/polls.hpp"

#include <cassert>
#include <set>

#include "engine/decision.hpp"
#include "engine/state.hpp"

namespace tribune::engine {
namespace {

using protocol::error_code;
using protocol::poll_kind;
using protocol::poll_status;

std::variant<const poll*, rejection> moderated_poll(const state& s, const actor& who, poll_id id) {
  if (!is_moderator(who)) return not_moderator();
  const auto* p = s.find_poll(id);
  if (p == nullptr) return reject(error_code::unknown_poll, "no such poll");
  return p;
}

bool valid_choice(const poll& p, const protocol::choice& c) {
  switch (p.kind) {
    case poll_kind::single: {
      const auto* i = std::get_if<std::uint32_t>(&c);
      return i != nullptr && *i < p.options.size();
    }
    case poll_kind::scale: {
      const auto* i = std::get_if<std::uint32_t>(&c);
      return i != nullptr && *i >= protocol::scale_low && *i <= protocol::scale_high;
    }
    case poll_kind::multiple: {
      const auto* many = std::get_if<std::vector<std::uint32_t>>(&c);
      if (many == nullptr || many->empty()) return false;
      const std::set<std::uint32_t> unique(many->begin(), many->end());
      return unique.size() == many->size() && *unique.rbegin() < p.options.size();
    }
    case poll_kind::word_cloud: return std::holds_alternative<std::string>(c);
  }
  return false;
}

void count(poll& p, const protocol::choice& c, std::int64_t delta) {
  const auto add = [&](std::uint64_t& n) { n = static_cast<std::uint64_t>(static_cast<std::int64_t>(n) + delta); };
  if (const auto* index = std::get_if<std::uint32_t>(&c)) {
    add(p.counts.at(p.kind == poll_kind::scale ? *index - protocol::scale_low : *index));
  } else if (const auto* many = std::get_if<std::vector<std::uint32_t>>(&c)) {
    for (const auto i : *many) add(p.counts.at(i));
  } else {
    auto& n = p.words[std::get<std::string>(c)];
    add(n);
    if (n == 0) p.words.erase(std::get<std::string>(c));
  }
}

poll_id first_poll(const std::vector<event>& produced) {
  for (const auto& e : produced) {
    if (const auto* created = std::get_if<ev::poll_created>(&e.body)) return created->poll;
  }
  return 0;
}

}  // namespace

decision decide(const state& s, const context& c, const protocol::create_poll& x) {
  if (!is_moderator(c.who)) return not_moderator();
  const auto id = static_cast<poll_id>(s.polls.size() + 1);
  return events{ev::poll_created{id, x.kind, x.question, x.options, protocol::oxford_phase::none}};
}

decision decide(const state& s, const context& c, const protocol::create_oxford_poll& x) {
  if (!is_moderator(c.who)) return not_moderator();
  for (const auto& p : s.polls) {
    if (p.phase == x.phase) return reject(error_code::oxford_poll_exists, "this Oxford vote already exists");
  }
  const auto id = static_cast<poll_id>(s.polls.size() + 1);
  const auto question = s.debate.motion.empty() ? s.debate.title : s.debate.motion;
  return events{ev::poll_created{id, poll_kind::single, question, {"For", "Against", "Undecided"}, x.phase}};
}

decision decide(const state& s, const context& c, const protocol::open_poll& x) {
  const auto p = moderated_poll(s, c.who, x.poll);
  if (const auto* r = std::get_if<rejection>(&p)) return *r;
  if (std::get<const poll*>(p)->status != poll_status::draft) {
    return reject(error_code::poll_not_draft, "this poll was already opened");
  }
  return events{ev::poll_opened{x.poll}};
}

decision decide(const state& s, const context& c, const protocol::close_poll& x) {
  const auto p = moderated_poll(s, c.who, x.poll);
  if (const auto* r = std::get_if<rejection>(&p)) return *r;
  if (std::get<const poll*>(p)->status != poll_status::open) {
    return reject(error_code::poll_not_open, "this poll is not open");
  }
  return events{ev::poll_closed{x.poll}};
}

decision decide(const state& s, const context& c, const protocol::reveal_poll& x) {
  const auto p = moderated_poll(s, c.who, x.poll);
  if (const auto* r = std::get_if<rejection>(&p)) return *r;
  const auto* target = std::get<const poll*>(p);
  if (target->status == poll_status::draft) return reject(error_code::poll_not_open, "open the poll first");
  if (target->revealed) return events{};
  return events{ev::poll_revealed{x.poll}};
}

decision decide(const state& s, const context& c, const protocol::vote& x) {
  if (auto r = refuse_audience(s, c.who)) return *r;
  const auto* p = s.find_poll(x.poll);
  if (p == nullptr) return reject(error_code::unknown_poll, "no such poll");
  if (p->status != poll_status::open) return reject(error_code::poll_not_open, "this poll is not open");
  if (!valid_choice(*p, x.pick)) return reject(error_code::invalid_choice, "this choice does not fit the poll");
  if (x.changed_by && s.find_argument(*x.changed_by) == nullptr) {
    return reject(error_code::unknown_argument, "no such argument");
  }
  // The same ballot again counts once: it appends nothing.
  if (const auto it = p->ballots.find(c.who.participant); it != p->ballots.end() && it->second == x.pick) {
    return events{};
  }
  return events{ev::ballot_cast{x.poll, c.who.participant, x.pick, x.changed_by.value_or(0)}};
}

void apply(state& s, const event&, const ev::poll_created& x) {
  assert(x.poll == s.polls.size() + 1);
  poll p;
  p.id = x.poll;
  p.kind = x.kind;
  p.question = x.question;
  p.options = x.options;
  p.phase = x.phase;
  p.counts.assign(x.kind == poll_kind::scale ? protocol::scale_high - protocol::scale_low + 1 : x.options.size(), 0);
  s.polls.push_back(std::move(p));
}

void apply(state& s, const event&, const ev::poll_opened& x) { s.find_poll(x.poll)->status = poll_status::open; }
void apply(state& s, const event&, const ev::poll_closed& x) { s.find_poll(x.poll)->status = poll_status::closed; }
void apply(state& s, const event&, const ev::poll_revealed& x) { s.find_poll(x.poll)->revealed = true; }

void apply(state& s, const event&, const ev::ballot_cast& x) {
  auto& p = *s.find_poll(x.poll);
  if (const auto it = p.ballots.find(x.participant); it != p.ballots.end()) count(p, it->second, -1);
  p.ballots[x.participant] = x.pick;
  count(p, x.pick, +1);
  if (x.changed_by != 0) ++p.changed_by[x.changed_by];
}

protocol::ack_result result_of(const state&, const protocol::create_poll&, const std::vector<event>& produced) {
  return protocol::result::poll_created{first_poll(produced)};
}

protocol::ack_result result_of(const state&, const protocol::create_oxford_poll&, const std::vector<event>& produced) {
  return protocol::result::poll_created{first_poll(produced)};
}

}  // namespace tribune::engine
