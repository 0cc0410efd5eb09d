// The room's side of the live opinion map (server/opinion/live.hpp): what its committed events
// tell the analysis (engine/opinion/feed.hpp), and the messages the analysis sends back, stamped
// with the room's seq.
#include <algorithm>

#include <boost/asio/post.hpp>

#include "server/room/room.hpp"

namespace tribune::server {

void room::open_opinion(opinion_live::analyst& analyst) {
  std::weak_ptr<room> self = weak_from_this();
  opinion_ = analyst.open([self](std::shared_ptr<const opinion_live::publication> p) {
    if (auto r = self.lock()) {
      boost::asio::post(r->strand_, [r, p = std::move(p)] { r->on_opinion(*p); });
    }
  });
  // The map starts from the state the room loaded.
  std::vector<opinion_live::input> inputs;
  engine::opinion::inputs_of(pipeline_.committed(), inputs);
  opinion_->push(inputs);
}

void room::feed_opinion(const engine::event& e) {
  if (!opinion_) return;
  opinion_inputs_.clear();
  engine::opinion::inputs_of(pipeline_.committed(), e, opinion_inputs_);
  opinion_->push(opinion_inputs_);
}

void room::on_opinion(const opinion_live::publication& p) {
  if (deleting_ || retired_) return;
  const auto seq = pipeline_.committed().seq;
  // Each version reaches its own screens alone (the fan-out skips a target whose version is null):
  // the whole map the moderators and big screens, the groups the phones and panelists.
  if (p.screens) {
    opinion_screens_ = p.screens;
    fanout_.queue_for_screens(
        nullptr, std::make_shared<const std::string>(protocol::opinion_wire::stamp("opinion", seq, *p.screens)));
  }
  if (p.shared) {
    opinion_shared_ = p.shared;
    fanout_.queue_for_screens(
        std::make_shared<const std::string>(protocol::opinion_wire::stamp("opinion", seq, *p.shared)), nullptr);
  }
  fanout_.flush();
  if (p.places.empty()) return;
  for (const auto& [who, body] : p.places) opinion_places_[who] = body;
  fanout_.each([&](const member& m) {
    if (m.actor.role != protocol::role::audience) return;
    const auto it = std::lower_bound(p.places.begin(), p.places.end(), m.actor.participant,
                                     [](const auto& place, engine::participant_id id) { return place.first < id; });
    if (it == p.places.end() || it->first != m.actor.participant) return;
    if (auto sub = m.sub.lock()) {
      sub->send(std::make_shared<const std::string>(protocol::opinion_wire::stamp("opinion_you", seq, *it->second)));
    }
  });
}

// A connection that joins gets the map as it stands, and a participant their own place.
void room::send_opinion(subscriber& sub, const engine::actor& who) {
  const auto seq = pipeline_.committed().seq;
  const bool screens = who.role == protocol::role::moderator || who.role == protocol::role::stage;
  const auto& body = screens ? opinion_screens_ : opinion_shared_;
  if (body) sub.send(std::make_shared<const std::string>(protocol::opinion_wire::stamp("opinion", seq, *body)));
  if (who.role != protocol::role::audience) return;
  if (const auto it = opinion_places_.find(who.participant); it != opinion_places_.end()) {
    sub.send(std::make_shared<const std::string>(protocol::opinion_wire::stamp("opinion_you", seq, *it->second)));
  }
}

}  // namespace tribune::server
