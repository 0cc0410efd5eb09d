#pragma once
// The organizer's exports of arguments, polls and talk time, as rows of text (the questions' and
// the moderation log's are in questions/export.hpp); the codec writes them as CSV.
#include "engine/questions/export.hpp"
#include "engine/state.hpp"

namespace tribune::engine {

// Every argument, oldest first, whatever its status, with its figures and how many ballots named
// it as what changed the voter's mind.
table arguments_table(const state& s);
// One row per poll and option (per word for a word cloud): counts only, never who chose what.
table polls_table(const state& s);
// The floor time of each speaker who held it, longest first.
table talk_time_table(const state& s);
// The contacts audience members left, each with the consents it was left with (there is no
// contact without one), in the order they joined. An erased contact is not there.
table contacts_table(const state& s);

}  // namespace tribune::engine
