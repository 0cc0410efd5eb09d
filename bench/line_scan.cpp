#include "line_scan.hpp"

#include <charconv>

namespace bench {
namespace {

std::optional<std::int64_t> number_at(std::string_view line, std::size_t p, std::string_view key) {
  if (p == std::string_view::npos) return std::nullopt;
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(line.data() + p + key.size(), line.data() + line.size(), v);
  if (ec != std::errc{}) return std::nullopt;
  return v;
}

}  // namespace

std::optional<std::int64_t> last_number(std::string_view line, std::string_view key) {
  return number_at(line, line.rfind(key), key);
}

std::optional<std::int64_t> first_number(std::string_view line, std::string_view key) {
  return number_at(line, line.find(key), key);
}

std::string_view last_string(std::string_view line, std::string_view key) {
  const auto p = line.rfind(key);
  if (p == std::string_view::npos) return {};
  const auto start = p + key.size();
  const auto end = line.find('"', start);
  if (end == std::string_view::npos) return {};
  return line.substr(start, end - start);
}

}  // namespace bench
