// Storage form of the debate's events (record_form.hpp).
#include "engine/record_form.hpp"

namespace tribune::engine {

std::string_view event_name(const event_body& body) { return record_form::name_of(body); }

// A name or a contact an event names goes beside the log, by its ref; an erasure names the refs
// whose texts go.
event_record to_record(const event& e) {
  auto r = record_form::record_of(e);
  if (const auto* joined = std::get_if<ev::participant_joined>(&e.body); joined != nullptr && joined->name_ref != 0) {
    r.contacts.push_back(contact_row{joined->name_ref, joined->display_name});
  } else if (const auto* left = std::get_if<ev::contact_left>(&e.body)) {
    r.contacts.push_back(contact_row{left->contact.ref, left->contact.text});
    if (left->replaces != 0) r.erased.push_back(left->replaces);
  } else if (const auto* erased = std::get_if<ev::participant_erased>(&e.body)) {
    r.erased = erased->erased;
  }
  return r;
}

event from_record(const event_record& r) { return record_form::event_of<event>(r); }

}  // namespace tribune::engine
