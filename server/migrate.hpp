#pragma once
// `tribune migrate --from sqlite:FILE --to postgresql://…`: a one-node deployment's data moved to
// PostgreSQL and checked (storage/migrate.hpp), for the step from one node to several.
#include <ostream>
#include <string>

namespace tribune::server {

// 0: moved and checked (what was copied is printed); 1: the move failed and the target is
// unchanged (why is printed); 2: --from or --to is not what it should be.
int migrate_database(const std::string& from, const std::string& to, std::ostream& out, std::ostream& err);

}  // namespace tribune::server
