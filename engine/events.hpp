#pragma once
// Events: the facts a debate's log is made of, past tense, each defined by the slice it belongs to
// and gathered here into one variant. Stored as JSON (`to_record` / `from_record`); shown to
// clients only through views (engine.hpp).
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/arguments/arguments.hpp"
#include "engine/backstage/backstage.hpp"
#include "engine/debate/debate.hpp"
#include "engine/flags/flags.hpp"
#include "engine/polls/polls.hpp"
#include "engine/predictions/predictions.hpp"
#include "engine/privacy/privacy.hpp"
#include "engine/questions/questions.hpp"
#include "engine/quiz/quiz.hpp"
#include "engine/reactions/reactions.hpp"
#include "engine/stage/stage.hpp"
#include "engine/team/team.hpp"

namespace tribune::engine {

using all_events =
    concat<debate::events, questions::events, reactions::events, stage::events, arguments::events, polls::events,
           privacy::events, backstage::events, predictions::events, quiz::events, team::events, flags::events>::type;
using event_body = variant_of<all_events>::type;

struct event {
  seq_t seq = 0;
  std::int64_t at = 0;  // milliseconds since the epoch, from the command's context
  event_body body;
  // On the last event of a command sent with an idempotency key: that key, scoped to its sender
  // ("<actor>/<key>"). Empty otherwise. Never shown to clients.
  std::string key;
  // The moderator link whose command this event comes from (team/); 0 for anyone else. Stored in
  // the body as "by" (a number: the public archive never holds a moderator's name). Views name the
  // moderator to moderators, and to the public only if the organizer names moderators in public.
  protocol::moderator_id by = 0;
};

std::string_view event_name(const event_body& body);

// Storage form: the event's name and a JSON body holding every field (credentials included), the
// texts it names (kept beside the log by ref, types.hpp), and the refs of the kept texts it erases.
struct event_record {
  seq_t seq = 0;
  std::int64_t at = 0;
  std::string type;
  std::string body;
  std::string key;  // see event::key
  std::vector<contact_row> contacts;
  std::vector<std::uint32_t> erased;
};

event_record to_record(const event& e);
// Throws std::runtime_error on a record this version cannot read (a corrupt or newer log).
event from_record(const event_record& r);

}  // namespace tribune::engine
