#include "protocol/flags.hpp"

#include <nlohmann/json.hpp>

#include "protocol/search.hpp"

namespace tribune::protocol {

const std::vector<std::string>& shipped_flag_words() {
  // Insults and slurs common in French and English comment sections; a word ending in `*` flags
  // every word it starts, so a stem that starts innocent words in either language is written whole
  // ("pédé", not "pédé*", which flags "pedestrians"; "retarded", since "retard" is French for late).
  static const std::vector<std::string> words = {
      // French
      "abruti*", "bâtard*", "batard*", "bouffon*", "branleur*", "casse-toi", "chienne", "con", "conne", "connard*",
      "connasse*", "couillon*", "crétin*", "débile*", "dégénéré*", "enculé*", "encule*", "enfoiré*", "fdp",
      "fils de pute", "ferme ta gueule", "ftg", "gogol*", "grognasse*", "imbécile*", "merde", "nique ta mère", "ntm",
      "pauvre type", "pédé", "pédés", "pétasse*", "pouffiasse*", "putain", "pute", "putes", "salaud*", "salope*",
      "sous-merde*", "tarlouze*", "va te faire", "négro*", "bougnoul*",
      // English
      "asshole*", "bastard*", "bitch*", "bullshit", "cunt*", "dickhead*", "dumbass*", "fag", "faggot*", "fuck*",
      "idiot*", "jackass*", "moron*", "motherfucker*", "nigger*", "piece of shit", "retarded", "scumbag*", "shit",
      "shithead*", "slut*", "stfu", "twat*", "wanker*", "whore*"};
  return words;
}

std::string flag_pattern(std::string_view word) {
  const bool starts = !word.empty() && word.back() == '*';
  if (starts) word.remove_suffix(1);
  auto pattern = search_text(word);  // " word " or " several words "
  if (pattern.size() <= 1) return {};
  if (starts) pattern.pop_back();  // " word": any word it starts
  return pattern;
}

std::vector<std::string> flag_patterns(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  out.reserve(words.size());
  for (const auto& w : words) out.push_back(flag_pattern(w));
  return out;
}

std::string find_flag(std::string_view text, const std::vector<std::string>& words,
                      const std::vector<std::string>& patterns) {
  const auto haystack = search_text(text);
  for (std::size_t i = 0; i < patterns.size() && i < words.size(); ++i) {
    if (!patterns[i].empty() && haystack.find(patterns[i]) != std::string::npos) return words[i];
  }
  return {};
}

namespace data {
void to_json(nlohmann::json& j, const flag_words& v) { j = nlohmann::json{{"words", v.words}, {"shipped", v.shipped}}; }

std::string encode_flagged(const std::vector<flagged_text>& lane) {
  auto items = nlohmann::json::array();
  for (const auto& f : lane) {
    nlohmann::json item = {
        {"topic", format_topic(f.topic)}, {"by", f.by}, {"at", f.at}, {"text", f.text}, {"flag", f.flag}};
    if (f.comment != 0) item["comment"] = format_comment(f.comment);
    if (f.in_name) item["in_name"] = true;
    items.push_back(std::move(item));
  }
  return nlohmann::json{{"flagged", std::move(items)}}.dump();
}
}  // namespace data

}  // namespace tribune::protocol
