#pragma once
// Gzip copies of the static files, made once per file version and kept in memory: the web client is
// a few hundred kilobytes, so every page load after the first sends stored bytes. Keyed by the
// file's path and entity tag, so a file rewritten on disk is compressed again. Bounded: a file over
// max_file_bytes is never compressed, and past max_total_bytes the cache starts afresh.
// Thread-safe: the I/O threads share one.
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tribune::server {

// Gzip (RFC 1952) of `data`, at the best compression level (9) unless told. Pure.
std::string gzip(std::string_view data, int level = 9);

// Whether an Accept-Encoding field value accepts gzip (a "gzip" or "*" coding whose q is not 0).
bool accepts_gzip(std::string_view accept_encoding);

// Whether a content type gains from compression (text, scripts, style sheets, JSON, SVG).
bool compressible(std::string_view content_type);

class gzip_cache {
 public:
  static constexpr std::size_t max_file_bytes = 4U << 20U;
  static constexpr std::size_t max_total_bytes = 64U << 20U;

  // Reads a file's bytes from its open descriptor (so they are those its entity tag describes);
  // nullopt when it cannot, or when the file is over max_file_bytes.
  using reader = std::function<std::optional<std::string>(std::size_t max_bytes)>;

  // The gzip copy of the file at `path` whose entity tag is `etag`, made from `read` on a miss;
  // nullptr when the file is too large, cannot be read, or would not shrink.
  std::shared_ptr<const std::string> get(const std::string& path, const std::string& etag, const reader& read);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> entries_;  // path + '\n' + etag
  std::size_t total_ = 0;
};

}  // namespace tribune::server
