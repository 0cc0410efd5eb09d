#pragma once
// Reads fields out of a Tribune JSON line with string searches instead of a parse: at a million
// deliveries a second the parser would measure the generator, not the server. The wire encoder
// writes object keys in sorted order, and the top-level `seq`, `prev` and `type` come after
// `data`, so the last occurrence of each key is the top-level one.
#include <cstdint>
#include <optional>
#include <string_view>

namespace bench {

// The number after the last (or first) occurrence of `key`, which includes its quotes and colon.
std::optional<std::int64_t> last_number(std::string_view line, std::string_view key);
std::optional<std::int64_t> first_number(std::string_view line, std::string_view key);

// The string after the last occurrence of `key`, which includes the opening quote; empty if none.
std::string_view last_string(std::string_view line, std::string_view key);

}  // namespace bench
