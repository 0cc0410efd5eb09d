#pragma once
// The static web client: page routes (/admin, /a/CODE…) and files under the web root. Paths are
// checked segment by segment; nothing outside the web root, and no hidden file, is ever served.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tribune::server {

struct static_file {
  std::string body;
  std::string content_type;
};

// The file for a request path (already percent-decoded segments joined by '/'), or nullopt.
std::optional<static_file> load_static(const std::filesystem::path& web_root, std::string_view path);

}  // namespace tribune::server
