#pragma once
// `tribune migrate`: moves a one-node deployment's SQLite database into an empty PostgreSQL one,
// table by table in one PostgreSQL transaction, then checks the copy: the same number of rows in
// every table, each stream's last seq, and each stream's events (seq, time, type, body, key) byte
// for byte. Nothing is committed unless every check holds, so a failed migration leaves the target
// as empty as it was.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "storage/event_log.hpp"

namespace tribune::storage {

struct migration_report {
  std::uint64_t streams = 0;
  std::uint64_t events = 0;
  std::uint64_t contacts = 0;
  std::uint64_t snapshots = 0;
  std::uint64_t webhooks = 0;
  std::uint64_t deliveries = 0;
};

// Copies `from` (an SQLite file, migrated to the current schema first) into `to` (a postgresql://
// URL whose schema is migrated here and must hold no stream yet). `progress` is told each stream
// copied. Throws storage_error with the reason; the target is then unchanged.
migration_report migrate_sqlite_to_postgres(const std::filesystem::path& from, const std::string& to,
                                            const std::function<void(const std::string&)>& progress = {});

}  // namespace tribune::storage
