#include "server/static_files.hpp"

#include <fstream>
#include <sstream>

namespace tribune::server {
namespace {

constexpr std::uintmax_t max_static_bytes = 8 * 1024 * 1024;

std::string content_type_for(const std::filesystem::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".json" || ext == ".webmanifest") return "application/json";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

// Pages are routes, not file names: links stay short and stable.
std::optional<std::string> page_for(std::string_view path) {
  if (path.empty() || path == "/") return "index.html";
  if (path == "/admin") return "admin.html";
  if (path == "/moderator") return "moderator.html";
  if (path == "/stage") return "stage.html";
  if (path == "/overlay") return "overlay.html";
  if (path == "/panelist") return "panelist.html";
  if (path.starts_with("/a/") && path.size() > 3 && path.find('/', 3) == std::string_view::npos) return "audience.html";
  return std::nullopt;
}

bool safe_relative(std::string_view path, std::filesystem::path& out) {
  if (!path.starts_with('/')) return false;
  std::size_t i = 1;
  while (i <= path.size()) {
    const auto next = path.find('/', i);
    const auto segment = path.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i);
    if (segment.empty() || segment.front() == '.' || segment.find('\\') != std::string_view::npos ||
        segment.find('\0') != std::string_view::npos) {
      return false;
    }
    out /= std::string(segment);
    if (next == std::string_view::npos) break;
    i = next + 1;
  }
  return true;
}

}  // namespace

std::optional<static_file> load_static(const std::filesystem::path& web_root, std::string_view path) {
  std::filesystem::path relative;
  if (const auto page = page_for(path)) {
    relative = *page;
  } else if (!safe_relative(path, relative)) {
    return std::nullopt;
  }
  const auto file = web_root / relative;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size > max_static_bytes) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream contents;
  contents << in.rdbuf();
  return static_file{contents.str(), content_type_for(file)};
}

}  // namespace tribune::server
