#pragma once
// Words that flag a text for the moderators: a question, an argument or a name holding one waits
// in the moderators' flagged lane with the word as its reason. A flag never removes anything, and
// nobody but the moderators ever sees one. Matching reads texts as search does (search.hpp): case,
// accents and punctuation aside, whole words ("con" flags "Quel con !" but not "conseil"), or word
// starts for a word written with a final `*` ("encul*"); a word of several words flags that
// sequence. French and English lists are shipped; an organizer replaces them per debate or channel.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace tribune::protocol {

// The shipped list: French and English words, as an organizer would write them.
const std::vector<std::string>& shipped_flag_words();

// What `word` is looked for as, in a search_text; empty for a word without a letter or a digit.
std::string flag_pattern(std::string_view word);
std::vector<std::string> flag_patterns(const std::vector<std::string>& words);

// The first of `words` (with their `patterns`) that `text` holds, or empty.
std::string find_flag(std::string_view text, const std::vector<std::string>& words,
                      const std::vector<std::string>& patterns);

namespace data {
// flag_words_set (to moderators only), and GET/PUT /api/debates/{id}/flag_words.
struct flag_words {
  std::vector<std::string> words;
  bool shipped = true;
};
void to_json(nlohmann::json& j, const flag_words& v);
}  // namespace data

}  // namespace tribune::protocol
