// Contacts left with consent, and the erasure of one's own data (privacy.hpp).
#include "engine/privacy/privacy.hpp"

#include <algorithm>

#include "engine/decision.hpp"
#include "engine/state.hpp"

namespace tribune::engine {

using protocol::error_code;
using protocol::role;

std::string guest_name(participant_id id) { return "Guest " + std::to_string(id); }

decision decide(const state& s, const context& c, const protocol::leave_contact& x) {
  if (auto r = refuse_audience(s, c.who)) return *r;
  const auto* p = s.find_participant(c.who.participant);
  const auto replaces = p->contact ? p->contact->ref : 0;
  return events{ev::contact_left{p->id, kept_text{s.kept_refs + 1, x.contact}, x.brand, x.sponsor, replaces}};
}

// A banned participant may still erase what they left.
decision decide(const state& s, const context& c, const protocol::erase_me&) {
  if (c.who.role != role::audience) return reject(error_code::forbidden, "only audience members may do this");
  const auto* p = s.find_participant(c.who.participant);
  if (p == nullptr) return reject(error_code::unauthorized, "unknown participant");
  ev::participant_erased out{p->id, {}};
  if (p->name_ref != 0) out.erased.push_back(p->name_ref);
  if (p->contact) out.erased.push_back(p->contact->ref);
  return events{std::move(out)};
}

void apply(state& s, const event& e, const ev::contact_left& x) {
  auto* p = s.find_participant(x.participant);
  p->contact = left_contact{x.contact.ref, x.contact.text, x.brand, x.sponsor, e.at};
  s.kept_refs = std::max(s.kept_refs, x.contact.ref);
}

void apply(state& s, const event&, const ev::participant_erased& x) {
  auto* p = s.find_participant(x.participant);
  p->name = guest_name(p->id);
  p->name_ref = 0;
  p->contact.reset();
  p->flag.clear();  // the name that held it is gone
}

protocol::data::participant_erased view_of(const state& s, const ev::participant_erased& x, view) {
  return {participant_ref(s, x.participant), {}};
}

namespace {

const std::string* kept(const kept_rows& rows, std::uint32_t ref) {
  const auto it =
      std::lower_bound(rows.begin(), rows.end(), ref, [](const contact_row& r, std::uint32_t v) { return r.ref < v; });
  return it != rows.end() && it->ref == ref ? &it->text : nullptr;
}

}  // namespace

void restore_texts(event& e, const kept_rows& rows) {
  if (auto* joined = std::get_if<ev::participant_joined>(&e.body); joined != nullptr && joined->name_ref != 0) {
    const auto* text = kept(rows, joined->name_ref);
    joined->display_name = text != nullptr ? *text : guest_name(joined->participant);
  } else if (auto* left = std::get_if<ev::contact_left>(&e.body)) {
    const auto* text = kept(rows, left->contact.ref);
    left->contact.text = text != nullptr ? *text : std::string();
  }
}

std::uint32_t kept_ref_of(const event& e) {
  if (const auto* joined = std::get_if<ev::participant_joined>(&e.body)) return joined->name_ref;
  if (const auto* left = std::get_if<ev::contact_left>(&e.body)) return left->contact.ref;
  return 0;
}

void restore_texts(state& s, const kept_rows& rows) {
  for (auto& p : s.participants) {
    if (p.name_ref != 0) {
      const auto* text = kept(rows, p.name_ref);
      p.name = text != nullptr ? *text : guest_name(p.id);
    }
    if (p.contact) {
      const auto* text = kept(rows, p.contact->ref);
      p.contact->text = text != nullptr ? *text : std::string();
    }
  }
}

std::vector<contact_entry> kept_contacts(const state& s) {
  std::vector<contact_entry> out;
  for (const auto& p : s.participants) {
    if (p.contact && !p.contact->text.empty()) out.push_back(contact_entry{p.id, p.name, &*p.contact});
  }
  return out;
}

}  // namespace tribune::engine
