// The archive's sealing rule (archive.hpp), one overload per kind of event.
#include "engine/archive.hpp"

#include "engine/engine.hpp"

namespace tribune::engine {
namespace {

using protocol::argument_status;
using protocol::question_status;

bool seen(const state& s, const question* q) {
  if (q == nullptr || q->anonymous) return false;
  if (q->status == question_status::dismissed) return !s.moderation_private;
  return q->status != question_status::pending;
}

bool seen(const state& s, const argument* a) {
  if (a == nullptr) return false;
  if (a->status == argument_status::dismissed) return !s.moderation_private;
  return a->status == argument_status::published;
}

struct rule {
  const state& s;

  bool operator()(const ev::debate_created&) const { return false; }
  bool operator()(const ev::participant_joined&) const { return false; }
  bool operator()(const ev::contact_left&) const { return false; }
  bool operator()(const ev::links_rotated&) const { return false; }
  bool operator()(const ev::panelist_added&) const { return false; }
  bool operator()(const ev::ballot_cast&) const { return false; }
  bool operator()(const ev::argument_rated&) const { return false; }
  bool operator()(const ev::upvote_changed&) const { return false; }
  bool operator()(const ev::question_asked& x) const { return seen(s, s.find_question(x.question)); }
  bool operator()(const ev::question_dismissed& x) const { return seen(s, s.find_question(x.question)); }
  bool operator()(const ev::question_merged& x) const { return seen(s, s.find_question(x.question)); }
  bool operator()(const ev::argument_posted& x) const { return seen(s, s.find_argument(x.argument)); }
  bool operator()(const ev::argument_dismissed& x) const { return seen(s, s.find_argument(x.argument)); }
  bool operator()(const ev::participant_muted&) const { return !s.moderation_private; }
  bool operator()(const ev::participant_banned&) const { return !s.moderation_private; }
  // Who predicted what is theirs to know; the predictions' figures are in the other events.
  bool operator()(const ev::prediction_made&) const { return false; }
  bool operator()(const ev::quiz_answered&) const { return false; }
  template <class Other>
  bool operator()(const Other&) const {
    return true;
  }
};

}  // namespace

// Backstage events (cues, the moderators' messages, the moderator links and their names) never are.
bool public_in_archive(const state& s, const event_body& body) {
  return !backstage_only(body) && std::visit(rule{s}, body);
}

}  // namespace tribune::engine
