#pragma once
// Flags, not silent filters, on a channel: a proposal (its title, pitch or location) or a comment
// holding a word of the channel's list, or whose author's name holds one, arrives flagged, the word
// kept in its event. Flagged texts
// wait in the organizer's flagged lane with that word as the reason until the organizer hides them
// (with a public reason, in the channel's moderation log) or leaves them be; nothing is removed
// automatically and no public view holds a flag. The list is the shipped one (French and English)
// until the organizer writes the channel's own; a debate made from one of its topics starts with it.
#include <string>
#include <string_view>
#include <vector>

#include "engine/channel/channel.hpp"
#include "protocol/flags.hpp"

namespace tribune::engine::channel::word_flags {

decision on(const state& s, const context& c, const cmd::set_flag_words& x);
void apply(state& s, const event& e, const engine::ev::flag_words_set& x);

// The word of the channel's list that `text` holds, or empty.
std::string flag_for(const state& s, std::string_view text);

// What flags a visitor's proposal or comment: a word its text holds, else one its author's name
// holds (the name shows beside it); `in_name` says which.
struct text_flag {
  std::string word;
  bool in_name = false;
};
text_flag flag_of(const state& s, const identity& author, std::string_view text);

// The lane: flagged proposals and comments not hidden, newest first, at most
// protocol::max_flagged_shown.
std::vector<protocol::data::flagged_text> lane(const state& s);

}  // namespace tribune::engine::channel::word_flags
