#pragma once
// Opens the storage a `--db` value names: a postgresql:// (or postgres://) URL is a PostgreSQL
// database that several nodes may share; anything else is the path of an SQLite file, the
// embedded default for one node.
#include <memory>
#include <string>
#include <string_view>

#include "storage/event_log.hpp"
#include "storage/webhook_store.hpp"

namespace tribune::storage {

struct opened_storage {
  std::unique_ptr<event_log> log;
  std::unique_ptr<webhook_store> hooks;
};

bool is_postgres_url(std::string_view db);

// Connects or opens, and migrates. Throws storage_error.
opened_storage open_storage(const std::string& db);

// The `--db` value with any password taken out, for logs.
std::string redacted(const std::string& db);

}  // namespace tribune::storage
