// The end of the show as every screen shows it (the phone, the stage, the overlay): once the
// moderators end it, a closing view says so, names the debate, gives its result and where its
// report is read. The result is the Oxford swing when the vote after the debate is known, else the
// latest poll whose results were revealed, else nothing; the pages draw it with their own poll and
// Oxford templates (widgets.js, stage_view.js).

// Whether the show has ended: by the room once its state arrived (a snapshot sets room.debate),
// else by the debate as the page fetched it (GET /api/join or /api/debates/{id}, `status` "ended"),
// so a page opened after the end shows its closing view at once.
export function showEnded(room, debate) {
  if (room.debate) return room.show.status === 'ended';
  return debate?.status === 'ended';
}

// The report's page for a debate's join code: /r/CODE.
export const reportPath = (code) => `/r/${encodeURIComponent(code)}`;

// What the closing view shows as the result: `{ oxford }`, `{ poll }` (the latest revealed poll
// that is not one of the Oxford pair, whose options are the sides) or null.
export function closingResult(room) {
  if (room.oxford) return { oxford: room.oxford };
  const poll = revealedPolls(room).at(-1);
  return poll ? { poll } : null;
}

// Every poll whose results the public may read, oldest first, the Oxford pair aside.
export function revealedPolls(room) {
  return [...room.polls.values()].filter((p) => p.revealed && p.tally && !p.oxford);
}
