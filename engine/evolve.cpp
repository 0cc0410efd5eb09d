#include <algorithm>
#include <cassert>

#include "engine/state.hpp"

namespace tribune::engine {

std::string_view to_string(question_status s) noexcept {
  switch (s) {
    case question_status::pending: return "pending";
    case question_status::approved: return "approved";
    case question_status::answered: return "answered";
    case question_status::dismissed: return "dismissed";
  }
  return "unknown";
}

std::string_view to_string(moderation_action a) noexcept {
  switch (a) {
    case moderation_action::dismissed: return "dismissed";
    case moderation_action::muted: return "muted";
    case moderation_action::unmuted: return "unmuted";
    case moderation_action::banned: return "banned";
    case moderation_action::made_private: return "moderation_private";
    case moderation_action::made_public: return "moderation_public";
    case moderation_action::argument_dismissed: return "argument_dismissed";
  }
  return "unknown";
}

std::string_view to_string(show_status s) noexcept {
  switch (s) {
    case show_status::not_started: return "not_started";
    case show_status::running: return "running";
    case show_status::paused: return "paused";
    case show_status::ended: return "ended";
  }
  return "unknown";
}

std::string_view to_string(argument_status s) noexcept {
  switch (s) {
    case argument_status::pending: return "pending";
    case argument_status::published: return "published";
    case argument_status::dismissed: return "dismissed";
  }
  return "unknown";
}

std::string_view to_string(poll_status s) noexcept {
  switch (s) {
    case poll_status::draft: return "draft";
    case poll_status::open: return "open";
    case poll_status::closed: return "closed";
  }
  return "unknown";
}

const participant* state::find_participant(participant_id id) const noexcept {
  return id >= 1 && id <= participants.size() ? &participants[id - 1] : nullptr;
}
const question* state::find_question(question_id id) const noexcept {
  return id >= 1 && id <= questions.size() ? &questions[id - 1] : nullptr;
}
participant* state::find_participant(participant_id id) noexcept {
  return id >= 1 && id <= participants.size() ? &participants[id - 1] : nullptr;
}
question* state::find_question(question_id id) noexcept {
  return id >= 1 && id <= questions.size() ? &questions[id - 1] : nullptr;
}
const panelist* state::find_panelist(panelist_id id) const noexcept {
  return id >= 1 && id <= panelists.size() ? &panelists[id - 1] : nullptr;
}
const argument* state::find_argument(argument_id id) const noexcept {
  return id >= 1 && id <= arguments.size() ? &arguments[id - 1] : nullptr;
}
argument* state::find_argument(argument_id id) noexcept {
  return id >= 1 && id <= arguments.size() ? &arguments[id - 1] : nullptr;
}
const poll* state::find_poll(poll_id id) const noexcept {
  return id >= 1 && id <= polls.size() ? &polls[id - 1] : nullptr;
}
poll* state::find_poll(poll_id id) noexcept { return id >= 1 && id <= polls.size() ? &polls[id - 1] : nullptr; }

bool state::on_stage(const speaker& s) const noexcept {
  if (s.seated) return std::find(show.seated.begin(), show.seated.end(), s.id) != show.seated.end();
  const auto* p = find_panelist(s.id);
  return p != nullptr && p->on_stage;
}

protocol::side state::side_of(const speaker& s) const noexcept {
  if (s.seated) return protocol::side::none;
  const auto* p = find_panelist(s.id);
  return p != nullptr ? p->side : protocol::side::none;
}

namespace {

struct applier {
  state& s;
  const event& e;

  void add_log(moderation_action action, question_id q, participant_id p, std::string reason) const {
    s.log.push_back(log_entry{e.seq, e.at, action, q, 0, p, std::move(reason)});
  }

