#pragma once
// `tribune backup FILE`: a consistent copy of the live SQLite database, taken while the server
// keeps serving (storage/sqlite/backup.hpp). PostgreSQL has its own tools, which it names.
#include <filesystem>
#include <ostream>
#include <string>

namespace tribune::server {

// 0: the copy is in place (its size is printed); 1: the backup failed (why is printed); 2: `db`
// is not a SQLite database this command can copy.
int backup_database(const std::string& db, const std::filesystem::path& to, std::ostream& out, std::ostream& err);

}  // namespace tribune::server
