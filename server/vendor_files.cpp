#include "server/vendor_files.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "server/static_files.hpp"

namespace tribune::server {
namespace {

constexpr std::string_view modules_prefix = "node_modules/";

// A package name as npm allows it: lower-case letters, digits and -._~, optionally "@scope/name".
bool valid_name_part(std::string_view part) {
  if (part.empty() || part.front() == '.' || part.front() == '_') return false;
  for (const char ch : part) {
    const bool ok =
        (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' || ch == '_' || ch == '~';
    if (!ok) return false;
  }
  return true;
}

bool served_kind(std::string_view file) {
  return file.ends_with(".js") || file.ends_with(".mjs") || file.ends_with(".css");
}

}  // namespace

vendor_index vendor_index::parse(std::string_view lock_json, const std::filesystem::path& modules) {
  vendor_index index;
  const auto lock = nlohmann::json::parse(lock_json);
  const auto packages = lock.find("packages");
  if (packages == lock.end() || !packages->is_object()) return index;
  for (const auto& [key, entry] : packages->items()) {
    if (!std::string_view(key).starts_with(modules_prefix) || !entry.is_object()) continue;
    const std::string name = key.substr(modules_prefix.size());
    // Nested copies (node_modules/a/node_modules/b) are private to their parent: not served.
    if (name.find("/node_modules/") != std::string::npos) continue;
    if (entry.value("dev", false) || entry.value("link", false)) continue;
    const auto version = entry.find("version");
    if (version == entry.end() || !version->is_string()) continue;
    const auto slash = name.find('/');
    const bool scoped = name.starts_with('@') && slash != std::string::npos;
    if (scoped ? !(valid_name_part(std::string_view(name).substr(1, slash - 1)) &&
                   valid_name_part(std::string_view(name).substr(slash + 1)))
               : !valid_name_part(name)) {
      continue;
    }
    index.packages_.emplace(name + "@" + version->get<std::string>(), modules / name);
  }
  return index;
}

vendor_index vendor_index::load(const std::filesystem::path& root) {
  std::ifstream in(root / "package-lock.json", std::ios::binary);
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  try {
    return parse(text.str(), root / "node_modules");
  } catch (const nlohmann::json::exception&) {
    return {};
  }
}

std::optional<std::filesystem::path> vendor_index::resolve(std::string_view rest) const {
  // "name@version/file" or "@scope/name@version/file".
  const auto scope_end = rest.starts_with('@') ? rest.find('/') : 0;
  if (scope_end == std::string_view::npos) return std::nullopt;
  const auto name_end = rest.find('/', scope_end == 0 ? 0 : scope_end + 1);
  if (name_end == std::string_view::npos) return std::nullopt;
  const auto package = rest.substr(0, name_end);
  const auto found = packages_.find(package);
  if (found == packages_.end()) return std::nullopt;
  std::filesystem::path file = found->second;
  const auto path = rest.substr(name_end);  // "/file", checked like any static path
  if (path.size() < 2 || !served_kind(path) || !safe_relative(path, file)) return std::nullopt;
  return file;
}

}  // namespace tribune::server
