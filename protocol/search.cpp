#include "protocol/search.hpp"

#include <algorithm>

#include "protocol/terms.hpp"

namespace tribune::protocol {
namespace {

// ASCII letters and digits, and every byte of a multi-byte character (a letter of another script).
bool word_byte(unsigned char c) { return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }

}  // namespace

std::string search_text(std::string_view text) {
  const auto folded = fold_word(text);
  std::string out;
  out.reserve(folded.size() + 2);
  out.push_back(' ');
  for (const char ch : folded) {
    const auto c = static_cast<unsigned char>(ch);
    if (word_byte(c)) {
      out.push_back(ch);
    } else if (out.back() != ' ') {
      out.push_back(' ');
    }
  }
  if (out.back() != ' ') out.push_back(' ');
  return out;
}

std::vector<std::string> search_words(std::string_view query, std::size_t max_words) {
  const auto text = search_text(query);
  std::vector<std::string> out;
  std::size_t at = 1;
  while (at < text.size() && out.size() < max_words) {
    const auto end = text.find(' ', at);
    auto word = " " + text.substr(at, end - at);
    if (std::find(out.begin(), out.end(), word) == out.end()) out.push_back(std::move(word));
    at = end + 1;
  }
  return out;
}

bool matches(std::string_view text, const std::vector<std::string>& words) {
  return std::all_of(words.begin(), words.end(),
                     [text](const std::string& w) { return text.find(w) != std::string_view::npos; });
}

}  // namespace tribune::protocol
