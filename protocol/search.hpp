#pragma once
// Words to search by: a text folded (NFKC, case fold, accents stripped) and cut at everything that
// is neither a letter nor a digit. "L'Été du Télétravail !" reads " l ete du teletravail ". A
// query's words match a text when each starts one of its words.
#include <string>
#include <string_view>
#include <vector>

namespace tribune::protocol {

// The text's words, each preceded by one space, with a space at the end: ready for prefix finds.
std::string search_text(std::string_view text);
// A query's distinct words, at most `max_words`, in the order given.
std::vector<std::string> search_words(std::string_view query, std::size_t max_words = 8);
// True when every word starts a word of `text` (a search_text).
bool matches(std::string_view text, const std::vector<std::string>& words);

}  // namespace tribune::protocol
