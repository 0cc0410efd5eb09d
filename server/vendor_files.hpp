#pragma once
// Browser libraries the pages import, served from the npm folder under versioned addresses:
// /vendor/<package>@<version>/<file>. Only the runtime dependencies of package-lock.json (those
// without "dev": true) are served, and only their scripts and style sheets; every answer is
// immutable, since a new version is a new address.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tribune::server {

class vendor_index {
 public:
  vendor_index() = default;

  // Reads `root`/package-lock.json, whose packages live in `root`/node_modules. A missing or
  // unreadable lock file gives an empty index: the pages then fail to load their libraries, which
  // the startup log says.
  static vendor_index load(const std::filesystem::path& root);

  // From the lock file's text; `modules` is the node_modules folder. Throws on malformed JSON.
  static vendor_index parse(std::string_view lock_json, const std::filesystem::path& modules);

  // `rest` is the request path after "/vendor/". The file to send, or nullopt when the package,
  // its version or the file's kind is not served, or the path is unsafe. Pure: no disk access.
  [[nodiscard]] std::optional<std::filesystem::path> resolve(std::string_view rest) const;

  [[nodiscard]] std::size_t size() const { return packages_.size(); }

 private:
  std::map<std::string, std::filesystem::path, std::less<>> packages_;  // "name@version" -> folder
};

}  // namespace tribune::server
