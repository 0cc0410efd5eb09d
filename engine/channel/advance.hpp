#pragma once
// Questions and arguments sent before the show: their decisions and evolution, which channel.cpp
// dispatches to, and what the topic's views show of them.
#include "engine/channel/channel.hpp"

namespace tribune::engine::channel::advance {

decision on(const state& s, const context& c, const pc::send_advance& x);
decision on(const state& s, const context& c, const take_advance& x);
void apply(state& s, const event& e, const ev::advance_sent& x);
void apply(state& s, const event& e, const ev::advance_taken& x);

// Fills the topic view's count, whether more are taken, the visitor's own and, for the organizer,
// every one.
void show(const state& s, const topic& t, const who& by, pc::topic_detail& d);

// One item as the views show it, sent at `at`.
pc::advance_view view_of(const state& s, const ev::advance_sent& a, std::int64_t at);

// The items the show's queue does not hold yet, oldest first.
std::vector<const ev::advance_sent*> not_taken(const topic& t);

}  // namespace tribune::engine::channel::advance
