#pragma once
// The words of the `channel` scenario's channel: topic titles, pitches, places, comments, names and
// the searches visitors type, in French, drawn from fixed lists with the scenario's random
// generator, so that a seed always writes the same channel and a search always has topics to find.
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

class french_text {
 public:
  explicit french_text(std::mt19937_64& rng);

  std::string title();     // "Le télétravail : quel avenir pour les PME ?", at most 140 bytes
  std::string pitch();     // three to six sentences
  std::string location();  // a town, a place in a town, or empty (online)
  std::string comment();
  std::string reply();
  std::string feedback();  // an opinion's private word to the organizer
  std::string decline_reason();
  std::string merge_reason();
  std::string hide_reason();
  std::string person();  // "Camille R."
  std::string channel_description();
  // What a visitor types in the search box: one or two words of the lists above, sometimes only
  // the start of a word, with their accents.
  std::string query();

  // `text` percent-encoded for a query string (every byte but the unreserved ones).
  static std::string url_encoded(std::string_view text);

 private:
  template <class List>
  std::string_view any(const List& list);
  // `pattern` with {S} a subject, {P} an audience, {V} a town, {R} a role and {Y} a year.
  std::string fill(std::string_view pattern);
  bool chance(double p);

  std::mt19937_64& rng_;
  std::vector<std::string> query_words_;
};

}  // namespace bench
