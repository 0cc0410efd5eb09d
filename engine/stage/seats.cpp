// Fishbowl seats: an audience member asks for an open seat on stage; a moderator seats them (and
// may unseat them), within the format's number of seats, panelists on stage included.
#include <algorithm>

#include "engine/decision.hpp"
#include "engine/stage/stage.hpp"
#include "engine/state.hpp"

namespace tribune::engine {
namespace {

using protocol::error_code;

bool contains(const std::vector<participant_id>& list, participant_id p) {
  return std::find(list.begin(), list.end(), p) != list.end();
}

}  // namespace

std::uint32_t open_seats(const state& s) {
  const auto panel = static_cast<std::uint32_t>(
      std::count_if(s.panelists.begin(), s.panelists.end(), [](const panelist& p) { return p.on_stage; }));
  const auto used = panel + static_cast<std::uint32_t>(s.show.seated.size());
  return s.show.seats > used ? s.show.seats - used : 0;
}

decision decide(const state& s, const context& c, const protocol::request_seat&) {
  if (auto r = refuse_audience(s, c.who)) return *r;
  if (s.show.seats == 0) return reject(error_code::no_seats, "this format has no open seat");
  if (contains(s.show.seated, c.who.participant) || contains(s.show.seat_requests, c.who.participant)) {
    return events{};
  }
  return events{ev::seat_requested{c.who.participant}};
}

decision decide(const state& s, const context& c, const protocol::cancel_seat_request&) {
  if (auto r = refuse_audience(s, c.who)) return *r;
  if (!contains(s.show.seat_requests, c.who.participant)) return events{};
  return events{ev::seat_request_cancelled{c.who.participant}};
}

decision decide(const state& s, const context& c, const protocol::seat& x) {
  if (!is_moderator(c.who)) return not_moderator();
  const auto* p = s.find_participant(x.participant);
  if (p == nullptr) return reject(error_code::unknown_participant, "no such participant");
  if (p->banned) return reject(error_code::banned, "a banned participant cannot be seated");
  if (on_stage(s, speaker{true, x.participant})) return events{};
  if (open_seats(s) == 0) return reject(error_code::no_open_seat, "every seat on stage is taken");
  return events{ev::participant_seated{x.participant}};
}

decision decide(const state& s, const context& c, const protocol::unseat& x) {
  if (!is_moderator(c.who)) return not_moderator();
  if (!on_stage(s, speaker{true, x.participant})) {
    return reject(error_code::not_seated, "this participant is not seated");
  }
  return events{ev::participant_unseated{x.participant}};
}

void apply(state& s, const event&, const ev::seat_requested& x) { s.show.seat_requests.push_back(x.participant); }

void apply(state& s, const event&, const ev::seat_request_cancelled& x) {
  std::erase(s.show.seat_requests, x.participant);
}

void apply(state& s, const event& e, const ev::participant_seated& x) {
  std::erase(s.show.seat_requests, x.participant);
  s.show.seated.push_back(x.participant);
  s.show.seated_since[x.participant] = e.at;
}

void apply(state& s, const event& e, const ev::participant_unseated& x) {
  const speaker who{true, x.participant};
  if (s.show.floor && s.show.floor->who == who) end_turn(s, e.at);
  drop_hand(s, who);
  std::erase(s.show.seated, x.participant);
  s.show.seated_since.erase(x.participant);
}

}  // namespace tribune::engine
