#pragma once
// A visitor's recent actions of one kind, as many as its rate allows, oldest first: every rate of
// a channel (proposals, opinions, comments, submissions, questions sent before the show) is kept
// and checked the same way.
#include <cstdint>
#include <vector>

namespace tribune::engine::channel {

// True when `recent` already holds `limit` times within `window_ms` of `now`.
inline bool over_rate(const std::vector<std::int64_t>& recent, std::size_t limit, std::int64_t window_ms,
                      std::int64_t now) {
  return recent.size() >= limit && now - recent[recent.size() - limit] < window_ms;
}

// A few entries at most: erasing the oldest costs less than a deque's first allocation.
inline void remember(std::vector<std::int64_t>& recent, std::size_t limit, std::int64_t at) {
  recent.push_back(at);
  if (recent.size() > limit) recent.erase(recent.begin());
}

}  // namespace tribune::engine::channel
