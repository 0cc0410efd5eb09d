// The debate and its people: decisions, evolution and views.
#include "engine/debate/debate.hpp"

#include <algorithm>
#include <cassert>

#include "engine/decision.hpp"
#include "engine/state.hpp"

namespace tribune::engine {

using protocol::error_code;
using protocol::role;

namespace ev {

void to_json(nlohmann::json& j, const participant_joined& x) {
  j = {{"participant", x.participant}, {"cred", x.cred}};
  if (!x.flag.empty()) j["flag"] = x.flag;
  if (x.name_ref != 0) {
    j["name_ref"] = x.name_ref;
  } else {
    j["display_name"] = x.display_name;
  }
}

void from_json(const nlohmann::json& j, participant_joined& x) {
  x.participant = j.at("participant").get<participant_id>();
  x.cred = j.at("cred").get<credential>();
  x.name_ref = j.value("name_ref", std::uint32_t{0});
  x.flag = j.value("flag", std::string());
  x.display_name = x.name_ref != 0 ? std::string() : j.at("display_name").get<std::string>();
}

}  // namespace ev

decision decide(const state& s, const context& c, const cmd::create_debate& x) {
  if (s.exists) return reject(error_code::debate_exists, "this debate already exists");
  if (c.who.role != role::organizer) return reject(error_code::forbidden, "only the organizer creates debates");
  return events{ev::debate_created{x.debate, x.moderator, x.stage, x.overlay}};
}

decision decide(const state& s, const context& c, const cmd::join& x) {
  if (c.who.role != role::system) return reject(error_code::forbidden, "joining is done through the join link");
  const auto id = static_cast<participant_id>(s.participants.size() + 1);
  if (x.display_name.empty()) return events{ev::participant_joined{id, guest_name(id), x.cred, 0, {}}};
  return events{ev::participant_joined{id, x.display_name, x.cred, s.kept_refs + 1, flag_for(s, x.display_name)}};
}

decision decide(const state&, const context& c, const cmd::rotate_links& x) {
  if (c.who.role != role::organizer) return reject(error_code::forbidden, "only the organizer may change links");
  if (x.moderator.selector.empty() && x.stage.selector.empty() && x.overlay.selector.empty()) {
    return reject(error_code::invalid_field, "no link to replace");
  }
  return events{ev::links_rotated{x.moderator, x.stage, x.overlay}};
}

void apply(state& s, const event&, const ev::debate_created& x) {
  s.exists = true;
  s.debate = x.debate;
  s.moderator = x.moderator;
  s.stage = x.stage;
  s.overlay = x.overlay;
}

void apply(state& s, const event&, const ev::participant_joined& x) {
  assert(x.participant == s.participants.size() + 1);
  s.participants.push_back(participant{x.participant, x.display_name, false, false, x.cred, x.name_ref, {}, x.flag});
  s.participant_by_selector.emplace(x.cred.selector, x.participant);
  s.kept_refs = std::max(s.kept_refs, x.name_ref);
}

void apply(state& s, const event&, const ev::links_rotated& x) {
  if (!x.moderator.selector.empty()) s.moderator = x.moderator;
  if (!x.stage.selector.empty()) s.stage = x.stage;
  if (!x.overlay.selector.empty()) s.overlay = x.overlay;
}

std::optional<rejection> refuse_audience(const state& s, const actor& who) {
  if (who.role != role::audience) return reject(error_code::forbidden, "only audience members may do this");
  const auto* p = s.find_participant(who.participant);
  if (p == nullptr) return reject(error_code::unauthorized, "unknown participant");
  if (p->banned) return reject(error_code::banned, "a moderator banned this participant");
  return std::nullopt;
}

protocol::wire::debate debate_view(const debate_info& d) {
  return protocol::wire::debate{d.id, d.code, d.title, d.motion, d.description, d.created_at};
}

protocol::wire::participant_ref participant_ref(const state& s, participant_id id) {
  const auto* p = s.find_participant(id);
  return protocol::wire::participant_ref{id, p != nullptr ? p->name : std::string()};
}

protocol::data::debate_created view_of(const state&, const ev::debate_created& x, view) {
  return {debate_view(x.debate)};
}

protocol::data::participant_joined view_of(const state& s, const ev::participant_joined& x, view v) {
  const auto* p = s.find_participant(x.participant);
  if (v == view::public_view || p->flag.empty()) return {participant_ref(s, x.participant), {}};
  return {participant_ref(s, x.participant), p->flag};
}

protocol::data::nothing view_of(const state&, const ev::links_rotated&, view) { return {}; }

protocol::ack_result result_of(const state&, const cmd::join&, const std::vector<event>& produced) {
  for (const auto& e : produced) {
    if (const auto* joined = std::get_if<ev::participant_joined>(&e.body)) {
      return protocol::result::joined{joined->participant, joined->display_name};
    }
  }
  return protocol::result::none{};
}

void add_debate(protocol::snapshot& out, const state& s, view v, std::optional<participant_id> me) {
  out.debate = debate_view(s.debate);
  if (me) {
    if (const auto* p = s.find_participant(*me)) {
      out.mine.emplace();
      out.mine->id = p->id;
      out.mine->name = p->name;
      out.mine->muted = p->muted;
      out.mine->banned = p->banned;
      if (p->contact) {
        out.mine->contact =
            protocol::my_contact{p->contact->text, p->contact->brand, p->contact->sponsor, p->contact->at};
      }
    }
  }
  if (v == view::moderator_view) {
    auto& rows = out.participants.emplace();
    for (const auto& p : s.participants) {
      rows.push_back({p.id, p.name, p.muted, p.banned, p.flag.empty() ? std::nullopt : std::optional(p.flag)});
    }
  }
}

}  // namespace tribune::engine
