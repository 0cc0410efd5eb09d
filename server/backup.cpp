#include "server/backup.hpp"

#include "storage/event_log.hpp"
#include "storage/open.hpp"
#include "storage/sqlite/backup.hpp"

namespace tribune::server {

int backup_database(const std::string& db, const std::filesystem::path& to, std::ostream& out, std::ostream& err) {
  if (storage::is_postgres_url(db)) {
    err << "tribune backup: copies a SQLite database; back up PostgreSQL with its own tools,\n"
           "  e.g. pg_dump -Fc -f tribune.dump DBNAME (see docs/operations.md)\n";
    return 2;
  }
  try {
    const auto pages = storage::sqlite::backup_database(db, to);
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(to, ec);
    out << "backup: " << db << " -> " << to.string() << " (" << pages << " pages, " << (ec ? 0 : bytes) << " bytes)\n";
    return 0;
  } catch (const storage::storage_error& e) {
    err << "tribune backup: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace tribune::server
