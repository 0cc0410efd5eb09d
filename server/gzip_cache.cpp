#include "server/gzip_cache.hpp"

#include <zlib.h>

#include <boost/beast/core/string.hpp>

#include <stdexcept>

namespace tribune::server {
namespace {

constexpr int gzip_window_bits = 15 + 16;  // 32 KiB window, with a gzip header and trailer
constexpr int memory_level = 8;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Whether the parameters of one coding ("q=0", "q=0.000") refuse it.
bool refused(std::string_view params) {
  while (!params.empty()) {
    const auto semi = params.find(';');
    const auto param = trim(params.substr(0, semi));
    if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      const auto value = param.substr(2);
      return value.find_first_not_of("0.") == std::string_view::npos;
    }
    if (semi == std::string_view::npos) break;
    params.remove_prefix(semi + 1);
  }
  return false;
}

}  // namespace

std::string gzip(std::string_view data, int level) {
  z_stream z{};
  if (deflateInit2(&z, level, Z_DEFLATED, gzip_window_bits, memory_level, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  // zlib's interface is not const-correct; it does not write through next_in.
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));  // NOLINT(cppcoreguidelines-pro-type-*)
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
  bool star = false;
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    const auto item = accept_encoding.substr(0, comma);
    const auto semi = item.find(';');
    const auto coding = trim(item.substr(0, semi));
    const auto params = semi == std::string_view::npos ? std::string_view() : item.substr(semi + 1);
    if (boost::beast::iequals(coding, "gzip") || boost::beast::iequals(coding, "x-gzip")) return !refused(params);
    if (coding == "*") star = !refused(params);
    if (comma == std::string_view::npos) break;
    accept_encoding.remove_prefix(comma + 1);
  }
  return star;
}

bool compressible(std::string_view content_type) {
  return content_type.starts_with("text/") || content_type.starts_with("application/json") ||
         content_type.starts_with("image/svg+xml");
}

std::shared_ptr<const std::string> gzip_cache::get(const std::string& path, const std::string& etag,
                                                   const reader& read) {
  std::string key = path;
  key += '\n';
  key += etag;
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = entries_.find(key); it != entries_.end()) return it->second;
  }
  // Read and compressed outside the lock: two threads may do it at once for one file, and the
  // second result simply replaces the first.
  const auto data = read(max_file_bytes);
  if (!data) return nullptr;
  auto packed = std::make_shared<const std::string>(gzip(*data));
  if (packed->size() >= data->size()) return nullptr;
  const std::lock_guard lock(mutex_);
  if (total_ + packed->size() > max_total_bytes) {
    entries_.clear();
    total_ = 0;
  }
  if (const auto [it, inserted] = entries_.insert_or_assign(std::move(key), packed); inserted) total_ += packed->size();
  return packed;
}

}  // namespace tribune::server
