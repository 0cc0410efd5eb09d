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
  if (auto refused = refuse_flag_words(x)) return *std::move(refused);
  if (!changes_flag_words(s, x)) return events{};
  return events{ev::flag_words_set{x.words, x.shipped}};
}

void apply(state& s, const event&, const ev::flag_words_set& x) { fold(s, x); }

protocol::data::flag_words view_of(const state& s, const ev::flag_words_set&, view) { return flag_words_view(s); }

std::optional<rejection> refuse_flag_words(const cmd::set_flag_words& x) {
  if (x.shipped && !x.words.empty()) return rejection{error_code::invalid_field, "words: none with the shipped list"};
  return std::nullopt;
}

bool changes_flag_words(const flags_state& s, const cmd::set_flag_words& x) {
  return x.shipped ? s.own_flag_words : !s.own_flag_words || s.flag_words != x.words;
}

void fold(flags_state& s, const ev::flag_words_set& x) {
  s.own_flag_words = !x.shipped;
  s.flag_words = x.words;
  s.flag_patterns = protocol::flag_patterns(x.words);
}

std::string flag_for(const flags_state& s, std::string_view text) {
  if (s.own_flag_words) return protocol::find_flag(text, s.flag_words, s.flag_patterns);
  static const auto shipped = protocol::flag_patterns(protocol::shipped_flag_words());
  return protocol::find_flag(text, protocol::shipped_flag_words(), shipped);
}

protocol::data::flag_words flag_words_view(const flags_state& s) {
  return {s.own_flag_words ? s.flag_words : protocol::shipped_flag_words(), !s.own_flag_words};
}

}  // namespace tribune::engine