  void operator()(const ev::debate_created& x) const {
    s.exists = true;
    s.debate = x.debate;
    s.moderator = x.moderator;
    s.stage = x.stage;
  }
  void operator()(const ev::participant_joined& x) const {
    assert(x.participant == s.participants.size() + 1);
    s.participants.push_back(participant{x.participant, x.display_name, false, false, x.cred});
    s.participant_by_selector.emplace(x.cred.selector, x.participant);
  }
  void operator()(const ev::question_asked& x) const {
    assert(x.question == s.questions.size() + 1);
    question q;
    q.id = x.question;
    q.author = x.author;
    q.text = x.text;
    q.anonymous = x.anonymous;
    q.asked_at = e.at;
    s.questions.push_back(std::move(q));
    ++s.pending_count;
  }
  void operator()(const ev::question_approved& x) const {
    auto* q = s.find_question(x.question);
    if (q->status == question_status::pending) --s.pending_count;
    q->status = question_status::approved;
  }
  void operator()(const ev::question_dismissed& x) const {
    auto* q = s.find_question(x.question);
    if (q->status == question_status::pending) --s.pending_count;
    q->status = question_status::dismissed;
    q->pinned = false;
    q->dismiss_reason = x.reason;
    if (s.on_air == x.question) s.on_air.reset();
    add_log(moderation_action::dismissed, x.question, 0, x.reason);
  }
  void operator()(const ev::question_answered& x) const {
    s.find_question(x.question)->status = question_status::answered;
  }
  void operator()(const ev::question_pinned& x) const { s.find_question(x.question)->pinned = x.pinned; }
  void operator()(const ev::on_air_changed& x) const { s.on_air = x.question; }
  void operator()(const ev::upvote_changed& x) const {
    auto& voters = s.find_question(x.question)->voters;
    if (x.on) {
      voters.insert(x.participant);
    } else {
      voters.erase(x.participant);
    }
  }
  void operator()(const ev::participant_muted& x) const {
    s.find_participant(x.participant)->muted = x.muted;
    add_log(x.muted ? moderation_action::muted : moderation_action::unmuted, 0, x.participant, {});
  }
  void operator()(const ev::participant_banned& x) const {
    s.find_participant(x.participant)->banned = true;
    add_log(moderation_action::banned, 0, x.participant, x.reason);
  }
  void operator()(const ev::moderation_visibility_changed& x) const {
    s.moderation_private = x.is_private;
    add_log(x.is_private ? moderation_action::made_private : moderation_action::made_public, 0, 0, {});
  }
  void operator()(const ev::links_rotated& x) const {
    s.moderator = x.moderator;
    s.stage = x.stage;
  }
  void operator()(const ev::reactions_recorded& x) const {
    for (std::size_t i = 0; i < x.counts.size(); ++i) s.reactions[i] += x.counts[i];
  }

  // The stage.
  void operator()(const ev::format_set& x) const {
    s.show.format = x.format;
    s.show.segments = x.segments;
    s.show.seats = x.seats;
  }
  void operator()(const ev::panelist_added& x) const {
    assert(x.panelist == s.panelists.size() + 1);
    s.panelists.push_back(panelist{x.panelist, x.display_name, x.role, x.side, true, x.cred});
    s.panelist_by_selector.emplace(x.cred.selector, x.panelist);
  }
  void end_turn() const {
    auto& st = s.show;
    if (!st.floor) return;
    const auto& f = *st.floor;
    auto paused = f.paused_ms;
    if (st.status == show_status::paused && st.paused_at > f.started_at) paused += e.at - st.paused_at;
    const auto spoken = std::max<std::int64_t>(0, e.at - f.started_at - paused);
    st.talk_ms[protocol::format_speaker(f.who)] += spoken;
    st.side_talk_ms[static_cast<std::size_t>(s.side_of(f.who))] += spoken;
    st.floor.reset();
  }
  void drop_hand(const speaker& who) const {
    std::erase_if(s.show.hands, [&](const hand& h) { return h.who == who; });
  }
  void operator()(const ev::segment_started& x) const {
    end_turn();
    s.show.status = show_status::running;
    s.show.segment = x.segment;
    s.show.segment_started_at = e.at;
    s.show.segment_paused_ms = 0;
    s.show.paused_at = 0;
  }
  void operator()(const ev::show_paused&) const {
    s.show.status = show_status::paused;
    s.show.paused_at = e.at;
  }
  void operator()(const ev::show_resumed&) const {
    const auto paused = e.at - s.show.paused_at;
    s.show.segment_paused_ms += paused;
    if (s.show.floor) s.show.floor->paused_ms += paused;
    s.show.status = show_status::running;
    s.show.paused_at = 0;
  }
  void operator()(const ev::show_ended&) const {
    end_turn();
    s.show.status = show_status::ended;
    s.show.hands.clear();
  }
  void operator()(const ev::panelist_stage_changed& x) const {
    const speaker who{false, x.panelist};
    if (!x.on) {
      if (s.show.floor && s.show.floor->who == who) end_turn();
      drop_hand(who);
    }
    s.panelists[x.panelist - 1].on_stage = x.on;
  }
  void operator()(const ev::floor_granted& x) const {
    end_turn();
    drop_hand(x.who);
    s.show.floor = floor_turn{x.who, e.at, x.allotted_ms, 0};
  }
  void operator()(const ev::floor_extended& x) const { s.show.floor->allotted_ms += x.ms; }
  void operator()(const ev::floor_ended&) const { end_turn(); }
  void operator()(const ev::hand_raised& x) const {
    drop_hand(x.who);
    s.show.hands.push_back(hand{x.who, x.in, e.at});
  }
  void operator()(const ev::hand_lowered& x) const { drop_hand(x.who); }
  void operator()(const ev::seat_requested& x) const { s.show.seat_requests.push_back(x.participant); }
  void operator()(const ev::seat_request_cancelled& x) const { std::erase(s.show.seat_requests, x.participant); }
  void operator()(const ev::participant_seated& x) const {
    std::erase(s.show.seat_requests, x.participant);
    s.show.seated.push_back(x.participant);
  }
  void operator()(const ev::participant_unseated& x) const {
    const speaker who{true, x.participant};
    if (s.show.floor && s.show.floor->who == who) end_turn();
    drop_hand(who);
    std::erase(s.show.seated, x.participant);
  }

