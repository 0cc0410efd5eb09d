#pragma once
// Thin RAII over SQLite: a connection opened the way Tribune needs it (WAL, synchronous=FULL,
// foreign keys, busy timeout), migrated to the current schema, and prepared statements that throw
// storage_error on failure. Internal to the SQLite implementation.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "storage/event_log.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace tribune::storage::sqlite {

[[noreturn]] void fail(sqlite3* db, std::string_view what);
void exec(sqlite3* db, const char* sql);

// Opens (creating if needed) a connection. Throws storage_error.
sqlite3* open_connection(const std::filesystem::path& file);
// Applies the schema migrations not yet applied (PRAGMA user_version counts them).
void migrate(sqlite3* db);

class statement {
 public:
  statement(sqlite3* db, const char* sql);
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;
  ~statement();

  statement& bind(int i, std::string_view text);
  statement& bind(int i, std::int64_t value);
  // True while a row is available.
  bool step();
  void reset();
  std::int64_t int64(int col) const;
  std::string text(int col) const;

 private:
  void check(int rc) const;
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace tribune::storage::sqlite
