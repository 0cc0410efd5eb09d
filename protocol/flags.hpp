#pragma once
// Words that flag a text for the moderators: a question, an argument or a name holding one waits
// in the moderators' flagged lane with the word as its reason. A flag never removes anything, and
// nobody but the moderators ever sees one. Matching reads texts as search does (search.hpp): case,
// accents and punctuation aside, whole words ("con" flags "Quel con !" but not "conseil"), or word
// starts for a word written with a final `*` ("encul*"); a word of several words flags that
// sequence. French and English lists are shipped; an organizer replaces them per debate or channel.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "protocol/ids.hpp"

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

// A channel's flagged lane, GET /api/channels/{id}/flagged (organizer only): a proposal
// (`comment` 0, its title as `text`) or a comment, with its author's name and the word that flags it.
constexpr std::size_t max_flagged_shown = 500;
struct flagged_text {
  topic_id topic = 0;
  comment_id comment = 0;
  std::string by;
  std::int64_t at = 0;
  std::string text;
  std::string flag;
  bool in_name = false;  // the word is in the author's name, not in the text
};
std::string encode_flagged(const std::vector<flagged_text>& lane);
}  // namespace data

}  // namespace tribune::protocol
