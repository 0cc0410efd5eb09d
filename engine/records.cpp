// Storage form of events: the name, and every field as JSON (each slice declares its events'
// fields beside them). Old logs stay readable as long as names and fields are only ever added.
#include <stdexcept>

#include "engine/events.hpp"

namespace tribune::engine {
namespace {

using json = nlohmann::json;

template <std::size_t I = 0>
event_body parse_body(std::string_view type, const json& j) {
  if constexpr (I == std::variant_size_v<event_body>) {
    throw std::runtime_error("unknown event type in log: " + std::string(type));
  } else {
    using alternative = std::variant_alternative_t<I, event_body>;
    if (alternative::name == type) return j.get<alternative>();
    return parse_body<I + 1>(type, j);
  }
}

}  // namespace

std::string_view event_name(const event_body& body) {
  return std::visit([](const auto& e) { return std::decay_t<decltype(e)>::name; }, body);
}

event_record to_record(const event& e) {
  const auto body = std::visit([](const auto& b) { return json(b); }, e.body);
  return event_record{e.seq, e.at, std::string(event_name(e.body)), body.dump(), e.key};
}

event from_record(const event_record& r) {
  try {
    return event{r.seq, r.at, parse_body(r.type, json::parse(r.body)), r.key};
  } catch (const json::exception& e) {
    throw std::runtime_error("unreadable event " + std::to_string(r.seq) + " (" + r.type + "): " + e.what());
  }
}

}  // namespace tribune::engine
