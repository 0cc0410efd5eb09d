#include "engine/decide_structured.hpp"

#include <algorithm>
#include <set>

#include "engine/decide_support.hpp"

namespace tribune::engine::structured {
namespace {

using protocol::error_code;
using protocol::role;
using support::events;
using support::is_moderator;
using support::not_moderator;
using support::reject;

bool running(const show_state& st) { return st.status == show_status::running || st.status == show_status::paused; }

// The speaker this actor is, if they may take part on stage: a panelist, or a seated audience member.
std::optional<speaker> stage_identity(const state& s, const actor& who) {
  if (who.role == role::panelist && s.find_panelist(who.panelist) != nullptr) return speaker{false, who.panelist};
  if (who.role == role::audience) {
    const speaker seat{true, who.participant};
    if (s.on_stage(seat)) return seat;
  }
  return std::nullopt;
}

bool segment_allows(const state& s, const speaker& who) {
  const auto* seg = s.show.current();
  if (!running(s.show) || seg == nullptr || seg->speakers == 0) return true;
  if (who.seated) return (seg->speakers & protocol::may_speak::seat) != 0;
  const auto* p = s.find_panelist(who.id);
  std::uint8_t bits = 0;
  switch (p->role) {
    case protocol::panel_role::host: bits |= protocol::may_speak::host; break;
    case protocol::panel_role::guest: bits |= protocol::may_speak::guest; break;
    case protocol::panel_role::panelist: bits |= protocol::may_speak::panelist; break;
  }
  if (p->side == protocol::side::for_motion) bits |= protocol::may_speak::for_side;
  if (p->side == protocol::side::against_motion) bits |= protocol::may_speak::against_side;
  return (seg->speakers & bits) != 0;
}

std::optional<rejection> audience_member(const state& s, const actor& who) {
  if (who.role != role::audience) return reject(error_code::forbidden, "only audience members may do this");
  const auto* p = s.find_participant(who.participant);
  if (p == nullptr) return reject(error_code::unauthorized, "unknown participant");
  if (p->banned) return reject(error_code::banned, "a moderator banned this participant");
  return std::nullopt;
}

std::uint32_t open_seats(const state& s) {
  const auto panel = static_cast<std::uint32_t>(
      std::count_if(s.panelists.begin(), s.panelists.end(), [](const panelist& p) { return p.on_stage; }));
  const auto used = panel + static_cast<std::uint32_t>(s.show.seated.size());
  return s.show.seats > used ? s.show.seats - used : 0;
}

std::variant<const argument*, rejection> moderated_argument(const state& s, const actor& who, argument_id id) {
  if (!is_moderator(who)) return not_moderator();
  const auto* a = s.find_argument(id);
  if (a == nullptr) return reject(error_code::unknown_argument, "no such argument");
  return a;
}

std::variant<const poll*, rejection> moderated_poll(const state& s, const actor& who, poll_id id) {
  if (!is_moderator(who)) return not_moderator();
  const auto* p = s.find_poll(id);
  if (p == nullptr) return reject(error_code::unknown_poll, "no such poll");
  return p;
}

bool valid_choice(const poll& p, const protocol::choice& c) {
  switch (p.kind) {
    case protocol::poll_kind::single: {
      const auto* i = std::get_if<std::uint32_t>(&c);
      return i != nullptr && *i < p.options.size();
    }
    case protocol::poll_kind::scale: {
      const auto* i = std::get_if<std::uint32_t>(&c);
      return i != nullptr && *i >= 1 && *i <= 5;
    }
    case protocol::poll_kind::multiple: {
      const auto* many = std::get_if<std::vector<std::uint32_t>>(&c);
      if (many == nullptr || many->empty()) return false;
      const std::set<std::uint32_t> unique(many->begin(), many->end());
      return unique.size() == many->size() && *unique.rbegin() < p.options.size();
    }
    case protocol::poll_kind::word_cloud: return std::holds_alternative<std::string>(c);
  }
  return false;
}

}  // namespace

bool audience_may(const state& s, std::uint8_t what) noexcept {
  const auto* seg = s.show.current();
  if (!running(s.show) || seg == nullptr) return true;
  return (seg->audience & what) != 0;
}

decision decide(const state& s, const actor& who, const cmd::add_panelist& c) {
  if (who.role != role::organizer) return reject(error_code::forbidden, "only the organizer adds panelists");
  const auto id = static_cast<panelist_id>(s.panelists.size() + 1);
  return events{ev::panelist_added{id, c.display_name, c.role, c.side, c.cred}};
}

decision decide(const state& s, const actor& who, const cmd::set_format& c) {
  if (who.role != role::organizer) return reject(error_code::forbidden, "only the organizer sets the format");
  if (s.show.status != show_status::not_started) {
    return reject(error_code::show_started, "the run of show cannot change once the show has started");
  }
  return events{ev::format_set{c.format, c.segments, c.seats}};
}

decision decide(const state& s, const actor& who, const protocol::start_show&) {
  if (!is_moderator(who)) return not_moderator();
  if (s.show.status != show_status::not_started) return reject(error_code::show_started, "the show has started");
  if (s.show.segments.empty()) return reject(error_code::no_segments, "the run of show is empty");
  return events{ev::segment_started{1}};
}

decision decide(const state& s, const actor& who, const protocol::advance&) {
  if (!is_moderator(who)) return not_moderator();
  if (!running(s.show)) return reject(error_code::show_not_running, "the show is not running");
  if (s.show.segment >= s.show.segments.size()) {
    return reject(error_code::no_next_segment, "this is the last segment; end the show instead");
  }
  events out;
  if (s.show.status == show_status::paused) out.emplace_back(ev::show_resumed{});
  out.emplace_back(ev::segment_started{s.show.segment + 1});
  return out;
}

decision decide(const state& s, const actor& who, const protocol::pause&) {
  if (!is_moderator(who)) return not_moderator();
  if (s.show.status == show_status::paused) return reject(error_code::already_paused, "the show is paused");
  if (s.show.status != show_status::running) return reject(error_code::show_not_running, "the show is not running");
  return events{ev::show_paused{}};
}

decision decide(const state& s, const actor& who, const protocol::resume&) {
  if (!is_moderator(who)) return not_moderator();
  if (s.show.status != show_status::paused) return reject(error_code::not_paused, "the show is not paused");
  return events{ev::show_resumed{}};
}

decision decide(const state& s, const actor& who, const protocol::end_show&) {
  if (!is_moderator(who)) return not_moderator();
  if (!running(s.show)) return reject(error_code::show_not_running, "the show is not running");
  return events{ev::show_ended{}};
}

decision decide(const state& s, const actor& who, const protocol::set_on_stage& c) {
  if (!is_moderator(who)) return not_moderator();
  const auto* p = s.find_panelist(c.panelist);
  if (p == nullptr) return reject(error_code::unknown_panelist, "no such panelist");
  if (p->on_stage == c.on) return events{};
  return events{ev::panelist_stage_changed{c.panelist, c.on}};
}

decision decide(const state& s, const actor& who, const protocol::grant_floor& c) {
  if (!is_moderator(who)) return not_moderator();
  if (!c.who.seated && s.find_panelist(c.who.id) == nullptr) {
    return reject(error_code::unknown_panelist, "no such panelist");
  }
  if (!s.on_stage(c.who)) return reject(error_code::not_on_stage, "only someone on stage can be given the floor");
  if (!segment_allows(s, c.who)) {
    return reject(error_code::not_allowed_in_segment, "this segment's format does not give them the floor");
  }
  const auto* seg = s.show.current();
  const std::uint32_t seconds = c.seconds ? *c.seconds : (seg != nullptr ? seg->speaker_seconds : 120);
  return events{ev::floor_granted{c.who, static_cast<std::int64_t>(seconds) * 1000}};
}

decision decide(const state& s, const actor& who, const protocol::extend_floor& c) {
  if (!is_moderator(who)) return not_moderator();
  if (!s.show.floor) return reject(error_code::no_speaker, "nobody has the floor");
  return events{ev::floor_extended{static_cast<std::int64_t>(c.seconds) * 1000}};
}

decision decide(const state& s, const actor& who, const protocol::end_floor&) {
  if (!is_moderator(who)) return not_moderator();
  if (!s.show.floor) return reject(error_code::no_speaker, "nobody has the floor");
  return events{ev::floor_ended{s.show.floor->who}};
}

decision decide(const state& s, const actor& who, const protocol::raise_hand& c) {
  const auto me = stage_identity(s, who);
  if (!me) return reject(error_code::forbidden, "only people on stage raise a hand");
  if (!s.on_stage(*me)) return reject(error_code::not_on_stage, "you are not on stage");
  for (const auto& h : s.show.hands) {
    if (h.who == *me && h.in == c.in) return events{};
  }
  return events{ev::hand_raised{*me, c.in}};
}

decision decide(const state& s, const actor& who, const protocol::lower_hand&) {
  const auto me = stage_identity(s, who);
  if (!me) return reject(error_code::forbidden, "only people on stage raise a hand");
  const bool raised =
      std::any_of(s.show.hands.begin(), s.show.hands.end(), [&](const hand& h) { return h.who == *me; });
  if (!raised) return events{};
  return events{ev::hand_lowered{*me}};
}

decision decide(const state& s, const actor& who, const protocol::request_seat&) {
  if (auto r = audience_member(s, who)) return *r;
  if (s.show.seats == 0) return reject(error_code::no_seats, "this format has no open seat");
  const auto& st = s.show;
  if (std::find(st.seated.begin(), st.seated.end(), who.participant) != st.seated.end() ||
      std::find(st.seat_requests.begin(), st.seat_requests.end(), who.participant) != st.seat_requests.end()) {
    return events{};
  }
  return events{ev::seat_requested{who.participant}};
}

decision decide(const state& s, const actor& who, const protocol::cancel_seat_request&) {
  if (auto r = audience_member(s, who)) return *r;
  const auto& rq = s.show.seat_requests;
  if (std::find(rq.begin(), rq.end(), who.participant) == rq.end()) return events{};
  return events{ev::seat_request_cancelled{who.participant}};
}

decision decide(const state& s, const actor& who, const protocol::seat& c) {
  if (!is_moderator(who)) return not_moderator();
  const auto* p = s.find_participant(c.participant);
  if (p == nullptr) return reject(error_code::unknown_participant, "no such participant");
  if (p->banned) return reject(error_code::banned, "a banned participant cannot be seated");
  if (s.on_stage(speaker{true, c.participant})) return events{};
  if (open_seats(s) == 0) return reject(error_code::no_open_seat, "every seat on stage is taken");
  return events{ev::participant_seated{c.participant}};
}

decision decide(const state& s, const actor& who, const protocol::unseat& c) {
  if (!is_moderator(who)) return not_moderator();
  if (!s.on_stage(speaker{true, c.participant}))
    return reject(error_code::not_seated, "this participant is not seated");
  return events{ev::participant_unseated{c.participant}};
}

decision decide(const state& s, const actor& who, const protocol::post_argument& c) {
  speaker author;
  bool published = false;
  if (who.role == role::panelist && s.find_panelist(who.panelist) != nullptr) {
    author = speaker{false, who.panelist};
    published = true;
  } else if (who.role == role::audience) {
    if (auto r = audience_member(s, who)) return *r;
    if (s.find_participant(who.participant)->muted)
      return reject(error_code::muted, "a moderator muted this participant");
    if (!audience_may(s, protocol::audience_may::arguments)) {
      return reject(error_code::not_in_this_segment, "arguments are not open in this segment");
    }
    author = speaker{true, who.participant};
  } else {
    return reject(error_code::forbidden, "only panelists and audience members post arguments");
  }
  if (c.parent) {
    const auto* parent = s.find_argument(*c.parent);
    if (parent == nullptr) return reject(error_code::unknown_argument, "no such argument to answer");
    if (parent->status != argument_status::published) {
      return reject(error_code::argument_not_published, "only published arguments can be answered");
    }
  }
  const auto id = static_cast<argument_id>(s.arguments.size() + 1);
  std::optional<speaker> on_floor;
  if (s.show.floor) on_floor = s.show.floor->who;
  return events{ev::argument_posted{id, author, c.text, c.stance, c.parent.value_or(0), c.answers, c.source, published,
                                    s.show.segment, on_floor}};
}

decision decide(const state& s, const actor& who, const protocol::approve_argument& c) {
  const auto a = moderated_argument(s, who, c.argument);
  if (const auto* r = std::get_if<rejection>(&a)) return *r;
  if (std::get<const argument*>(a)->status != argument_status::pending) {
    return reject(error_code::argument_not_pending, "only pending arguments can be approved");
  }
  return events{ev::argument_approved{c.argument}};
}

decision decide(const state& s, const actor& who, const protocol::dismiss_argument& c) {
  const auto a = moderated_argument(s, who, c.argument);
  if (const auto* r = std::get_if<rejection>(&a)) return *r;
  if (std::get<const argument*>(a)->status == argument_status::dismissed) {
    return reject(error_code::already_dismissed, "this argument is already dismissed");
  }
  return events{ev::argument_dismissed{c.argument, c.reason}};
}

decision decide(const state& s, const actor& who, const protocol::feature_argument& c) {
  if (!is_moderator(who)) return not_moderator();
  if (c.argument) {
    const auto* a = s.find_argument(*c.argument);
    if (a == nullptr) return reject(error_code::unknown_argument, "no such argument");
    if (a->status != argument_status::published) {
      return reject(error_code::argument_not_published, "only published arguments go on air");
    }
  }
  if (s.featured_argument == c.argument) return events{};
  return events{ev::argument_featured{c.argument}};
}

decision decide(const state& s, const actor& who, const protocol::mark_addressed& c) {
  const auto a = moderated_argument(s, who, c.argument);
  if (const auto* r = std::get_if<rejection>(&a)) return *r;
  const auto* arg = std::get<const argument*>(a);
  if (arg->status != argument_status::published) {
    return reject(error_code::argument_not_published, "only published arguments can be addressed");
  }
  if (arg->addressed) return events{};
  return events{ev::argument_addressed{c.argument}};
}

decision decide(const state& s, const actor& who, const protocol::rate_argument& c) {
  if (auto r = audience_member(s, who)) return *r;
  const auto* a = s.find_argument(c.argument);
  if (a == nullptr) return reject(error_code::unknown_argument, "no such argument");
  if (a->status != argument_status::published) {
    return reject(error_code::argument_not_published, "only published arguments can be rated");
  }
  if (const auto it = a->ratings.find(who.participant); it != a->ratings.end() && it->second == c.value)
    return events{};
  return events{ev::argument_rated{c.argument, who.participant, c.value}};
}

decision decide(const state& s, const actor& who, const protocol::create_poll& c) {
  if (!is_moderator(who)) return not_moderator();
  const auto id = static_cast<poll_id>(s.polls.size() + 1);
  return events{ev::poll_created{id, c.kind, c.question, c.options, protocol::oxford_phase::none}};
}

decision decide(const state& s, const actor& who, const protocol::create_oxford_poll& c) {
  if (!is_moderator(who)) return not_moderator();
  for (const auto& p : s.polls) {
    if (p.phase == c.phase) return reject(error_code::oxford_poll_exists, "this Oxford vote already exists");
  }
  const auto id = static_cast<poll_id>(s.polls.size() + 1);
  const auto question = s.debate.motion.empty() ? s.debate.title : s.debate.motion;
  return events{ev::poll_created{id, protocol::poll_kind::single, question, {"For", "Against", "Undecided"}, c.phase}};
}

decision decide(const state& s, const actor& who, const protocol::open_poll& c) {
  const auto p = moderated_poll(s, who, c.poll);
  if (const auto* r = std::get_if<rejection>(&p)) return *r;
  if (std::get<const poll*>(p)->status != poll_status::draft) {
    return reject(error_code::poll_not_draft, "this poll was already opened");
  }
  return events{ev::poll_opened{c.poll}};
}

decision decide(const state& s, const actor& who, const protocol::close_poll& c) {
  const auto p = moderated_poll(s, who, c.poll);
  if (const auto* r = std::get_if<rejection>(&p)) return *r;
  if (std::get<const poll*>(p)->status != poll_status::open)
    return reject(error_code::poll_not_open, "this poll is not open");
  return events{ev::poll_closed{c.poll}};
}

decision decide(const state& s, const actor& who, const protocol::reveal_poll& c) {
  const auto p = moderated_poll(s, who, c.poll);
  if (const auto* r = std::get_if<rejection>(&p)) return *r;
  const auto* target = std::get<const poll*>(p);
  if (target->status == poll_status::draft) return reject(error_code::poll_not_open, "open the poll first");
  if (target->revealed) return events{};
  return events{ev::poll_revealed{c.poll}};
}

decision decide(const state& s, const actor& who, const protocol::vote& c) {
  if (auto r = audience_member(s, who)) return *r;
  const auto* p = s.find_poll(c.poll);
  if (p == nullptr) return reject(error_code::unknown_poll, "no such poll");
  if (p->status != poll_status::open) return reject(error_code::poll_not_open, "this poll is not open");
  if (!valid_choice(*p, c.pick)) return reject(error_code::invalid_choice, "this choice does not fit the poll");
  if (c.changed_by && s.find_argument(*c.changed_by) == nullptr) {
    return reject(error_code::unknown_argument, "no such argument");
  }
  // The same ballot again counts once: it appends nothing.
  if (const auto it = p->ballots.find(who.participant); it != p->ballots.end() && it->second == c.pick) return events{};
  return events{ev::ballot_cast{c.poll, who.participant, c.pick, c.changed_by.value_or(0)}};
}

}  // namespace tribune::engine::structured