  // Arguments.
  void operator()(const ev::argument_posted& x) const {
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
    a.at = e.at;
    s.arguments.push_back(std::move(a));
  }
  void operator()(const ev::argument_approved& x) const {
    s.find_argument(x.argument)->status = argument_status::published;
  }
  void operator()(const ev::argument_dismissed& x) const {
    auto* a = s.find_argument(x.argument);
    a->status = argument_status::dismissed;
    a->dismiss_reason = x.reason;
    if (s.featured_argument == x.argument) s.featured_argument.reset();
    s.log.push_back(log_entry{e.seq, e.at, moderation_action::argument_dismissed, 0, x.argument, 0, x.reason});
  }
  void operator()(const ev::argument_featured& x) const { s.featured_argument = x.argument; }
  void operator()(const ev::argument_addressed& x) const { s.find_argument(x.argument)->addressed = true; }
  void operator()(const ev::argument_rated& x) const {
    auto* a = s.find_argument(x.argument);
    if (const auto it = a->ratings.find(x.participant); it != a->ratings.end()) {
      --a->counts[static_cast<std::size_t>(it->second)];
    }
    a->ratings[x.participant] = x.value;
    ++a->counts[static_cast<std::size_t>(x.value)];
  }

  // Polls.
  void operator()(const ev::poll_created& x) const {
    assert(x.poll == s.polls.size() + 1);
    poll p;
    p.id = x.poll;
    p.kind = x.kind;
    p.question = x.question;
    p.options = x.options;
    p.phase = x.phase;
    p.counts.assign(x.kind == protocol::poll_kind::scale ? 5 : x.options.size(), 0);
    s.polls.push_back(std::move(p));
  }
  void operator()(const ev::poll_opened& x) const { s.find_poll(x.poll)->status = poll_status::open; }
  void operator()(const ev::poll_closed& x) const { s.find_poll(x.poll)->status = poll_status::closed; }
  void operator()(const ev::poll_revealed& x) const { s.find_poll(x.poll)->revealed = true; }
  static void count(poll& p, const protocol::choice& c, std::int64_t delta) {
    const auto add = [&](std::uint64_t& n) { n = static_cast<std::uint64_t>(static_cast<std::int64_t>(n) + delta); };
    if (const auto* index = std::get_if<std::uint32_t>(&c)) {
      add(p.counts.at(p.kind == protocol::poll_kind::scale ? *index - 1 : *index));
    } else if (const auto* many = std::get_if<std::vector<std::uint32_t>>(&c)) {
      for (const auto i : *many) add(p.counts.at(i));
    } else {
      auto& n = p.words[std::get<std::string>(c)];
      add(n);
      if (n == 0) p.words.erase(std::get<std::string>(c));
    }
  }
  void operator()(const ev::ballot_cast& x) const {
    auto& p = *s.find_poll(x.poll);
    if (const auto it = p.ballots.find(x.participant); it != p.ballots.end()) count(p, it->second, -1);
    p.ballots[x.participant] = x.pick;
    count(p, x.pick, +1);
    if (x.changed_by != 0) ++p.changed_by[x.changed_by];
  }
};

}  // namespace

void evolve(state& s, const event& e) {
  assert(e.seq == s.seq + 1);
  std::visit(applier{s, e}, e.body);
  s.seq = e.seq;
}

}  // namespace tribune::engine
