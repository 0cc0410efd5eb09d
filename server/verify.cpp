#include "server/verify.hpp"

#include <fstream>
#include <sstream>

#include "protocol/archive.hpp"

namespace tribune::server {

int verify_archive(const std::filesystem::path& file, std::ostream& out, std::ostream& err) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    err << "tribune verify: cannot read " << file.string() << "\n";
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const auto v = protocol::archive::verify(text.str());
  if (!v.ok) {
    err << "tribune verify: " << file.string() << ": line " << v.line << ": " << v.problem << "\n";
    return 1;
  }
  out << "ok: " << v.events << " events, head " << v.head << "\n";
  return 0;
}

}  // namespace tribune::server
