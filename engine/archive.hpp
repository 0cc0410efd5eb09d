#pragma once
// What the public archive may show of each event. The archive holds every event, so that its hash
// chain is whole; an event the public could not read in the room is sealed (only its digest is
// archived, protocol/archive.hpp). The rule reads the debate as it stands when the archive is made.
#include "engine/state.hpp"

namespace tribune::engine {

// Sealed: events carrying credentials (the debate's links, a participant's or a panelist's); a
// contact left (its text is never in the log, ADR 0010, but who consented to what is private); who
// voted, rated or upvoted what; questions and arguments the public never saw (pending, or
// dismissed while moderation is private), and anonymous questions, whose author the body names;
// every moderation reason and sanction while moderation is private; everything backstage (cues, the
// moderators' messages, the moderator links and their names). An event a moderator's command made
// keeps its "by" (the moderator link's number, never its name).
bool public_in_archive(const state& s, const event_body& body);

}  // namespace tribune::engine
