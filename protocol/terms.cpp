#include "protocol/terms.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace tribune::protocol {

std::string fold_word(std::string_view word) {
  utf8proc_uint8_t* folded = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
                              static_cast<utf8proc_ssize_t>(word.size()), &folded, options);
  if (n < 0) return {};
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(folded, &std::free);
  std::string out;
  bool space = false;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    const auto c = static_cast<char>(folded[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace tribune::protocol
