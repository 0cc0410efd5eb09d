#pragma once
// The storage form of any aggregate's events (a debate's, a channel's): the event's name, and every
// field as JSON (each event declares its fields beside it). Old logs stay readable as long as names
// and fields are only ever added.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "engine/events.hpp"

namespace tribune::engine::record_form {

template <class Body, std::size_t I = 0>
Body parse_body(std::string_view type, const nlohmann::json& j) {
  if constexpr (I == std::variant_size_v<Body>) {
    throw std::runtime_error("unknown event type in log: " + std::string(type));
  } else {
    using alternative = std::variant_alternative_t<I, Body>;
    if (alternative::name == type) return j.get<alternative>();
    return parse_body<Body, I + 1>(type, j);
  }
}

template <class Body>
std::string_view name_of(const Body& body) {
  return std::visit([](const auto& e) { return std::decay_t<decltype(e)>::name; }, body);
}

// An event that says who acted (a debate's) keeps it in its body as "by", a name no event field
// takes.
template <class Event>
event_record record_of(const Event& e) {
  auto body = std::visit([](const auto& b) { return nlohmann::json(b); }, e.body);
  if constexpr (requires { e.by; }) {
    if (body.contains("by")) throw std::logic_error("an event field is named \"by\"");
    if (e.by != 0) body["by"] = e.by;
  }
  return event_record{e.seq, e.at, std::string(name_of(e.body)), body.dump(), e.key, {}, {}};
}

// Throws std::runtime_error on a record this version cannot read (a corrupt or newer log).
template <class Event>
Event event_of(const event_record& r) {
  try {
    const auto j = nlohmann::json::parse(r.body);
    Event e{r.seq, r.at, parse_body<decltype(Event::body)>(r.type, j), r.key};
    if constexpr (requires { e.by; }) e.by = j.value("by", decltype(e.by){0});
    return e;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error("unreadable event " + std::to_string(r.seq) + " (" + r.type + "): " + e.what());
  }
}

}  // namespace tribune::engine::record_form
