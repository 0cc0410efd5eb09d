#pragma once
// `tribune verify ARCHIVE`: checks a debate's archive offline (protocol/archive.hpp) and says what
// it found, or where it was changed.
#include <filesystem>
#include <ostream>

namespace tribune::server {

// 0: the archive verifies (its event count and head are printed); 1: it does not, and the first
// problem is printed with its line; 2: the file cannot be read.
int verify_archive(const std::filesystem::path& file, std::ostream& out, std::ostream& err);

}  // namespace tribune::server
