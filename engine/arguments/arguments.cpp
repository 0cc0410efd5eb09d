// Arguments: posting (published at once for panelists, pending for the audience), moderation,
// featuring, and the audience's ratings.
#include "engine/arguments/arguments.hpp"

#include <cassert>

#include "engine/decision.hpp"
#include "engine/state.hpp"

namespace tribune::engine {
namespace {

using protocol::argument_status;
using protocol::error_code;
using protocol::role;

std::variant<const argument*, rejection> moderated_argument(const state& s, const actor& who, argument_id id) {
  if (!is_moderator(who)) return not_moderator();
  const auto* a = s.find_argument(id);
  if (a == nullptr) return reject(error_code::unknown_argument, "no such argument");
  return a;
}

// Who is posting, and whether it is published at once; or why they may not post.
std::variant<std::pair<speaker, bool>, rejection> author_of(const state& s, const actor& who) {
  if (who.role == role::panelist && s.find_panelist(who.panelist) != nullptr) {
    return std::pair{speaker{false, who.panelist}, true};
  }
  if (who.role != role::audience) {
    return reject(error_code::forbidden, "only panelists and audience members post arguments");
  }
  if (auto r = refuse_audience(s, who)) return *r;
  if (s.find_participant(who.participant)->muted) {
    return reject(error_code::muted, "a moderator muted this participant");
  }
  if (!audience_may(s, protocol::audience_may::arguments)) {
    return reject(error_code::not_in_this_segment, "arguments are not open in this segment");
  }
  return std::pair{speaker{true, who.participant}, false};
}

}  // namespace

decision decide(const state& s, const context& c, const protocol::post_argument& x) {
  const auto author = author_of(s, c.who);
  if (const auto* r = std::get_if<rejection>(&author)) return *r;
  const auto [who, published] = std::get<std::pair<speaker, bool>>(author);
  if (x.parent) {
    const auto* parent = s.find_argument(*x.parent);
    if (parent == nullptr) return reject(error_code::unknown_argument, "no such argument to answer");
    if (parent->status != argument_status::published) {
      return reject(error_code::argument_not_published, "only published arguments can be answered");
    }
  }
  const auto id = static_cast<argument_id>(s.arguments.size() + 1);
  std::optional<speaker> on_floor;
  if (s.show.floor) on_floor = s.show.floor->who;
  return events{ev::argument_posted{id, who, x.text, x.stance, x.parent.value_or(0), x.answers, x.source, published,
                                    s.show.segment, on_floor, flag_for(s, x.text)}};
}

decision decide(const state& s, const context& c, const protocol::approve_argument& x) {
  const auto a = moderated_argument(s, c.who, x.argument);
  if (const auto* r = std::get_if<rejection>(&a)) return *r;
  if (std::get<const argument*>(a)->status != argument_status::pending) {
    return reject(error_code::argument_not_pending, "only pending arguments can be approved");
  }
  return events{ev::argument_approved{x.argument}};
}

decision decide(const state& s, const context& c, const protocol::dismiss_argument& x) {
  const auto a = moderated_argument(s, c.who, x.argument);
  if (const auto* r = std::get_if<rejection>(&a)) return *r;
  if (std::get<const argument*>(a)->status == argument_status::dismissed) {
    return reject(error_code::already_dismissed, "this argument is already dismissed");
  }
  return events{ev::argument_dismissed{x.argument, x.reason}};
}

decision decide(const state& s, const context& c, const protocol::feature_argument& x) {
  if (!is_moderator(c.who)) return not_moderator();
  if (x.argument) {
    const auto* a = s.find_argument(*x.argument);
    if (a == nullptr) return reject(error_code::unknown_argument, "no such argument");
    if (a->status != argument_status::published) {
      return reject(error_code::argument_not_published, "only published arguments go on air");
    }
  }
  if (s.featured_argument == x.argument) return events{};
  return events{ev::argument_featured{x.argument}};
}

decision decide(const state& s, const context& c, const protocol::mark_addressed& x) {
  const auto a = moderated_argument(s, c.who, x.argument);
  if (const auto* r = std::get_if<rejection>(&a)) return *r;
  const auto* arg = std::get<const argument*>(a);
  if (arg->status != argument_status::published) {
    return reject(error_code::argument_not_published, "only published arguments can be addressed");
  }
  if (arg->addressed) return events{};
  return events{ev::argument_addressed{x.argument}};
}

decision decide(const state& s, const context& c, const protocol::rate_argument& x) {
  if (auto r = refuse_audience(s, c.who)) return *r;
  const auto* a = s.find_argument(x.argument);
  if (a == nullptr) return reject(error_code::unknown_argument, "no such argument");
  if (a->status != argument_status::published) {
    return reject(error_code::argument_not_published, "only published arguments can be rated");
  }
  if (const auto it = a->ratings.find(c.who.participant); it != a->ratings.end() && it->second == x.value) {
    return events{};
  }
  return events{ev::argument_rated{x.argument, c.who.participant, x.value}};
}

void apply(state& s, const event& e, const ev::argument_posted& x) {
  assert(x.argument == s.arguments.size() + 1);
  argument a;
  a.id = x.argument;
  a.author = x.author;
  a.text = x.text;
  a.stance = x.stance;
  a.parent = x.parent;
  a.answers = x.answers;
  a.source = x.source;
  a.status = x.published ? argument_status::published : argument_status::pending;
  a.segment = x.segment;
  a.on_floor = x.on_floor;
  a.flag = x.flag;
  a.at = e.at;
  s.arguments.push_back(std::move(a));
}

void apply(state& s, const event&, const ev::argument_approved& x) {
  s.find_argument(x.argument)->status = argument_status::published;
}

void apply(state& s, const event& e, const ev::argument_dismissed& x) {
  auto* a = s.find_argument(x.argument);
  a->status = argument_status::dismissed;
  a->dismiss_reason = x.reason;
  if (s.featured_argument == x.argument) s.featured_argument.reset();
  add_log(s, e, protocol::moderation_action::argument_dismissed, log_entry{.argument = x.argument, .reason = x.reason});
}

void apply(state& s, const event&, const ev::argument_featured& x) { s.featured_argument = x.argument; }

void apply(state& s, const event&, const ev::argument_addressed& x) { s.find_argument(x.argument)->addressed = true; }

void apply(state& s, const event&, const ev::argument_rated& x) {
  auto* a = s.find_argument(x.argument);
  if (const auto it = a->ratings.find(x.participant); it != a->ratings.end()) {
    --a->counts[static_cast<std::size_t>(it->second)];
  }
  a->ratings[x.participant] = x.value;
  ++a->counts[static_cast<std::size_t>(x.value)];
}

protocol::ack_result result_of(const state&, const protocol::post_argument&, const std::vector<event>& produced) {
  for (const auto& e : produced) {
    if (const auto* posted = std::get_if<ev::argument_posted>(&e.body)) {
      return protocol::result::argument_posted{posted->argument, posted->published};
    }
  }
  return protocol::result::none{};
}

}  // namespace tribune::engine
