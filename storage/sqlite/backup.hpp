#pragma once
// A consistent copy of a live SQLite database, taken with SQLite's online backup API while the
// server keeps writing to it (`tribune backup`). Stateless; safe from any thread.
#include <cstdint>
#include <filesystem>
#include <functional>

namespace tribune::storage::sqlite {

struct backup_progress {
  std::int64_t copied_pages = 0;
  std::int64_t total_pages = 0;
};

struct backup_options {
  int pages_per_step = 256;                          // copied under one lock, then the lock is let go
  std::function<void(const backup_progress&)> step;  // called after every step (may be empty)
};

// Copies the database `source` (which must exist) into `destination`, replacing it if present.
// The copy is written beside `destination` first, checked (PRAGMA quick_check), then renamed into
// place: a failed or interrupted backup never leaves a half-written file under the name asked
// for. Returns the number of pages copied. Throws storage_error.
std::int64_t backup_database(const std::filesystem::path& source, const std::filesystem::path& destination,
                             const backup_options& options = {});

}  // namespace tribune::storage::sqlite
