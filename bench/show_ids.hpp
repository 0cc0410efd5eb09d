#pragma once
// Tribune's ids as the show's commands write them ("q12", "a3", "v7", "g1") and as acks name them.
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "line_scan.hpp"

namespace bench {

// Built by appending: GCC 12 warns (-Wrestrict, a false positive) on "q" + std::to_string(n).
inline std::string id_of(char prefix, std::uint32_t n) {
  std::string id(1, prefix);
  id += std::to_string(n);
  return id;
}

// The number of the id an ack names after `key` ("q12" after "question":"), 0 if none.
inline std::uint32_t acked_id(std::string_view line, std::string_view key) {
  const auto s = last_string(line, key);
  std::uint32_t n = 0;
  if (s.size() > 1) std::from_chars(s.data() + 1, s.data() + s.size(), n);
  return n;
}

}  // namespace bench
