// The opinion map as the pages hold it (docs/protocol.md, "Opinion map"; docs/opinion-map.md for
// the method): the latest `opinion` and `opinion_you` kept in the room, and the figures the pages
// read from them. Pure functions over plain data, importing nothing, so that tests/web runs them
// in Node; the drawing is opinion_map.js.
//
// A group keeps its colour and its marker by its letter, not by its place in `groups`: when group B
// disappears, C stays the colour it was. Letters run from A; the analysis never shows more than
// five groups, so five colours (opinion.css) and five markers cover them, and a sixth letter would
// take the first again.

export const groupColours = 5;

// The colour and marker of a group by its letter: 0 for A, 1 for B…
export const groupSlot = (letter) => ((String(letter || 'A').charCodeAt(0) - 65) % groupColours + groupColours) % groupColours;

// The fields an opinion body may carry, checked once so that every page reads lists and numbers.
function clean(m) {
  const list = (v) => (Array.isArray(v) ? v : []);
  return {
    counted: Number(m.counted) || 0,
    min_ratings: Number(m.min_ratings) || 0,
    groups: list(m.groups).map((g) => ({ ...g, representatives: list(g.representatives) })),
    unites: list(m.unites),
    divides: list(m.divides),
    questions: list(m.questions),
    dots: list(m.dots),
  };
}

// Folds an `opinion` or `opinion_you` message into the room (room.opinion, room.opinionYou); a
// snapshot clears both (room.js's emptyRoom), and the server sends them again right after it.
// Returns whether the message was one of them.
export function applyOpinion(room, m) {
  if (m?.type === 'opinion') {
    room.opinion = clean(m);
    return true;
  }
  if (m?.type === 'opinion_you') {
    room.opinionYou = m.group ? { group: m.group, x: Number(m.x) || 0, y: Number(m.y) || 0 } : null;
    return true;
  }
  return false;
}

// Whether there is a map to show: at least one group.
export const hasGroups = (opinion) => Boolean(opinion && opinion.groups.length > 0);

// The figures of `opinion` (unites or divides) whose argument the page knows the text of, at most
// `limit`, each as { id, text, agree: [{ letter, share }] } with one share per group, in the order
// of `groups`. `textOf(id)` is the argument's text, or undefined. The server keeps the lists apart:
// only what a majority of every group agrees with unites.
export function argumentRows(opinion, list, textOf, limit = 5) {
  if (!hasGroups(opinion)) return [];
  const rows = [];
  for (const item of opinion[list] || []) {
    const text = textOf(item.argument);
    if (text === undefined) continue;
    const agree = opinion.groups.map((g, i) => ({ letter: g.group, share: Number(item.agree?.[i]) || 0 }));
    rows.push({ id: item.argument, text, agree });
    if (rows.length === limit) break;
  }
  return rows;
}

// A group's representative arguments the page knows the text of: { id, text, inside, outside }.
export function representatives(group, textOf) {
  return (group?.representatives || []).flatMap((r) => {
    const text = textOf(r.argument);
    return text === undefined ? [] : [{ id: r.argument, text, inside: Number(r.p_in) || 0, outside: Number(r.p_out) || 0 }];
  });
}

// Each question's bridging (the smallest share of any group that upvoted it), by id; a question
// not listed bridges 0. Remembered per opinion body: a queue of thousands sorts on it often.
const bridgingMaps = new WeakMap();
export function bridgingOf(opinion) {
  if (!opinion) return new Map();
  let map = bridgingMaps.get(opinion);
  if (!map) {
    map = new Map(opinion.questions.map((q) => [q.question, Number(q.bridging) || 0]));
    bridgingMaps.set(opinion, map);
  }
  return map;
}

// The person's own group as `groups` holds it, or null.
export function myGroup(opinion, you) {
  if (!you?.group || !opinion) return null;
  return opinion.groups.find((g) => g.group === you.group) || null;
}

// How many more arguments the person must rate to be counted: `ratings` (argument id → rating)
// counts only the arguments still published (`published(id)`). Null while `min_ratings` is unknown.
export function ratingsMissing(opinion, ratings, published) {
  if (!opinion?.min_ratings) return null;
  const done = Object.keys(ratings || {}).filter(published).length;
  return Math.max(0, opinion.min_ratings - done);
}

// The report's `opinion` (docs/protocol.md, "Report and replay"): the final map when it has groups,
// and the groups' sizes minute by minute, each letter one series with 0 for the minutes it was not
// shown. The report lists only the minutes that changed the map, so a minute it leaves out holds
// the one before it: every minute from the first listed to the last is given. Null when there is
// nothing to show.
export function reportOpinion(report) {
  const o = report?.opinion;
  if (!o?.final) return null;
  const final = clean(o.final);
  if (!hasGroups(final)) return null;
  const listed = (Array.isArray(o.minutes) ? o.minutes : []).filter((m) => Number.isInteger(m?.minute) && m.minute >= 0)
    .sort((a, b) => a.minute - b.minute);
  const minutes = [];
  for (const [i, m] of listed.entries()) {
    const next = listed[i + 1]?.minute ?? m.minute + 1;
    for (let minute = m.minute; minute < next; minute++) minutes.push({ minute, counted: m.counted || 0, groups: m.groups || [] });
  }
  const letters = [...new Set(minutes.flatMap((m) => m.groups.map((g) => g.group)))].sort();
  const series = letters.map((letter) => ({ letter, sizes: minutes.map((m) => m.groups.find((g) => g.group === letter)?.size || 0) }));
  return { final, minutes: minutes.map(({ minute, counted }) => ({ minute, counted })), series };
}

// The groups as they stood at `at` (a replay's moment): the report's last minute closed before the
// one `at` falls in (a minute's entry is the map at its end), or from the show's end on the last,
// as { minute, counted, groups }; null before any. Minute 0 starts with the show.
export function groupsAt(report, at) {
  const started = report?.started_at;
  const listed = Array.isArray(report?.opinion?.minutes) ? report.opinion.minutes : [];
  if (!Number.isFinite(started) || !Number.isFinite(at) || at <= started) return null;
  const ended = Number.isFinite(report.ended_at) && at >= report.ended_at;
  const minute = ended ? Infinity : Math.floor((at - started) / 60000);
  const closed = listed.filter((m) => Number.isInteger(m?.minute) && m.minute < minute && Array.isArray(m.groups));
  const last = closed.reduce((a, m) => (a === null || m.minute > a.minute ? m : a), null);
  return last && last.groups.length > 0 ? last : null;
}
