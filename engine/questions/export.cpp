#include "engine/questions/export.hpp"

#include <array>
#include <ctime>

#include "protocol/ids.hpp"
#include "protocol/words.hpp"

namespace tribune::engine {
namespace {

std::string name_of(const state& s, participant_id id) {
  const auto* p = s.find_participant(id);
  return p != nullptr ? p->name : std::string();
}

std::string yes(bool b) { return b ? "yes" : "no"; }

std::string before_kind(const question& q) {
  if (q.before.by.empty()) return {};
  if (!q.before.argument) return "question";
  return q.before.stance == protocol::side::none ? "argument"
                                                 : "argument " + std::string(protocol::word(q.before.stance));
}

}  // namespace

std::string utc_time(std::int64_t ms) {
  const auto secs = static_cast<std::time_t>(ms / 1000);
  std::tm parts{};
  gmtime_r(&secs, &parts);
  std::array<char, 32> text{};
  const auto n = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return {text.data(), n};
}

table questions_table(const state& s) {
  table t{{"id", "asked_at", "author", "anonymous", "sent_before_by", "sent_before_as", "status", "votes", "pinned",
           "text", "dismiss_reason"},
          {}};
  t.rows.reserve(s.questions.size());
  for (const auto& q : s.questions) {
    const bool named = q.author != 0 && !q.anonymous;
    t.rows.push_back({protocol::format_question(q.id), utc_time(q.asked_at), named ? name_of(s, q.author) : "",
                      yes(q.anonymous), q.before.by, before_kind(q), std::string(protocol::word(q.status)),
                      std::to_string(q.voters.size()), yes(q.pinned), q.text, q.dismiss_reason});
  }
  return t;
}

table moderation_table(const state& s) {
  table t{{"seq", "at", "action", "question", "argument", "participant", "reason"}, {}};
  t.rows.reserve(s.log.size());
  for (const auto& e : s.log) {
    t.rows.push_back({std::to_string(e.seq), utc_time(e.at), std::string(protocol::word(e.action)),
                      e.question != 0 ? protocol::format_question(e.question) : "",
                      e.argument != 0 ? protocol::format_argument(e.argument) : "",
                      e.participant != 0 ? name_of(s, e.participant) : "", e.reason});
  }
  return t;
}

}  // namespace tribune::engine
