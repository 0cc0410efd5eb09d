#include "storage/open.hpp"

#include "storage/postgres/pg_event_log.hpp"
#include "storage/postgres/pg_webhook_store.hpp"
#include "storage/sqlite/sqlite_event_log.hpp"
#include "storage/sqlite/sqlite_webhook_store.hpp"

namespace tribune::storage {

bool is_postgres_url(std::string_view db) { return db.starts_with("postgresql://") || db.starts_with("postgres://"); }

opened_storage open_storage(const std::string& db) {
  opened_storage s;
  if (is_postgres_url(db)) {
    s.log = std::make_unique<pg_event_log>(db);
    s.hooks = std::make_unique<pg_webhook_store>(db);
  } else {
    s.log = std::make_unique<sqlite_event_log>(db);
    s.hooks = std::make_unique<sqlite_webhook_store>(db);
  }
  return s;
}

std::string redacted(const std::string& db) {
  if (!is_postgres_url(db)) return db;
  // scheme://user:password@host… → scheme://user:***@host…
  const auto scheme_end = db.find("://") + 3;
  const auto at = db.find('@', scheme_end);
  if (at == std::string::npos) return db;
  const auto colon = db.find(':', scheme_end);
  if (colon == std::string::npos || colon > at) return db;
  return db.substr(0, colon + 1) + "***" + db.substr(at);
}

}  // namespace tribune::storage
