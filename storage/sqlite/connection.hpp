#pragma once
// Thin RAII over SQLite: a connection opened the way Tribune needs it (WAL, synchronous=FULL,
// foreign keys, busy timeout), migrated to the current schema, and prepared statements that throw
// storage_error on failure. Internal to the SQLite implementation.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
  // `persistent`: the statement lives as long as its connection and is reused (a hint to SQLite).
  statement(sqlite3* db, const char* sql, bool persistent = false);
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
  bool is_null(int col) const;

 private:
  void check(int rc) const;
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Statements prepared once per connection and reused: the writer runs the same few statements for
// every commit, and preparing one costs more than running it. Not thread-safe: one per connection,
// used from the thread that owns the connection, and destroyed before the connection is closed.
class statement_cache {
 public:
  // A cached statement, reset (bindings cleared) when it goes out of scope.
  class lease {
   public:
    explicit lease(statement& s) : s_(&s) {}
    lease(const lease&) = delete;
    lease& operator=(const lease&) = delete;
    ~lease() { s_->reset(); }
    statement* operator->() const { return s_; }
    statement& operator*() const { return *s_; }

   private:
    statement* s_;
  };

  explicit statement_cache(sqlite3* db) : db_(db) {}
  // The statement for `sql` (prepared on first use).
  lease use(const char* sql);
  // Runs a statement that returns no rows.
  void run(const char* sql);

 private:
  sqlite3* db_;
  std::vector<std::pair<std::string, std::unique_ptr<statement>>> cached_;
};

}  // namespace tribune::storage::sqlite
