#pragma once
// An event's storage form as the engine writes it (engine::event_record) and as the event log keeps
// it (storage::record): the same five fields, moved across the layer boundary in one place.
#include <utility>

#include "engine/events.hpp"
#include "storage/event_log.hpp"

namespace tribune::server {

inline storage::record to_stored(engine::event_record r) {
  return storage::record{r.seq, r.at, std::move(r.type), std::move(r.body), std::move(r.key)};
}

inline engine::event_record from_stored(storage::record r) {
  return engine::event_record{r.seq, r.at, std::move(r.type), std::move(r.body), std::move(r.key)};
}

}  // namespace tribune::server
