#pragma once
// A topic's preparation (notes and questionnaire for the panel, the panelists' answers): its
// decisions and evolution, which channel.cpp dispatches to, and its view.
#include "engine/channel/channel.hpp"

namespace tribune::engine::channel::prep {

decision on(const state& s, const context& c, const pc::set_preparation& x);
decision on(const state& s, const context& c, const panel_answers& x);
void apply(state& s, const event& e, const ev::preparation_set& x);
void apply(state& s, const event& e, const ev::questionnaire_answered& x);

// The whole preparation, every answer included (the organizer's view of a topic).
pc::preparation_view view_of(const topic& t);

}  // namespace tribune::engine::channel::prep
