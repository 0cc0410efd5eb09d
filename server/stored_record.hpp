#pragma once
// An event's storage form as the engine writes it (engine::event_record) and as the event log keeps
// it (storage::record): the same fields, with the contacts the event names, moved across the layer
// boundary in one place.
#include <cstddef>
#include <utility>
#include <vector>

#include "engine/events.hpp"
#include "engine/privacy/privacy.hpp"
#include "storage/event_log.hpp"

namespace tribune::server {

// How many events one read of a debate's log brings at once (replays and archives fold in pages).
constexpr std::size_t log_page = 5000;

inline std::vector<storage::contact_row> to_stored(std::vector<engine::contact_row> rows) {
  std::vector<storage::contact_row> out;
  out.reserve(rows.size());
  for (auto& c : rows) out.push_back(storage::contact_row{c.ref, std::move(c.text)});
  return out;
}

inline std::vector<engine::contact_row> from_stored(std::vector<storage::contact_row> rows) {
  std::vector<engine::contact_row> out;
  out.reserve(rows.size());
  for (auto& c : rows) out.push_back(engine::contact_row{c.ref, std::move(c.text)});
  return out;
}

inline storage::record to_stored(engine::event_record r) {
  return storage::record{r.seq,
                         r.at,
                         std::move(r.type),
                         std::move(r.body),
                         std::move(r.key),
                         to_stored(std::move(r.contacts)),
                         std::move(r.erased)};
}

// The event a stored record holds, with its command's key (its contacts left aside). Throws as
// engine::from_record does.
inline engine::event decoded(const storage::record& r) {
  return engine::from_record(engine::event_record{r.seq, r.at, r.type, r.body, r.key, {}, {}});
}

// The same with the names and contacts kept beside the log put back in: what every reader of a log
// folds, so that none shows a name as erased that is not, nor one that is.
inline engine::event decoded(const storage::record& r, const engine::kept_rows& kept) {
  auto e = decoded(r);
  engine::restore_texts(e, kept);
  return e;
}

inline engine::event_record from_stored(storage::record r) {
  return engine::event_record{r.seq,
                              r.at,
                              std::move(r.type),
                              std::move(r.body),
                              std::move(r.key),
                              from_stored(std::move(r.contacts)),
                              std::move(r.erased)};
}

}  // namespace tribune::server
