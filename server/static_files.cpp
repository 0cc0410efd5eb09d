#include "server/static_files.hpp"

#include <sys/stat.h>

#include <array>
#include <cstdio>

namespace tribune::server {
namespace {

// Pages are routes, not file names: links stay short and stable.
std::optional<std::string_view> page_for(std::string_view path) {
  if (path.empty() || path == "/") return "index.html";
  if (path == "/admin") return "admin.html";
  if (path == "/moderator") return "moderator.html";
  if (path == "/stage") return "stage.html";
  if (path == "/overlay") return "overlay.html";
  if (path == "/panelist") return "panelist.html";
  if (path.starts_with("/a/") && path.size() > 3 && path.find('/', 3) == std::string_view::npos) return "audience.html";
  // A debate's report and replay, /r/<code>: the link the closing view gives.
  if (path.starts_with("/r/") && path.size() > 3 && path.find('/', 3) == std::string_view::npos) return "report.html";
  // A channel, /c/<channel>, and one of its topics, /c/<channel>/t<n>: the links people share.
  if (path.starts_with("/c/") && path.size() > 3 && path[3] != '/') {
    const auto slash = path.find('/', 3);
    if (slash == std::string_view::npos) return "channel.html";
    if (slash + 1 < path.size() && path.find('/', slash + 1) == std::string_view::npos) return "channel.html";
  }
  return std::nullopt;
}

// Unquoted opaque-tag of one entity tag (`"x"` or `W/"x"`) at the start of `list`, which then
// continues after it; nullopt when `list` does not start with one.
std::optional<std::string_view> next_tag(std::string_view& list) {
  if (list.starts_with("W/")) list.remove_prefix(2);
  if (!list.starts_with('"')) return std::nullopt;
  const auto close = list.find('"', 1);
  if (close == std::string_view::npos) return std::nullopt;
  const auto tag = list.substr(1, close - 1);
  list.remove_prefix(close + 1);
  return tag;
}

void skip_separators(std::string_view& list) {
  while (!list.empty() && (list.front() == ' ' || list.front() == '\t' || list.front() == ',')) list.remove_prefix(1);
}

}  // namespace

// Rejects, rather than normalises, anything unusual: "." and ".." start with a dot like hidden
// files, an empty segment ("//") has no meaning here, and a backslash or NUL is never in a file name
// this server ships.
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

std::string_view content_type_for(const std::filesystem::path& file) {
  const auto ext = file.extension().string();
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

std::optional<static_target> resolve_static(std::string_view path) {
  std::filesystem::path relative;
  if (const auto page = page_for(path)) {
    relative = *page;
  } else if (!safe_relative(path, relative)) {
    return std::nullopt;
  }
  const auto type = content_type_for(relative);
  return static_target{std::move(relative), type};
}

std::string make_etag(std::uintmax_t size, std::int64_t mtime_ns) {
  std::array<char, 48> tag{};
  std::snprintf(tag.data(), tag.size(), "\"%jx-%llx\"", size, static_cast<unsigned long long>(mtime_ns));
  return tag.data();
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  skip_separators(if_none_match);
  if (if_none_match == "*") return true;
  if (etag.size() < 2) return false;
  const auto wanted = etag.substr(1, etag.size() - 2);  // without its quotes
  while (!if_none_match.empty()) {
    const auto tag = next_tag(if_none_match);
    if (!tag) return false;  // malformed: as if absent, so the full answer goes out
    if (*tag == wanted) return true;
    skip_separators(if_none_match);
  }
  return false;
}

std::optional<std::string> read_whole(static_file& file, std::size_t max_bytes) {
  beast::error_code ec;
  auto& f = file.body.file();
  const auto size = f.size(ec);
  if (ec || size > max_bytes) return std::nullopt;
  f.seek(0, ec);
  if (ec) return std::nullopt;
  std::string data(static_cast<std::size_t>(size), '\0');
  std::size_t got = 0;
  while (got < data.size()) {
    const auto n = f.read(data.data() + got, data.size() - got, ec);
    if (ec || n == 0) return std::nullopt;
    got += n;
  }
  f.seek(0, ec);  // should the file be streamed after all, it goes from its start
  if (ec) return std::nullopt;
  return data;
}

std::optional<static_file> open_static(const std::filesystem::path& file) {
  std::error_code exists_ec;
  // Checked before opening: opening a FIFO for reading would block this thread.
  if (!std::filesystem::is_regular_file(file, exists_ec)) return std::nullopt;
  static_file out;
  beast::error_code ec;
  out.body.open(file.c_str(), beast::file_mode::scan, ec);
  if (ec) return std::nullopt;
  // Size and time come from the open descriptor, so the tag describes the bytes that will be sent
  // even if the file is replaced meanwhile.
  struct stat st {};
  if (::fstat(out.body.file().native_handle(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  const auto mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  out.etag = make_etag(static_cast<std::uintmax_t>(st.st_size), mtime_ns);
  return out;
}

}  // namespace tribune::server
