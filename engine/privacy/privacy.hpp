#pragma once
// What an audience member leaves of themselves, and takes back: a contact left with an explicit
// consent to be contacted by the brand, by the sponsor, or both (never without one); and the
// erasure of their own data, after which their contact is gone and their name reads "Guest N"
// everywhere, the report and the replay included. Names given on joining and contacts are kept
// beside the log by reference (ADR 0010): the erasure deletes those rows and leaves the log whole.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types.hpp"
#include "protocol/event_data.hpp"
#include "protocol/messages.hpp"

namespace tribune::engine {

namespace ev {
// Never sent to any screen: a contact is nobody's news (the sender's ack says it is kept).
struct contact_left {
  static constexpr std::string_view name = "contact_left";
  static constexpr bool coalesced = true;
  participant_id participant = 0;
  kept_text contact;
  bool brand = false;
  bool sponsor = false;
  std::uint32_t replaces = 0;  // the ref of the contact it replaces, erased with it; 0: none
};
// `erased`: the refs of the texts beside the log that go with it (the name, the contact).
struct participant_erased {
  static constexpr std::string_view name = "participant_erased";
  participant_id participant = 0;
  std::vector<std::uint32_t> erased;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(contact_left, participant, contact, brand, sponsor, replaces)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(participant_erased, participant, erased)
}  // namespace ev

// A participant's contact, while it is kept.
struct left_contact {
  std::uint32_t ref = 0;
  std::string text;
  bool brand = false;
  bool sponsor = false;
  std::int64_t at = 0;
};

namespace privacy {
using commands = type_list<protocol::leave_contact, protocol::erase_me>;
using events = type_list<ev::contact_left, ev::participant_erased>;
}  // namespace privacy

decision decide(const state& s, const context& c, const protocol::leave_contact& x);
decision decide(const state& s, const context& c, const protocol::erase_me& x);

void apply(state& s, const event& e, const ev::contact_left& x);
void apply(state& s, const event& e, const ev::participant_erased& x);

protocol::data::participant_erased view_of(const state& s, const ev::participant_erased& x, view v);

// The name the engine gives a participant who gave none, or whose name was erased.
std::string guest_name(participant_id id);

// Texts kept beside the log, by ref, as storage returns them (the erased ones are missing).
using kept_rows = std::vector<contact_row>;
// Fills the texts an event read from the log names by ref. A name whose row is gone reads
// "Guest N"; a contact whose row is gone reads empty.
void restore_texts(event& e, const kept_rows& rows);
// The same for a state read from a snapshot (which holds refs, never the texts).
void restore_texts(state& s, const kept_rows& rows);
// The ref of the text an event keeps beside the log (a name given, a contact left), or 0.
std::uint32_t kept_ref_of(const event& e);

// The contacts kept, each with its consents (what the organizer's contacts export lists).
struct contact_entry {
  participant_id participant = 0;
  std::string name;
  const left_contact* contact = nullptr;
};
std::vector<contact_entry> kept_contacts(const state& s);

}  // namespace tribune::engine
