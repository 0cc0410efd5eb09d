#pragma once
// The organizer's exports of questions and of the moderation log, as rows of text; the codec
// writes them as CSV (protocol/csv.hpp). Everything moderators see, except who asked an anonymous
// question.
#include <string>
#include <vector>

#include "engine/state.hpp"

namespace tribune::engine {

struct table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// Every question, oldest first, whatever its status, with a dismissed one's reason.
table questions_table(const state& s);
// The whole moderation log, oldest first, with every reason (private moderation included).
table moderation_table(const state& s);

// An instant as ISO 8601 in UTC, to the second: "2026-12-01T17:06:15Z".
std::string utc_time(std::int64_t ms);

}  // namespace tribune::engine
