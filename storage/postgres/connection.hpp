#pragma once
// Thin RAII over libpq: a connection opened from a postgresql:// URL, results that free
// themselves, parameters sent as text, and errors thrown as storage_error with the SQLSTATE kept,
// so that a caller can tell a unique violation (a lost race) from a lost server. Statements named
// with prepare() are prepared once per connection, again after a reconnection. Internal to the
// PostgreSQL implementation; one connection is used by one thread at a time.
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "storage/event_log.hpp"

struct pg_conn;
struct pg_result;

namespace tribune::storage::postgres {

// A failure PostgreSQL reported, with its SQLSTATE ("" when the connection itself failed).
class error : public storage_error {
 public:
  error(const std::string& what, std::string sqlstate) : storage_error(what), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }
  bool unique_violation() const { return sqlstate_ == "23505"; }
  bool foreign_key_violation() const { return sqlstate_ == "23503"; }
  // A deadlock or a serialization failure: the statement may succeed if run again.
  bool must_retry() const { return sqlstate_ == "40P01" || sqlstate_ == "40001"; }

 private:
  std::string sqlstate_;
};

// A NOTIFY received: the backend that sent it and its payload.
struct notification {
  int backend = 0;
  std::string payload;
};

// A parameter: text, or SQL NULL.
using param = std::optional<std::string>;

class result {
 public:
  explicit result(pg_result* r) : r_(r) {}
  result(result&& other) noexcept : r_(other.r_) { other.r_ = nullptr; }
  result& operator=(result&&) = delete;
  result(const result&) = delete;
  result& operator=(const result&) = delete;
  ~result();

  int rows() const;
  // Rows changed by an INSERT, UPDATE or DELETE.
  std::int64_t affected() const;
  bool null(int row, int col) const;
  std::string text(int row, int col) const;
  std::int64_t int64(int row, int col) const;

 private:
  pg_result* r_;
};

class connection {
 public:
  // Connects (connect_timeout 5 s unless the URL says otherwise). Throws error.
  explicit connection(std::string url);
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  ~connection();

  // True when the last call found the server gone; the next ensure() reconnects.
  bool broken() const;
  // Reconnects a broken connection; throws error (sqlstate "") when the server is still away.
  void ensure();

  // The server process serving this connection (what notifications name as their sender).
  int backend() const;
  // For a connection that LISTENs: its socket to wait on (-1 when closed), and the notifications
  // that arrived, read without blocking. Throws error when the server is gone.
  int socket() const;
  std::vector<notification> notifications();

  // Runs one or more statements without parameters.
  void exec(const char* sql);
  // Runs one statement with text parameters ($1, $2, …).
  result query(const char* sql, std::initializer_list<param> params = {});
  result query(const char* sql, const std::vector<param>& params);
  // Runs a statement prepared once per connection under `name`.
  result prepared(const char* name, const char* sql, std::initializer_list<param> params = {});
  result prepared(const char* name, const char* sql, const std::vector<param>& params);

 private:
  [[noreturn]] void fail(pg_result* r, std::string_view what);
  result check(pg_result* r, std::string_view what);
  void open();

  std::string url_;
  pg_conn* conn_ = nullptr;
  std::unordered_set<std::string> prepared_;
};

// Each row of `r` made into a T by `make(r, row)`.
template <class T, class F>
std::vector<T> rows_of(const result& r, F make) {
  std::vector<T> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(make(r, i));
  return out;
}

// Applies the schema migrations not yet applied, in one transaction, under an advisory lock so
// that nodes starting together migrate once. Throws error.
void migrate(connection& c);

// An integer as a parameter.
inline param num(std::int64_t v) { return std::to_string(v); }

}  // namespace tribune::storage::postgres
