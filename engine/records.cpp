// Storage form of the debate's events (record_form.hpp).
#include "engine/record_form.hpp"

namespace tribune::engine {

std::string_view event_name(const event_body& body) { return record_form::name_of(body); }

event_record to_record(const event& e) { return record_form::record_of(e); }

event from_record(const event_record& r) { return record_form::event_of<event>(r); }

}  // namespace tribune::engine
