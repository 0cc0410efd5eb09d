#pragma once
// Flags, not silent filters: a question, an argument or a participant's name holding a word of the
// debate's list is flagged when it arrives (the word is kept in its event, so the log says why, and
// folding it again gives the same flags). A flagged item waits in the moderators' flagged lane with
// that word as the reason; nothing is removed automatically, and a removal still goes through the
// public log. The list is the shipped one (French and English, protocol/flags.hpp) until the
// organizer replaces it; the list and the flags reach moderators only.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types.hpp"
#include "protocol/flags.hpp"

namespace tribune::engine {

namespace ev {
// `shipped`: back to the shipped list (`words` empty).
struct flag_words_set {
  static constexpr std::string_view name = "flag_words_set";
  static constexpr bool backstage = true;
  std::vector<std::string> words;
  bool shipped = false;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(flag_words_set, words, shipped)
}  // namespace ev

namespace cmd {
// The organizer's, through REST: a list of its own, or back to the shipped one.
struct set_flag_words {
  std::vector<std::string> words;
  bool shipped = false;
};
}  // namespace cmd

struct flags_state {
  bool own_flag_words = false;          // false: the shipped list
  std::vector<std::string> flag_words;  // the organizer's list, when own_flag_words
  std::vector<std::string> flag_patterns;
};

namespace flags {
using commands = type_list<cmd::set_flag_words>;
using events = type_list<ev::flag_words_set>;
}  // namespace flags

decision decide(const state& s, const context& c, const cmd::set_flag_words& x);
void apply(state& s, const event& e, const ev::flag_words_set& x);
protocol::data::flag_words view_of(const state& s, const ev::flag_words_set& x, view v);

// The word of the list in force (a debate's, or a channel's) that `text` holds, or empty: what
// flags it.
std::string flag_for(const flags_state& s, std::string_view text);
// The list in force, as the organizer reads it.
protocol::data::flag_words flag_words_view(const flags_state& s);
// Whether `x` would change the list in force (the same list again changes nothing); nullopt, or why
// it is refused.
std::optional<rejection> refuse_flag_words(const cmd::set_flag_words& x);
bool changes_flag_words(const flags_state& s, const cmd::set_flag_words& x);
void fold(flags_state& s, const ev::flag_words_set& x);

}  // namespace tribune::engine
