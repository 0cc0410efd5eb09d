#include "server/migrate.hpp"

#include "storage/migrate.hpp"
#include "storage/open.hpp"

namespace tribune::server {

int migrate_database(const std::string& from, const std::string& to, std::ostream& out, std::ostream& err) {
  constexpr std::string_view sqlite_prefix = "sqlite:";
  if (!from.starts_with(sqlite_prefix) || from.size() == sqlite_prefix.size()) {
    err << "tribune migrate: --from must be sqlite:FILE, e.g. --from sqlite:./tribune.db\n";
    return 2;
  }
  if (!storage::is_postgres_url(to)) {
    err << "tribune migrate: --to must be a postgresql:// URL, e.g. --to postgresql://tribune@db.example/tribune\n";
    return 2;
  }
  const std::string file = from.substr(sqlite_prefix.size());
  try {
    const auto r = storage::migrate_sqlite_to_postgres(file, to);
    out << "migrate: " << file << " -> " << storage::redacted(to) << ": " << r.streams << " streams, " << r.events
        << " events (each compared), " << r.contacts << " contacts, " << r.snapshots << " snapshots, " << r.webhooks
        << " webhooks, " << r.deliveries << " deliveries\n";
    return 0;
  } catch (const storage::storage_error& e) {
    err << "tribune migrate: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace tribune::server
