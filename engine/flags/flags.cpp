// Flags: the debate's word list, its changes, and what a text is flagged for.
#include "engine/flags/flags.hpp"

#include "engine/decision.hpp"
#include "engine/state.hpp"
#include "protocol/flags.hpp"

namespace tribune::engine {

using protocol::error_code;

decision decide(const state& s, const context& c, const cmd::set_flag_words& x) {
  if (c.who.role != protocol::role::organizer) {
    return reject(error_code::forbidden, "only the organizer sets the words that flag");
  }
  if (x.shipped && !x.words.empty()) return reject(error_code::invalid_field, "words: none with the shipped list");
  if (x.shipped ? !s.own_flag_words : s.own_flag_words && s.flag_words == x.words) return events{};
  return events{ev::flag_words_set{x.words, x.shipped}};
}

void apply(state& s, const event&, const ev::flag_words_set& x) {
  s.own_flag_words = !x.shipped;
  s.flag_words = x.words;
  s.flag_patterns = protocol::flag_patterns(x.words);
}

protocol::data::flag_words view_of(const state& s, const ev::flag_words_set&, view) { return flag_words_view(s); }

std::string flag_for(const state& s, std::string_view text) {
  if (s.own_flag_words) return protocol::find_flag(text, s.flag_words, s.flag_patterns);
  static const auto shipped = protocol::flag_patterns(protocol::shipped_flag_words());
  return protocol::find_flag(text, protocol::shipped_flag_words(), shipped);
}

protocol::data::flag_words flag_words_view(const state& s) {
  return {s.own_flag_words ? s.flag_words : protocol::shipped_flag_words(), !s.own_flag_words};
}

}  // namespace tribune::engine
